import type { ActorContext } from '../../actor.ts';
import { addSeconds, type Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { DatabaseHandle, Db, Trx } from '../../db/database.ts';
import type { AccountsTable, ContactsTable } from '../../db/database-schema.ts';
import type { AccessEventKind, AccessTokenPurpose, PortalLoginsTable } from '../../db/schema/portal-access.ts';
import { AppError, fieldError, notFound } from '../../errors.ts';
import { newId } from '../../ids.ts';
import { cancelOutboxMessagesForToken, enqueue, templateUsesMergeTag } from '../../outbox/outbox.ts';
import { IDENTIFIER_POLICY, normalizeEmail, type LoginThrottle } from '../../security/login-throttle.ts';
import { checkPassword, PASSWORD_PROBLEM_MESSAGES } from '../../security/passwords.ts';
import { generateToken, hashToken } from '../../security/tokens.ts';
import {
  UsernameSchema,
  type AccessLinkForm,
  type PortalAccess,
  type PortalAccessAction,
} from '../../../shared/portal-access-contracts.ts';
import { recordAudit } from '../audit/index.ts';
import { revealPortalKey } from '../customers/index.ts';
import type { SessionService } from '../sessions/index.ts';
import * as repository from './portal-access-repository.ts';
import {
  accessEmailRecipients,
  actionsFor,
  identifierKind,
  normalizeUsername,
  portalAccessState,
  sendWaitSeconds,
  TOKEN_LIFETIME_SECONDS,
} from './portal-access-rules.ts';

export const INVALID_CUSTOMER_CREDENTIALS_MESSAGE =
  'That username or email and password do not match. Check both and try again.';
/** Said only to someone who gave the right password, so it tells an outsider nothing. */
export const ACCOUNT_INACTIVE_MESSAGE =
  'Your portal access is paused because your account is not active. Contact us to have it reactivated.';
export const PASSWORD_RESET_ACCEPTED_MESSAGE =
  'If a portal login matches, we have emailed a link to reset its password. Check your junk or spam folder if it does not arrive within a few minutes.';

const MESSAGE_KIND_FOR: Record<AccessTokenPurpose, string> = {
  credential_create: 'credential_create',
  password_reset: 'password_reset',
  login_link: 'login_link',
  welcome: 'welcome',
  email_verification: 'email_verification',
};

export const FORM_FOR: Record<AccessTokenPurpose, AccessLinkForm> = {
  credential_create: 'credentials',
  welcome: 'credentials',
  password_reset: 'new_password',
  login_link: 'sign_in',
  email_verification: 'verify_email',
};

export interface PortalAccessServiceDeps {
  db: Db;
  database: Pick<DatabaseHandle, 'kind'>;
  clock: Clock;
  config: Pick<Config, 'publicUrl' | 'secretKey'>;
  sessions: SessionService;
  throttle: LoginThrottle;
}

export interface RequestContext {
  actor: ActorContext;
  userAgent?: string | null;
}

export function loginLockKey(loginId: string): string {
  return `customer-login:${loginId}`;
}

export function identifierKey(identifier: string): string {
  return `customer:${identifier.trim().toLowerCase()}`;
}

export function newStamp(): string {
  return generateToken();
}

/** The reads, checks and writes the customer, link and staff services share. */
export function createPortalAccessCommon(deps: PortalAccessServiceDeps) {
  const { db, database, clock, config, sessions, throttle } = deps;
  const nowIso = () => clock.now().toISOString();
  const signInLink = () => `${config.publicUrl}/portal/sign-in`;

  async function recordEvent(
    executor: Db | Trx,
    event: {
      contactId: string;
      loginId: string | null;
      kind: AccessEventKind;
      purpose?: AccessTokenPurpose | null;
      accessTokenId?: string | null;
      detail?: string | null;
    },
    context: RequestContext,
  ): Promise<void> {
    await repository.insertAccessEvent(executor, {
      id: newId(),
      contactId: event.contactId,
      loginId: event.loginId,
      kind: event.kind,
      purpose: event.purpose ?? null,
      accessTokenId: event.accessTokenId ?? null,
      actorKind: context.actor.actorKind,
      actorId: context.actor.actorId,
      ipAddress: context.actor.ipAddress,
      userAgent: context.userAgent?.slice(0, 300) ?? null,
      detail: event.detail ?? null,
      occurredAt: nowIso(),
    });
  }

  /** Concurrent access decisions about one contact take turns for the rest of the transaction. */
  function lockContact(trx: Trx, contactId: string): Promise<void> {
    return repository.lockContactAccess(trx, database.kind, contactId);
  }

  /** Seconds before another `purpose` email may go to the contact; read inside the sending transaction. */
  async function sendWait(trx: Trx, contactId: string, purpose: AccessTokenPurpose): Promise<number> {
    const recent = await repository.findRecentSends(trx, contactId, addSeconds(clock.now(), -3600).toISOString());
    return sendWaitSeconds(recent, purpose, clock.now());
  }

  async function isLocked(login: PortalLoginsTable): Promise<Date | null> {
    return throttle.isLocked(loginLockKey(login.id), IDENTIFIER_POLICY);
  }

  async function requireContact(executor: Db | Trx, contactId: string): Promise<ContactsTable> {
    const contact = await repository.findContact(executor, contactId);
    if (!contact) throw notFound('Contact');
    return contact;
  }

  async function describeAccess(executor: Db | Trx, contactId: string): Promise<PortalAccess> {
    await requireContact(executor, contactId);
    const login = await repository.findLoginByContactId(executor, contactId);
    const lockedUntil = login ? await isLocked(login) : null;
    const state = portalAccessState(login, lockedUntil !== null);
    const accountIds = await repository.findAccessibleAccountIds(executor, contactId);
    return {
      contactId,
      state,
      actions: actionsFor(state),
      portalEmail: login?.portalEmail ?? null,
      suggestedEmail: await repository.findPrimaryEmail(executor, contactId),
      username: login?.username ?? null,
      enabled: login?.enabled === 1,
      mustChangePassword: login?.mustChangePassword === 1,
      lockedUntil: lockedUntil?.toISOString() ?? null,
      lastSignInAt: login?.lastSignInAt ?? null,
      accountAccessEnabled: accountIds.length > 0,
      accountInactive:
        accountIds.length === 0 &&
        (await repository.findAccessibleAccountIds(executor, contactId, { anyStatus: true })).length > 0,
    };
  }

  /** Loads the login for a staff action and refuses actions the current state does not offer. */
  async function requireLoginFor(
    contactId: string,
    action: PortalAccessAction,
    executor: Db | Trx = db,
    options: { skipLockout?: boolean } = {},
  ): Promise<{ login: PortalLoginsTable; contact: ContactsTable }> {
    const contact = await requireContact(executor, contactId);
    const login = await repository.findLoginByContactId(executor, contactId);
    const locked = login && !options.skipLockout ? (await isLocked(login)) !== null : false;
    const state = portalAccessState(login, locked);
    if (!login || !actionsFor(state).includes(action)) {
      throw new AppError(
        'conflict',
        `That action is not available while portal access is ${state.replaceAll('_', ' ')}.`,
      );
    }
    return { login, contact };
  }

  async function requireAccountAccess(contactId: string, executor: Db | Trx = db): Promise<void> {
    const accountIds = await repository.findAccessibleAccountIds(executor, contactId);
    if (accountIds.length === 0) {
      throw new AppError(
        'conflict',
        'Portal access is switched off on every account of this contact. Turn on "activate portal access" on the account first.',
      );
    }
  }

  async function killLinks(trx: Trx, loginId: string, purposes?: AccessTokenPurpose[]): Promise<void> {
    const superseded = await repository.supersedeAccessTokens(trx, loginId, nowIso(), purposes);
    for (const tokenId of superseded) await cancelOutboxMessagesForToken(trx, clock, tokenId);
  }

  /**
   * The account merge tags of an access email: the given account, else the contact's first one. The
   * portal key is unsealed only when the template in effect shows it, and never leaves the payload
   * (which the outbox erases once the message is final).
   */
  async function accountMergeData(executor: Db | Trx, kind: string, contactId: string, account?: AccountsTable) {
    const chosen = account ?? (await repository.findFirstAccountOfContact(executor, contactId));
    if (!chosen) return { name: 'your portal', number: '', portalKey: '' };
    const showsKey =
      chosen.portalKeySealed !== null && (await templateUsesMergeTag(executor, kind, 'account.portalKey'));
    return {
      name: chosen.name,
      number: chosen.accountNumber,
      portalKey: showsKey ? revealPortalKey(chosen, config.secretKey) : '',
    };
  }

  /**
   * Issues a one-time link and queues its email in the caller's transaction. A newer link of the same
   * purpose replaces the older one, whose undelivered email is cancelled.
   */
  async function issueLink(
    trx: Trx,
    input: {
      login: PortalLoginsTable;
      contact: ContactsTable;
      purpose: AccessTokenPurpose;
      context: RequestContext;
      account?: AccountsTable;
    },
  ): Promise<{ tokenId: string | null; expiresAt: Date; queued: boolean; sentTo: string[] }> {
    const { login, contact, purpose, context } = input;
    const now = clock.now();
    // A welcome to a login that is already set up carries no secret: it points at the sign-in page.
    const carriesToken = purpose !== 'welcome' || !login.passwordHash;
    const expiresAt = addSeconds(now, TOKEN_LIFETIME_SECONDS[purpose]);
    let tokenId: string | null = null;
    let link = signInLink();
    if (carriesToken) {
      await killLinks(trx, login.id, [purpose]);
      const token = generateToken();
      tokenId = newId();
      await repository.insertAccessToken(trx, {
        id: tokenId,
        purpose,
        tokenHash: hashToken(config.secretKey, token),
        loginId: login.id,
        contactId: contact.id,
        createdByStaffId: context.actor.actorKind === 'staff' ? context.actor.actorId : null,
        securityStamp: login.securityStamp,
        createdAt: now.toISOString(),
        expiresAt: expiresAt.toISOString(),
        openedAt: null,
        consumedAt: null,
        supersededAt: null,
      });
      link = `${config.publicUrl}/portal/link/${token}`;
    }
    const kind = MESSAGE_KIND_FOR[purpose];
    const payload = {
      contact: { firstName: contact.firstName },
      account: await accountMergeData(trx, kind, contact.id, input.account),
      link,
      expiresAt: carriesToken ? expiresAt.toISOString() : null,
    };
    const sentTo = accessEmailRecipients(
      purpose,
      login.portalEmail,
      await repository.findPrimaryEmails(trx, contact.id),
    );
    let queued = false;
    for (const recipient of sentTo) {
      const messageId = await enqueue(trx, clock, {
        kind,
        to: [recipient],
        payload,
        expiresAt: carriesToken ? expiresAt : null,
        accountId: contact.mainAccountId,
        contactId: contact.id,
        accessTokenId: tokenId,
      });
      // Every message of one kind is switched on or off together.
      queued = messageId !== null;
    }
    // A link whose email kind is switched off went nowhere: it must not hold up the next send.
    if (!queued && tokenId) await repository.supersedeAccessToken(trx, tokenId, now.toISOString());
    await recordEvent(
      trx,
      {
        contactId: contact.id,
        loginId: login.id,
        kind: 'link_sent',
        purpose,
        accessTokenId: tokenId,
        detail: queued ? null : repository.SKIPPED_SEND,
      },
      context,
    );
    return { tokenId, expiresAt, queued, sentTo };
  }

  async function findLoginByIdentifier(executor: Db | Trx, identifier: string) {
    return identifierKind(identifier) === 'email'
      ? repository.findLoginByEmail(executor, normalizeEmail(identifier))
      : repository.findLoginByUsername(executor, normalizeUsername(identifier));
  }

  function contextWords(
    login: Pick<PortalLoginsTable, 'username' | 'portalEmail'>,
    contact: ContactsTable,
    username?: string | null,
  ): string[] {
    return [
      username ?? login.username ?? '',
      login.portalEmail.split('@')[0] ?? '',
      contact.firstName,
      contact.lastName,
    ].filter(Boolean);
  }

  function validateNewPassword(password: string | undefined, words: string[], field = 'password'): string {
    if (!password) throw fieldError(field, 'Choose a password.');
    const problem = checkPassword(password, words);
    if (problem) throw fieldError(field, PASSWORD_PROBLEM_MESSAGES[problem]);
    return password;
  }

  async function assertUsernameFree(executor: Db | Trx, username: string, loginId: string): Promise<void> {
    const holder = await repository.findLoginByUsername(executor, normalizeUsername(username));
    if (holder && holder.id !== loginId)
      throw new AppError('conflict', 'That username is taken. Choose another.', {
        fields: [{ path: 'username', message: 'That username is taken. Choose another.' }],
      });
  }

  function parseUsername(username: string | undefined): string {
    const parsed = UsernameSchema.safeParse(username ?? '');
    if (!parsed.success) throw fieldError('username', parsed.error.issues[0]?.message ?? 'Choose a username.');
    return parsed.data;
  }

  /** A new password: ends every session, kills every link and sends the (undisableable) notice. */
  async function setPassword(
    trx: Trx,
    login: PortalLoginsTable,
    contact: ContactsTable,
    passwordHash: string,
    context: RequestContext,
  ): Promise<void> {
    const now = nowIso();
    await repository.updateLogin(trx, login.id, {
      passwordHash,
      passwordChangedAt: now,
      securityStamp: newStamp(),
      mustChangePassword: 0,
      temporaryPasswordExpiresAt: null,
      updatedAt: now,
    });
    await killLinks(trx, login.id);
    await sessions.endAllOf(trx, 'customer', [login.id]);
    await enqueue(trx, clock, {
      kind: 'password_changed',
      to: [login.portalEmail],
      payload: { contact: { firstName: contact.firstName }, signInLink: signInLink() },
      accountId: contact.mainAccountId,
      contactId: contact.id,
    });
    await recordEvent(trx, { contactId: contact.id, loginId: login.id, kind: 'password_changed' }, context);
    await recordAudit(trx, clock, context.actor, {
      action: 'portal.password_changed',
      subjectType: 'portal_login',
      subjectId: login.id,
      accountId: contact.mainAccountId,
    });
  }

  return {
    nowIso,
    signInLink,
    recordEvent,
    lockContact,
    sendWait,
    isLocked,
    requireContact,
    describeAccess,
    requireLoginFor,
    requireAccountAccess,
    killLinks,
    issueLink,
    findLoginByIdentifier,
    contextWords,
    validateNewPassword,
    assertUsernameFree,
    parseUsername,
    setPassword,
  };
}

export type PortalAccessCommon = ReturnType<typeof createPortalAccessCommon>;
