import type {
  RegistrationRequestsTable,
  RegistrationStepAction,
  RegistrationStepsTable,
} from '../../db/schema/registration.ts';
import { IDENTIFIER_POLICY, IP_POLICY, type ThrottleKey, type ThrottlePolicy } from '../../security/login-throttle.ts';

/** One answer for every key/number mismatch, so a guess reveals neither which account numbers exist nor which part was wrong. */
export const PORTAL_KEY_MISMATCH_MESSAGE = 'That portal key and account number do not match. Check both and try again.';

// Filing a request costs staff time: a handful per address per hour is plenty for a real visitor.
export const REQUEST_IP_POLICY: ThrottlePolicy = {
  freeFailures: 5,
  waitIncrementSeconds: 600,
  maxWaitSeconds: 3_600,
  forgetAfterSeconds: 3_600,
};

export function normalizeAccountNumber(accountNumber: string): string {
  return accountNumber.trim().toUpperCase();
}

/** Key guesses count against the account number (targeted guessing) and the address (spraying). */
export function portalKeyThrottleKeys(accountNumber: string, ipAddress: string | null): ThrottleKey[] {
  const keys: ThrottleKey[] = [
    { key: `registration:account:${normalizeAccountNumber(accountNumber)}`, policy: IDENTIFIER_POLICY },
  ];
  if (ipAddress) keys.push({ key: `registration:ip:${ipAddress}`, policy: IP_POLICY });
  return keys;
}

export function requestThrottleKeys(ipAddress: string | null): ThrottleKey[] {
  return ipAddress ? [{ key: `registration-request:ip:${ipAddress}`, policy: REQUEST_IP_POLICY }] : [];
}

export type StepListProblem =
  | 'needs_one_send_portal_key'
  | 'needs_one_close'
  | 'close_must_be_last'
  | 'duplicate_names';

export const STEP_LIST_PROBLEM_MESSAGES: Record<StepListProblem, string> = {
  needs_one_send_portal_key: 'Keep exactly one step that sends the portal key.',
  needs_one_close: 'Keep exactly one step that closes the request.',
  close_must_be_last: 'The closing step must be the last one.',
  duplicate_names: 'Give every step a different name.',
};

/** The steps a vendor may configure: any names and extra steps, but one key-sending step and a closing step last. */
export function checkStepList(steps: Array<{ name: string; action: RegistrationStepAction }>): StepListProblem | null {
  if (steps.filter((step) => step.action === 'send_portal_key').length !== 1) return 'needs_one_send_portal_key';
  if (steps.filter((step) => step.action === 'close').length !== 1) return 'needs_one_close';
  if (steps.at(-1)?.action !== 'close') return 'close_must_be_last';
  const names = steps.map((step) => step.name.trim().toLowerCase());
  if (new Set(names).size !== names.length) return 'duplicate_names';
  return null;
}

export type StepMoveProblem = 'closed' | 'not_matched';

/** A closed request stays closed; the portal key only goes to a request matched to an account. */
export function checkStepMove(
  request: Pick<RegistrationRequestsTable, 'state' | 'accountId'>,
  step: Pick<RegistrationStepsTable, 'action'>,
): StepMoveProblem | null {
  if (request.state === 'closed') return 'closed';
  if (step.action === 'send_portal_key' && (request.state !== 'matched' || !request.accountId)) return 'not_matched';
  return null;
}

/**
 * How the visitor's email joins the matched contact: as the primary when the contact has none, as an
 * "other" email when it differs from the primary, not at all when the contact already has it.
 */
export function emailKindToAdd(
  existing: Array<{ emailNormalized: string; kind: 'primary' | 'other' }>,
  emailNormalized: string,
): 'primary' | 'other' | null {
  if (existing.some((email) => email.emailNormalized === emailNormalized)) return null;
  return existing.some((email) => email.kind === 'primary') ? 'other' : 'primary';
}

export type BulkSkipReason =
  | 'no_portal_access'
  | 'access_off'
  | 'already_set_up'
  | 'recently_invited'
  | 'account_access_off';

/** A setup link sent within this window is still fresh: the bulk action does not send another. */
export const RECENT_INVITE_SECONDS = 3_600;

export interface BulkPlan {
  invite: Array<{ contactId: string; name: string; email: string }>;
  skipped: Array<{ contactId: string; name: string; email: string | null; reason: BulkSkipReason }>;
}

export interface BulkCandidate {
  contactId: string;
  name: string;
  /** The contact's portal login, present once staff granted it portal access with a portal email. */
  login: { portalEmail: string; enabled: boolean; isSetUp: boolean } | null;
  invitedRecently: boolean;
}

/**
 * Who gets a setup link: every contact with portal access and a portal email whose login is not set
 * up yet, on an account with portal access on, unless a link went out within the last hour.
 */
export function planBulkPortalLogins(input: {
  accountPortalAccessEnabled: boolean;
  contacts: BulkCandidate[];
}): BulkPlan {
  const plan: BulkPlan = { invite: [], skipped: [] };
  for (const contact of input.contacts) {
    const entry = { contactId: contact.contactId, name: contact.name, email: contact.login?.portalEmail ?? null };
    const reason: BulkSkipReason | null = !contact.login
      ? 'no_portal_access'
      : !input.accountPortalAccessEnabled
        ? 'account_access_off'
        : !contact.login.enabled
          ? 'access_off'
          : contact.login.isSetUp
            ? 'already_set_up'
            : contact.invitedRecently
              ? 'recently_invited'
              : null;
    if (reason) plan.skipped.push({ ...entry, reason });
    else plan.invite.push({ ...entry, email: contact.login!.portalEmail });
  }
  return plan;
}
