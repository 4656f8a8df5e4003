import type {
  AccessTimelineEntry,
  PortalAccessAction,
  PortalAccessState,
} from '../../../shared/portal-access-contracts.ts';
import type { OutboxStatus } from '../../db/schema/outbox.ts';
import type { AccessTokenPurpose, AccessTokensTable, PortalLoginsTable } from '../../db/schema/portal-access.ts';
import { normalizeEmail } from '../../security/login-throttle.ts';

// Per-purpose lifetimes, shorter the more a link can do: invitations 48 h, resets 1 h, sign-in links 15 min;
// verification a day.
export const TOKEN_LIFETIME_SECONDS: Record<AccessTokenPurpose, number> = {
  credential_create: 48 * 3600,
  welcome: 48 * 3600,
  password_reset: 3600,
  login_link: 15 * 60,
  email_verification: 24 * 3600,
};

// Which account statuses may use the portal: prospects (onboarding: staff and the property team check the
// setup before the day of onboard) and current accounts. An inactive account's contacts cannot sign in and
// their sessions end when it becomes inactive.
export const PORTAL_ACCOUNT_STATUSES = ['prospect', 'current'] as const;

// Seed 003: the credential-create and reset emails go to every primary address of the contact, as well as
// the portal email. One message each, carrying the same link: each delivery is tracked on its own, so one
// bouncing address does not hide the others. Other access emails go to the portal email only.
const SENT_TO_EVERY_PRIMARY_ADDRESS: ReadonlySet<AccessTokenPurpose> = new Set(['credential_create', 'password_reset']);

/** The addresses an access email goes to: the portal email first, then the primary addresses it shares. */
export function accessEmailRecipients(
  purpose: AccessTokenPurpose,
  portalEmail: string,
  primaryEmails: readonly string[],
): string[] {
  const candidates = SENT_TO_EVERY_PRIMARY_ADDRESS.has(purpose) ? [portalEmail, ...primaryEmails] : [portalEmail];
  const seen = new Set<string>();
  return candidates.filter((email) => {
    const key = normalizeEmail(email);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// A staff-set password stops working after a day if never used: it was seen by someone other than its owner.
export const TEMPORARY_PASSWORD_LIFETIME_SECONDS = 24 * 3600;
// View-as sessions last at most an hour: staff look, they do not stay signed in as a customer.
export const VIEW_AS_LIFETIME_SECONDS = 3600;

// Per recipient a 60 s cooldown (per kind of link) against double clicks, and about 5 access emails an hour
// so Portico cannot be used to flood an inbox.
export const SEND_COOLDOWN_SECONDS = 60;
export const SENDS_PER_HOUR = 5;

type Delivery = NonNullable<AccessTimelineEntry['delivery']>;

/** What the timeline calls an outbox status. */
export function deliveryOf(status: OutboxStatus): Delivery {
  if (status === 'dead') return 'failed';
  if (status === 'skipped_expired') return 'skipped';
  if (status === 'processing') return 'sending';
  return status;
}

// The worst delivery first: one failed address shows on the event, not only on its own line.
const DELIVERY_RANK: Delivery[] = ['failed', 'skipped', 'cancelled', 'disabled', 'queued', 'sending', 'sent'];

/** One delivery for an email that went to several recipients: the worst of theirs. */
export function overallDelivery(deliveries: readonly Delivery[]): Delivery | null {
  return DELIVERY_RANK.find((delivery) => deliveries.includes(delivery)) ?? null;
}

/** The help articles' portal access states, derived from the stored login (or its absence). */
export function portalAccessState(login: PortalLoginsTable | undefined, isLocked: boolean): PortalAccessState {
  if (!login) return 'no_access';
  if (!login.enabled) return 'deactivated';
  if (!login.passwordHash) return login.username ? 'not_activated' : 'no_username';
  return isLocked ? 'locked' : 'active';
}

/**
 * Exactly the actions staff get for each state: an unset login can only be invited ("your only option will be
 * Send Create Credentials Email"); an active one gets reset, login link, welcome and a
 * temporary password; a locked one is unlocked or reset.
 */
export function actionsFor(state: PortalAccessState): PortalAccessAction[] {
  switch (state) {
    case 'no_access':
    case 'deactivated':
      return ['grant'];
    case 'no_username':
      return [
        'grant',
        'send_credential_create',
        'send_password_reset',
        'resend_welcome',
        'set_temporary_password',
        'update_username',
        'revoke',
      ];
    case 'not_activated':
      return [
        'grant',
        'send_credential_create',
        'send_password_reset',
        'resend_welcome',
        'set_temporary_password',
        'update_username',
        'delete_username',
        'revoke',
      ];
    case 'active':
      return [
        'grant',
        'send_password_reset',
        'send_login_link',
        'resend_welcome',
        'set_temporary_password',
        'update_username',
        'delete_username',
        'view_as',
        'revoke',
      ];
    case 'locked':
      return ['grant', 'unlock', 'send_password_reset', 'view_as', 'revoke'];
  }
}

export type TokenProblem = 'used' | 'expired' | 'invalid';

/** Why a stored link can no longer be used, or null when it still can. */
export function tokenProblem(
  token: Pick<AccessTokensTable, 'consumedAt' | 'supersededAt' | 'expiresAt' | 'securityStamp'>,
  login: Pick<PortalLoginsTable, 'enabled' | 'securityStamp'>,
  now: Date,
): TokenProblem | null {
  if (token.consumedAt) return 'used';
  if (token.supersededAt || !login.enabled || token.securityStamp !== login.securityStamp) return 'invalid';
  if (new Date(token.expiresAt) <= now) return 'expired';
  return null;
}

/**
 * Seconds until another access email may go to this contact. The cooldown stops double clicks: it
 * counts only a same-purpose link that still works, so a deliberate send after the old link died (the
 * address was corrected, access was switched off and on) goes at once. The hourly cap counts every send.
 */
export function sendWaitSeconds(
  recentSends: Array<{ purpose: AccessTokenPurpose; createdAt: string; linkLive: boolean }>,
  purpose: AccessTokenPurpose,
  now: Date,
): number {
  const hourAgo = now.getTime() - 3600_000;
  const lastHour = recentSends
    .map((send) => ({ ...send, at: new Date(send.createdAt).getTime() }))
    .filter((send) => send.at > hourAgo);
  let wait = 0;
  const samePurpose = lastHour.filter((send) => send.purpose === purpose && send.linkLive).map((send) => send.at);
  if (samePurpose.length > 0) {
    wait = Math.max(wait, Math.ceil((Math.max(...samePurpose) + SEND_COOLDOWN_SECONDS * 1000 - now.getTime()) / 1000));
  }
  if (lastHour.length >= SENDS_PER_HOUR) {
    const oldestCounted = [...lastHour].sort((left, right) => right.at - left.at)[SENDS_PER_HOUR - 1]!.at;
    wait = Math.max(wait, Math.ceil((oldestCounted + 3600_000 - now.getTime()) / 1000));
  }
  return Math.max(0, wait);
}

export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}

/** What a sign-in identifier is: an email (contains "@") or a username. */
export function identifierKind(login: string): 'email' | 'username' {
  return login.includes('@') ? 'email' : 'username';
}

/** "ma•••@example.com": enough for the owner to recognise an address, not enough to hand it out. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '•••';
  return `${email.slice(0, Math.min(2, at))}•••${email.slice(at)}`;
}

/** "Firefox on Android" from a user agent: enough to recognise a device, without the full string. */
export function deviceSummary(userAgent: string | null): string {
  if (!userAgent) return 'Unknown device';
  const browser =
    [
      ['Edge', /Edg\//],
      ['Opera', /OPR\//],
      ['Firefox', /Firefox\//],
      ['Chrome', /Chrome\/|CriOS\//],
      ['Safari', /Safari\//],
    ].find(([, pattern]) => (pattern as RegExp).test(userAgent))?.[0] ?? 'A browser';
  const system =
    [
      ['Android', /Android/],
      ['iPhone', /iPhone/],
      ['iPad', /iPad/],
      ['Windows', /Windows/],
      ['macOS', /Mac OS X|Macintosh/],
      ['ChromeOS', /CrOS/],
      ['Linux', /Linux/],
    ].find(([, pattern]) => (pattern as RegExp).test(userAgent))?.[0] ?? null;
  return system ? `${browser} on ${system}` : String(browser);
}
