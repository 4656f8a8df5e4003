import type { ActorContext } from '../../actor.ts';
import { addSeconds, type Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Db, Trx } from '../../db/database.ts';
import type { AccountsTable, ContactsTable } from '../../db/database-schema.ts';
import type { AccessEventKind, AccessTokenPurpose, PortalLoginsTable } from '../../db/schema/portal-access.ts';
import { AppError, fieldError, notFound } from '../../errors.ts';
import { newId } from '../../ids.ts';
import { cancelOutboxMessagesForToken, enqueue } from '../../outbox/outbox.ts';
import {
  formatWait,
  IDENTIFIER_POLICY,
  IP_POLICY,
  normalizeEmail,
  type LoginThrottle,
  type ThrottleKey,
  type ThrottlePolicy,
} from '../../security/login-throttle.ts';
import {
  burnPasswordVerification,
  checkPassword,
  hashPassword,
  PASSWORD_PROBLEM_MESSAGES,
  verifyPassword,
} from '../../security/passwords.ts';
import { generateReadableSecret, generateToken, hashToken } from '../../security/tokens.ts';
import {
  UsernameSchema,
  type AccessLinkForm,
  type AccessLinkInspection,
  type PortalAccess,
  type PortalAccessAction,
  type RedeemedAccessLink,
} from '../../../shared/portal-access-contracts.ts';
import { recordAudit } from '../audit/index.ts';
import type { SessionService } from '../sessions/index.ts';
import * as repository from './portal-access-repository.ts';
import {
  actionsFor,
  identifierKind,
  normalizeUsername,
  portalAccessState,
  sendWaitSeconds,
  TEMPORARY_PASSWORD_LIFETIME_SECONDS,
  TOKEN_LIFETIME_SECONDS,
  tokenProblem,
  VIEW_AS_LIFETIME_SECONDS,
} from './portal-access-rules.ts';

export const INVALID_CUSTOMER_CREDENTIALS_MESSAGE =
  'That username or email and password do not match. Check both and try again.';
export const PASSWORD_RESET_ACCEPTED_MESSAGE =
  'If a portal login matches, we have emailed a link to reset its password. Check your junk or spam folder if it does not arrive within a few minutes.';
const INVALID_LINK_MESSAGE = 'This link has already been used or is no longer valid. Sign in, or ask for a new link.';

// Anti-automation on the unauthenticated endpoints that send mail or take link tokens (security.md 8).
const RESET_REQUEST_IP_POLICY: ThrottlePolicy = {
  freeFailures: 30,
  waitIncrementSeconds: 60,
  maxWaitSeconds: 900,
  forgetAfterSeconds: 3600,
};

const MESSAGE_KIND_FOR: Record<AccessTokenPurpose, string> = {
  credential_create: 'credential_create',
  password_reset: 'password_reset',
  login_link: 'login_link',
  welcome: 'welcome',
  email_verification: 'email_verification',
};

const FORM_FOR: Record<AccessTokenPurpose, AccessLinkForm> = {
  credential_create: 'credentials',
  welcome: 'credentials',
  password_reset: 'new_password',
  login_link: 'sign_in',
  email_verification: 'verify_email',
};

const ACTION_FOR_PURPOSE: Partial<Record<AccessTokenPurpose, PortalAccessAction>> = {
  credential_create: 'send_credential_create',
  password_reset: 'send_password_reset',
  login_link: 'send_login_link',
  welcome: 'resend_welcome',
};

export interface PortalAccessServiceDeps {
  db: Db;
  clock: Clock;
  config: Pick<Config, 'publicUrl' | 'secretKey'>;
  sessions: SessionService;
  throttle: LoginThrottle;
}

interface RequestContext {
  actor: ActorContext;
  userAgent?: string | null;
}

function loginLockKey(loginId: string): string {
  return `customer-login:${loginId}`;
}

function identifierKey(identifier: string): string {
  return `customer:${identifier.trim().toLowerCase()}`;
}

function newStamp(): string {
  return generateToken();
}

export function createPortalAccessService(deps: PortalAccessServiceDeps) {
  const { db, clock, config, sessions, throttle } = deps;
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
    };
  }

  /** Loads the login for a staff action and refuses actions the current state does not offer. */
  async function requireLoginFor(
    contactId: string,
    action: PortalAccessAction,
  ): Promise<{ login: PortalLoginsTable; contact: ContactsTable }> {
    const contact = await requireContact(db, contactId);
    const login = await repository.findLoginByContactId(db, contactId);
    const state = portalAccessState(login, login ? (await isLocked(login)) !== null : false);
    if (!login || !actionsFor(state).includes(action)) {
      throw new AppError(
        'conflict',
        `That action is not available while portal access is ${state.replaceAll('_', ' ')}.`,
      );
    }
    return { login, contact };
  }

  async function requireAccountAccess(contactId: string): Promise<void> {
    const accountIds = await repository.findAccessibleAccountIds(db, contactId);
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

  async function welcomeAccountName(executor: Db | Trx, contactId: string, account?: AccountsTable): Promise<string> {
    const chosen = account ?? (await repository.findFirstAccountOfContact(executor, contactId));
    return chosen?.name ?? 'your portal';
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
  ): Promise<{ tokenId: string | null; expiresAt: Date; queued: boolean }> {
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
    const payload =
      purpose === 'welcome'
        ? {
            contact: { firstName: contact.firstName },
            account: { name: await welcomeAccountName(trx, contact.id, input.account) },
            link,
            expiresAt: carriesToken ? expiresAt.toISOString() : null,
          }
        : { contact: { firstName: contact.firstName }, link, expiresAt: expiresAt.toISOString() };
    const messageId: string | null = await enqueue(trx, clock, {
      kind: MESSAGE_KIND_FOR[purpose],
      to: [login.portalEmail],
      payload,
      expiresAt: carriesToken ? expiresAt : null,
      accountId: contact.mainAccountId,
      contactId: contact.id,
      accessTokenId: tokenId,
    });
    const queued = messageId !== null;
    await recordEvent(
      trx,
      {
        contactId: contact.id,
        loginId: login.id,
        kind: 'link_sent',
        purpose,
        accessTokenId: tokenId,
        detail: queued ? null : 'email kind switched off',
      },
      context,
    );
    return { tokenId, expiresAt, queued };
  }

  async function sendLinkAsStaff(contactId: string, purpose: AccessTokenPurpose, context: RequestContext) {
    const action = ACTION_FOR_PURPOSE[purpose];
    if (!action) throw new AppError('forbidden', 'Staff cannot send that link.');
    const { login, contact } = await requireLoginFor(contactId, action);
    await requireAccountAccess(contactId);
    const recent = await repository.findRecentSends(db, contactId, addSeconds(clock.now(), -3600).toISOString());
    const wait = sendWaitSeconds(recent, purpose, clock.now());
    if (wait > 0) {
      throw new AppError(
        'rate_limited',
        `An access email just went to this contact. Send another in ${formatWait(wait)}.`,
        { retryAfterSeconds: wait },
      );
    }
    const result = await db.transaction().execute(async (trx) => {
      const issued = await issueLink(trx, { login, contact, purpose, context });
      await recordAudit(trx, clock, context.actor, {
        action: `portal_access.${purpose}_sent`,
        subjectType: 'contact',
        subjectId: contactId,
        accountId: contact.mainAccountId,
        after: { portalEmail: login.portalEmail, expiresAt: issued.expiresAt.toISOString(), queued: issued.queued },
      });
      return issued;
    });
    return {
      queued: result.queued,
      expiresAt: result.expiresAt.toISOString(),
      sentTo: login.portalEmail,
      access: await describeAccess(db, contactId),
    };
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

  const service = {
    describeAccess: (contactId: string) => describeAccess(db, contactId),

    // ---- customer sign-in ------------------------------------------------------------------

    /**
     * Every failure (unknown login, wrong password, deactivated, not verified, no account with access,
     * expired temporary password) answers the same way after the same work; the reason goes to the
     * staff timeline only.
     */
    async signIn(input: { login: string; password: string } & RequestContext) {
      const keys: ThrottleKey[] = [{ key: identifierKey(input.login), policy: IDENTIFIER_POLICY }];
      if (input.actor.ipAddress) keys.push({ key: `ip:${input.actor.ipAddress}`, policy: IP_POLICY });
      const login = await findLoginByIdentifier(db, input.login);
      if (login) keys.push({ key: loginLockKey(login.id), policy: IDENTIFIER_POLICY });
      const wait = await throttle.retryAfterSeconds(keys);
      if (wait > 0) {
        await recordAudit(db, clock, input.actor, {
          action: 'portal.sign_in_throttled',
          subjectType: 'portal_login',
          subjectId: login?.id ?? null,
        });
        throw new AppError(
          'rate_limited',
          `Too many failed attempts. Try again in ${formatWait(wait)}, or reset your password.`,
          { retryAfterSeconds: wait },
        );
      }
      const passwordMatches = login?.passwordHash
        ? await verifyPassword(login.passwordHash, input.password)
        : (await burnPasswordVerification(input.password), false);
      const accountIds = login ? await repository.findAccessibleAccountIds(db, login.contactId) : [];
      const now = clock.now();
      const refusal = !login
        ? 'unknown'
        : !login.passwordHash
          ? 'no password set'
          : !passwordMatches
            ? 'wrong password'
            : !login.enabled
              ? 'portal access deactivated'
              : login.emailVerificationRequired && !login.emailVerifiedAt
                ? 'email not verified'
                : login.temporaryPasswordExpiresAt && new Date(login.temporaryPasswordExpiresAt) <= now
                  ? 'temporary password expired'
                  : accountIds.length === 0
                    ? 'portal access off on the account'
                    : null;
      if (refusal || !login) {
        await throttle.recordFailure(keys);
        await recordAudit(db, clock, input.actor, {
          action: 'portal.sign_in_failed',
          subjectType: 'portal_login',
          subjectId: login?.id ?? null,
        });
        if (login) {
          await recordEvent(
            db,
            { contactId: login.contactId, loginId: login.id, kind: 'sign_in_failed', detail: refusal },
            input,
          );
          const lockedUntil = await isLocked(login);
          if (lockedUntil)
            await recordEvent(
              db,
              {
                contactId: login.contactId,
                loginId: login.id,
                kind: 'locked',
                detail: `until ${lockedUntil.toISOString()}`,
              },
              input,
            );
        }
        throw new AppError('unauthenticated', INVALID_CUSTOMER_CREDENTIALS_MESSAGE);
      }
      await throttle.clear(keys[0]!.key);
      await throttle.clear(loginLockKey(login.id));
      const customerActor: ActorContext = { ...input.actor, actorKind: 'customer', actorId: login.id };
      const session = await db.transaction().execute(async (trx) => {
        await repository.updateLogin(trx, login.id, { lastSignInAt: now.toISOString() });
        // security.md 15: signing in with the password kills an outstanding reset link.
        await killLinks(trx, login.id, ['password_reset']);
        await recordEvent(
          trx,
          {
            contactId: login.contactId,
            loginId: login.id,
            kind: 'signed_in',
            detail: login.mustChangePassword ? 'temporary password' : null,
          },
          { ...input, actor: customerActor },
        );
        await recordAudit(trx, clock, customerActor, {
          action: 'portal.signed_in',
          subjectType: 'portal_login',
          subjectId: login.id,
        });
        return sessions.create(trx, {
          kind: 'customer',
          subjectId: login.id,
          mustChangePassword: login.mustChangePassword === 1,
          ipAddress: input.actor.ipAddress,
          userAgent: input.userAgent ?? null,
        });
      });
      return { token: session.token, mustChangePassword: login.mustChangePassword === 1 };
    },

    async endSession(token: string, context: RequestContext): Promise<void> {
      const session = await sessions.resolve(token, 'customer');
      await sessions.end(token);
      if (session?.impersonatorStaffId) {
        const login = await repository.findLoginById(db, session.subjectId);
        const staffActor: ActorContext = { ...context.actor, actorKind: 'staff', actorId: session.impersonatorStaffId };
        await recordAudit(db, clock, staffActor, {
          action: 'portal_access.view_as_ended',
          subjectType: 'contact',
          subjectId: login?.contactId ?? null,
        });
      }
    },

    async describeSession(
      principal: { portalLoginId: string; impersonatorStaffId: string | null; mustChangePassword: boolean },
      sessionToken: string | null,
    ) {
      const login = await repository.findLoginById(db, principal.portalLoginId);
      if (!login) throw new AppError('unauthenticated', 'Sign in to continue.');
      const contact = await requireContact(db, login.contactId);
      let viewingAs: { staffName: string; expiresAt: string } | null = null;
      if (principal.impersonatorStaffId && sessionToken) {
        const session = await sessions.resolve(sessionToken, 'customer');
        const staff = await repository.findStaffName(db, principal.impersonatorStaffId);
        viewingAs = { staffName: staff?.name ?? 'Staff', expiresAt: session?.expiresAt ?? nowIso() };
      }
      return {
        contact: { firstName: contact.firstName, lastName: contact.lastName },
        username: login.username,
        portalEmail: login.portalEmail,
        mustChangePassword: principal.mustChangePassword,
        viewingAs,
      };
    },

    async changePassword(input: { loginId: string; currentPassword: string; newPassword: string } & RequestContext) {
      const login = await repository.findLoginById(db, input.loginId);
      if (!login?.passwordHash || !(await verifyPassword(login.passwordHash, input.currentPassword))) {
        throw fieldError('currentPassword', 'The current password is not correct.');
      }
      const contact = await requireContact(db, login.contactId);
      validateNewPassword(input.newPassword, contextWords(login, contact), 'newPassword');
      if (input.newPassword === input.currentPassword)
        throw fieldError('newPassword', 'Choose a password different from the current one.');
      const passwordHash = await hashPassword(input.newPassword);
      return db.transaction().execute(async (trx) => {
        await setPassword(trx, login, contact, passwordHash, input);
        const session = await sessions.create(trx, {
          kind: 'customer',
          subjectId: login.id,
          ipAddress: input.actor.ipAddress,
          userAgent: input.userAgent ?? null,
        });
        return { token: session.token };
      });
    },

    /** Always the same answer whether or not a login matches (security.md 9); mail goes through the outbox. */
    async requestPasswordReset(input: { login: string } & RequestContext): Promise<void> {
      if (input.actor.ipAddress) {
        const ipKey: ThrottleKey = { key: `reset-ip:${input.actor.ipAddress}`, policy: RESET_REQUEST_IP_POLICY };
        const wait = await throttle.retryAfterSeconds([ipKey]);
        if (wait > 0)
          throw new AppError('rate_limited', `Too many requests. Try again in ${formatWait(wait)}.`, {
            retryAfterSeconds: wait,
          });
        await throttle.recordFailure([ipKey]);
      }
      const login = await findLoginByIdentifier(db, input.login);
      await recordAudit(db, clock, input.actor, {
        action: 'portal.password_reset_requested',
        subjectType: 'portal_login',
        subjectId: login?.id ?? null,
      });
      if (!login || !login.enabled) return;
      const accountIds = await repository.findAccessibleAccountIds(db, login.contactId);
      if (accountIds.length === 0) return;
      const recent = await repository.findRecentSends(
        db,
        login.contactId,
        addSeconds(clock.now(), -3600).toISOString(),
      );
      // An inbox is not flooded: past the per-recipient limit the request is silently dropped.
      if (sendWaitSeconds(recent, 'password_reset', clock.now()) > 0) return;
      const contact = await requireContact(db, login.contactId);
      await db.transaction().execute(async (trx) => {
        await issueLink(trx, { login, contact, purpose: 'password_reset', context: input });
      });
    },

    /** Tells the confirm page which form to show. Never consumes the link (mail scanners open links). */
    async inspectLink(input: { token: string } & RequestContext): Promise<AccessLinkInspection> {
      const token = await repository.findAccessTokenByHash(db, hashToken(config.secretKey, input.token));
      const login = token && (await repository.findLoginById(db, token.loginId));
      if (!token || !login) return { status: 'invalid' };
      const problem = tokenProblem(token, login, clock.now());
      if (problem) return { status: problem };
      await repository.markAccessTokenOpened(db, token.id, nowIso());
      await recordEvent(
        db,
        {
          contactId: login.contactId,
          loginId: login.id,
          kind: 'link_opened',
          purpose: token.purpose,
          accessTokenId: token.id,
        },
        input,
      );
      const contact = await requireContact(db, login.contactId);
      return {
        status: 'valid',
        purpose: token.purpose,
        form: FORM_FOR[token.purpose],
        firstName: contact.firstName,
        username: login.username,
        expiresAt: token.expiresAt,
      };
    },

    /** Is a username free? Only with a live credential link, so it cannot be used to list usernames. */
    async checkUsername(input: {
      token: string;
      username: string;
    }): Promise<{ available: boolean; message: string | null }> {
      const token = await repository.findAccessTokenByHash(db, hashToken(config.secretKey, input.token));
      const login = token && (await repository.findLoginById(db, token.loginId));
      if (!token || !login || tokenProblem(token, login, clock.now()) || FORM_FOR[token.purpose] !== 'credentials') {
        throw new AppError('invalid_link', INVALID_LINK_MESSAGE);
      }
      const parsed = UsernameSchema.safeParse(input.username);
      if (!parsed.success)
        return { available: false, message: parsed.error.issues[0]?.message ?? 'Not a valid username' };
      const holder = await repository.findLoginByUsername(db, normalizeUsername(parsed.data));
      return holder && holder.id !== login.id
        ? { available: false, message: 'That username is taken. Choose another.' }
        : { available: true, message: null };
    },

    /**
     * Consumes a link exactly once (one guarded UPDATE in the same transaction as its effect). Input is
     * checked before consuming, so a rejected password does not burn the link.
     */
    async redeemLink(
      input: { token: string; username?: string | undefined; password?: string | undefined } & RequestContext,
    ): Promise<RedeemedAccessLink & { sessionToken: string | null }> {
      const ipKey: ThrottleKey | null = input.actor.ipAddress
        ? { key: `link-ip:${input.actor.ipAddress}`, policy: IP_POLICY }
        : null;
      if (ipKey) {
        const wait = await throttle.retryAfterSeconds([ipKey]);
        if (wait > 0)
          throw new AppError('rate_limited', `Too many attempts. Try again in ${formatWait(wait)}.`, {
            retryAfterSeconds: wait,
          });
      }
      const tokenHash = hashToken(config.secretKey, input.token);
      const preview = await repository.findAccessTokenByHash(db, tokenHash);
      const previewLogin = preview && (await repository.findLoginById(db, preview.loginId));
      if (!preview || !previewLogin || tokenProblem(preview, previewLogin, clock.now())) {
        if (ipKey) await throttle.recordFailure([ipKey]);
        if (preview && previewLogin)
          await recordEvent(
            db,
            {
              contactId: previewLogin.contactId,
              loginId: previewLogin.id,
              kind: 'link_rejected',
              purpose: preview.purpose,
              accessTokenId: preview.id,
            },
            input,
          );
        throw new AppError('invalid_link', INVALID_LINK_MESSAGE);
      }
      const contact = await requireContact(db, previewLogin.contactId);
      const form = FORM_FOR[preview.purpose];
      let username: string | null = null;
      let passwordHash: string | null = null;
      if (form === 'credentials') {
        username = parseUsername(input.username);
        await assertUsernameFree(db, username, previewLogin.id);
      }
      if (form === 'credentials' || form === 'new_password') {
        passwordHash = await hashPassword(
          validateNewPassword(input.password, contextWords(previewLogin, contact, username)),
        );
      }

      return db.transaction().execute(async (trx) => {
        const now = nowIso();
        const consumed = await repository.consumeAccessToken(trx, tokenHash, now);
        const login = consumed && (await repository.findLoginById(trx, consumed.loginId));
        if (!consumed || !login || consumed.securityStamp !== login.securityStamp || !login.enabled) {
          throw new AppError('invalid_link', INVALID_LINK_MESSAGE);
        }
        const customerActor: ActorContext = { ...input.actor, actorKind: 'customer', actorId: login.id };
        const context = { ...input, actor: customerActor };
        await recordEvent(
          trx,
          {
            contactId: login.contactId,
            loginId: login.id,
            kind: 'link_used',
            purpose: consumed.purpose,
            accessTokenId: consumed.id,
          },
          context,
        );
        await recordAudit(trx, clock, customerActor, {
          action: `portal.${consumed.purpose}_redeemed`,
          subjectType: 'portal_login',
          subjectId: login.id,
        });

        if (form === 'sign_in') {
          await repository.updateLogin(trx, login.id, { lastSignInAt: now });
          await recordEvent(
            trx,
            { contactId: login.contactId, loginId: login.id, kind: 'signed_in', detail: 'login link' },
            context,
          );
          const session = await sessions.create(trx, {
            kind: 'customer',
            subjectId: login.id,
            mustChangePassword: login.mustChangePassword === 1,
            ipAddress: input.actor.ipAddress,
            userAgent: input.userAgent ?? null,
          });
          return { outcome: 'signed_in' as const, sessionToken: session.token };
        }
        if (form === 'verify_email') {
          await repository.updateLogin(trx, login.id, { emailVerifiedAt: now, updatedAt: now });
          return { outcome: 'email_verified' as const, sessionToken: null };
        }
        if (username) {
          await assertUsernameFree(trx, username, login.id);
          await repository.updateLogin(trx, login.id, { username, usernameNormalized: normalizeUsername(username) });
        }
        // The link arrived at the portal email, which proves the address.
        await repository.updateLogin(trx, login.id, { emailVerifiedAt: login.emailVerifiedAt ?? now });
        await setPassword(trx, login, contact, passwordHash!, context);
        // security.md 20: no automatic sign-in after setting a password from a link.
        return {
          outcome: form === 'credentials' ? ('credentials_set' as const) : ('password_reset' as const),
          sessionToken: null,
        };
      });
    },

    async listAccounts(accountIds: string[]) {
      const accounts = await repository.findAccountsByIds(db, accountIds);
      return accounts.map((account) => ({
        id: account.id,
        name: account.name,
        kind: account.kind,
        accountNumber: account.accountNumber,
        city: account.city,
        region: account.region,
      }));
    },

    // ---- staff tools -------------------------------------------------------------------------

    /** Turns portal access on for a contact (or changes its portal email) and, by default, invites them. */
    async grantAccess(
      input: { contactId: string; portalEmail: string; sendCredentialCreateEmail: boolean } & RequestContext,
    ) {
      const contact = await requireContact(db, input.contactId);
      const emailNormalized = normalizeEmail(input.portalEmail);
      const holder = await repository.findLoginByEmail(db, emailNormalized);
      if (holder && holder.contactId !== contact.id) {
        throw new AppError('conflict', 'Another contact already uses this portal email.', {
          fields: [{ path: 'portalEmail', message: 'Another contact already uses this portal email.' }],
        });
      }
      const existing = await repository.findLoginByContactId(db, contact.id);
      const accountIds = await repository.findAccessibleAccountIds(db, contact.id);
      const recent = await repository.findRecentSends(db, contact.id, addSeconds(clock.now(), -3600).toISOString());
      const credentialEmailQueued = await db.transaction().execute(async (trx) => {
        const now = nowIso();
        let login: PortalLoginsTable;
        if (!existing) {
          login = {
            id: newId(),
            contactId: contact.id,
            username: null,
            usernameNormalized: null,
            portalEmail: input.portalEmail.trim(),
            portalEmailNormalized: emailNormalized,
            passwordHash: null,
            passwordChangedAt: null,
            securityStamp: newStamp(),
            mustChangePassword: 0,
            temporaryPasswordExpiresAt: null,
            emailVerificationRequired: 0,
            emailVerifiedAt: null,
            enabled: 1,
            deactivatedAt: null,
            lastSignInAt: null,
            createdAt: now,
            updatedAt: now,
          };
          await repository.insertLogin(trx, login);
        } else {
          const emailChanged = existing.portalEmailNormalized !== emailNormalized;
          const reactivated = existing.enabled === 0;
          // Links already sent went to the old address or predate the deactivation: they die.
          const securityStamp = emailChanged || reactivated ? newStamp() : existing.securityStamp;
          login = {
            ...existing,
            portalEmail: input.portalEmail.trim(),
            portalEmailNormalized: emailNormalized,
            enabled: 1,
            deactivatedAt: null,
            securityStamp,
            updatedAt: now,
            emailVerifiedAt: emailChanged ? null : existing.emailVerifiedAt,
          };
          await repository.updateLogin(trx, login.id, login);
          if (emailChanged) {
            await killLinks(trx, login.id);
            await recordEvent(
              trx,
              {
                contactId: contact.id,
                loginId: login.id,
                kind: 'portal_email_changed',
                detail: `${existing.portalEmail} → ${login.portalEmail}`,
              },
              input,
            );
          }
        }
        if (!existing || existing.enabled === 0)
          await recordEvent(
            trx,
            { contactId: contact.id, loginId: login.id, kind: 'access_granted', detail: login.portalEmail },
            input,
          );
        await recordAudit(trx, clock, input.actor, {
          action: 'portal_access.granted',
          subjectType: 'contact',
          subjectId: contact.id,
          accountId: contact.mainAccountId,
          before: existing ? { portalEmail: existing.portalEmail, enabled: existing.enabled === 1 } : null,
          after: { portalEmail: login.portalEmail, enabled: true },
        });
        const state = portalAccessState(login, false);
        const shouldInvite =
          input.sendCredentialCreateEmail &&
          (state === 'no_username' || state === 'not_activated') &&
          accountIds.length > 0 &&
          sendWaitSeconds(recent, 'credential_create', clock.now()) === 0;
        if (!shouldInvite) return false;
        const issued = await issueLink(trx, { login, contact, purpose: 'credential_create', context: input });
        return issued.queued;
      });
      return { credentialCreateEmailQueued: credentialEmailQueued, access: await describeAccess(db, contact.id) };
    },

    /** Portal access off: sign-in refused, sessions ended, links dead; a new invitation is needed later. */
    async revokeAccess(input: { contactId: string } & RequestContext) {
      const { login, contact } = await requireLoginFor(input.contactId, 'revoke');
      await db.transaction().execute(async (trx) => {
        const now = nowIso();
        await repository.updateLogin(trx, login.id, {
          enabled: 0,
          deactivatedAt: now,
          securityStamp: newStamp(),
          updatedAt: now,
        });
        await killLinks(trx, login.id);
        const ended = await sessions.endAllOf(trx, 'customer', [login.id]);
        await recordEvent(
          trx,
          {
            contactId: contact.id,
            loginId: login.id,
            kind: 'access_revoked',
            detail: ended > 0 ? `${ended} session(s) ended` : null,
          },
          input,
        );
        await recordAudit(trx, clock, input.actor, {
          action: 'portal_access.revoked',
          subjectType: 'contact',
          subjectId: contact.id,
          accountId: contact.mainAccountId,
          before: { enabled: true },
          after: { enabled: false, sessionsEnded: ended },
        });
      });
      return describeAccess(db, contact.id);
    },

    sendCredentialCreateEmail: (input: { contactId: string } & RequestContext) =>
      sendLinkAsStaff(input.contactId, 'credential_create', input),
    sendPasswordResetEmail: (input: { contactId: string } & RequestContext) =>
      sendLinkAsStaff(input.contactId, 'password_reset', input),
    sendLoginLinkEmail: (input: { contactId: string } & RequestContext) =>
      sendLinkAsStaff(input.contactId, 'login_link', input),
    resendWelcomeEmail: (input: { contactId: string } & RequestContext) =>
      sendLinkAsStaff(input.contactId, 'welcome', input),

    /**
     * Seed 004 "create your client's password": generated (staff never type it), shown once, temporary
     * (24 h, changed at first sign-in); emailed only when staff choose "save and send email".
     */
    async setTemporaryPassword(input: { contactId: string; sendEmail: boolean } & RequestContext) {
      const { login, contact } = await requireLoginFor(input.contactId, 'set_temporary_password');
      await requireAccountAccess(input.contactId);
      const password = generateReadableSecret(20);
      const passwordHash = await hashPassword(password);
      const expiresAt = addSeconds(clock.now(), TEMPORARY_PASSWORD_LIFETIME_SECONDS);
      const emailed = await db.transaction().execute(async (trx) => {
        const now = nowIso();
        await repository.updateLogin(trx, login.id, {
          passwordHash,
          passwordChangedAt: now,
          securityStamp: newStamp(),
          mustChangePassword: 1,
          temporaryPasswordExpiresAt: expiresAt.toISOString(),
          updatedAt: now,
        });
        await killLinks(trx, login.id);
        await sessions.endAllOf(trx, 'customer', [login.id]);
        let emailed = false;
        if (input.sendEmail) {
          const messageId: string | null = await enqueue(trx, clock, {
            kind: 'temporary_password',
            to: [login.portalEmail],
            payload: {
              contact: { firstName: contact.firstName },
              password,
              signInLink: signInLink(),
              expiresAt: expiresAt.toISOString(),
            },
            expiresAt,
            accountId: contact.mainAccountId,
            contactId: contact.id,
          });
          emailed = messageId !== null;
        }
        await recordEvent(
          trx,
          {
            contactId: contact.id,
            loginId: login.id,
            kind: 'temporary_password_set',
            detail: emailed ? 'emailed to the contact' : 'shown to staff only',
          },
          input,
        );
        await recordAudit(trx, clock, input.actor, {
          action: 'portal_access.temporary_password_set',
          subjectType: 'contact',
          subjectId: contact.id,
          accountId: contact.mainAccountId,
          after: { emailed, expiresAt: expiresAt.toISOString() },
        });
        return emailed;
      });
      return { password, expiresAt: expiresAt.toISOString(), emailed, access: await describeAccess(db, contact.id) };
    },

    async updateUsername(input: { contactId: string; username: string } & RequestContext) {
      const { login, contact } = await requireLoginFor(input.contactId, 'update_username');
      const username = parseUsername(input.username);
      await assertUsernameFree(db, username, login.id);
      await db.transaction().execute(async (trx) => {
        await assertUsernameFree(trx, username, login.id);
        await repository.updateLogin(trx, login.id, {
          username,
          usernameNormalized: normalizeUsername(username),
          updatedAt: nowIso(),
        });
        await recordEvent(
          trx,
          {
            contactId: contact.id,
            loginId: login.id,
            kind: 'username_changed',
            detail: `${login.username ?? '(none)'} → ${username}`,
          },
          input,
        );
        await recordAudit(trx, clock, input.actor, {
          action: 'portal_access.username_updated',
          subjectType: 'contact',
          subjectId: contact.id,
          accountId: contact.mainAccountId,
          before: { username: login.username },
          after: { username },
        });
      });
      return describeAccess(db, contact.id);
    },

    /**
     * Seed 003: deleting the username lets a new person set up the login (the billing contact changed),
     * so the password goes too and the state returns to "no username".
     */
    async deleteUsername(input: { contactId: string } & RequestContext) {
      const { login, contact } = await requireLoginFor(input.contactId, 'delete_username');
      await db.transaction().execute(async (trx) => {
        const now = nowIso();
        await repository.updateLogin(trx, login.id, {
          username: null,
          usernameNormalized: null,
          passwordHash: null,
          passwordChangedAt: null,
          mustChangePassword: 0,
          temporaryPasswordExpiresAt: null,
          securityStamp: newStamp(),
          updatedAt: now,
        });
        await killLinks(trx, login.id);
        await sessions.endAllOf(trx, 'customer', [login.id]);
        await recordEvent(
          trx,
          { contactId: contact.id, loginId: login.id, kind: 'username_deleted', detail: login.username },
          input,
        );
        await recordAudit(trx, clock, input.actor, {
          action: 'portal_access.username_deleted',
          subjectType: 'contact',
          subjectId: contact.id,
          accountId: contact.mainAccountId,
          before: { username: login.username, passwordSet: login.passwordHash !== null },
          after: { username: null, passwordSet: false },
        });
      });
      return describeAccess(db, contact.id);
    },

    async unlock(input: { contactId: string } & RequestContext) {
      const { login, contact } = await requireLoginFor(input.contactId, 'unlock');
      await throttle.clear(loginLockKey(login.id));
      await throttle.clear(identifierKey(login.portalEmail));
      if (login.username) await throttle.clear(identifierKey(login.username));
      await db.transaction().execute(async (trx) => {
        await recordEvent(trx, { contactId: contact.id, loginId: login.id, kind: 'unlocked' }, input);
        await recordAudit(trx, clock, input.actor, {
          action: 'portal_access.unlocked',
          subjectType: 'contact',
          subjectId: contact.id,
          accountId: contact.mainAccountId,
        });
      });
      return describeAccess(db, contact.id);
    },

    /** A read-only, one-hour customer session for staff, bannered in the portal and audited. */
    async startViewingAs(input: { contactId: string; staffId: string } & RequestContext) {
      const { login, contact } = await requireLoginFor(input.contactId, 'view_as');
      // security.md 34: staff members' own contact records are never impersonated.
      if (contact.staffMemberId)
        throw new AppError(
          'forbidden',
          'This contact is a Portico staff member; their portal cannot be viewed as them.',
        );
      await requireAccountAccess(input.contactId);
      return db.transaction().execute(async (trx) => {
        const session = await sessions.create(trx, {
          kind: 'customer',
          subjectId: login.id,
          impersonatorStaffId: input.staffId,
          lifetimeSeconds: VIEW_AS_LIFETIME_SECONDS,
          ipAddress: input.actor.ipAddress,
          userAgent: input.userAgent ?? null,
        });
        await recordEvent(
          trx,
          {
            contactId: contact.id,
            loginId: login.id,
            kind: 'viewed_as',
            detail: `until ${session.expiresAt.toISOString()}`,
          },
          input,
        );
        await recordAudit(trx, clock, input.actor, {
          action: 'portal_access.view_as_started',
          subjectType: 'contact',
          subjectId: contact.id,
          accountId: contact.mainAccountId,
          after: { portalLoginId: login.id, expiresAt: session.expiresAt.toISOString() },
        });
        return { token: session.token, expiresAt: session.expiresAt.toISOString() };
      });
    },

    async timeline(contactId: string) {
      await requireContact(db, contactId);
      const rows = await repository.findTimeline(db, contactId, 200);
      const now = clock.now();
      return rows.map((row) => {
        const isLink = row.kind === 'link_sent' && row.accessTokenId !== null;
        const delivery =
          row.kind !== 'link_sent'
            ? null
            : row.detail === 'email kind switched off'
              ? ('disabled' as const)
              : row.outboxStatus === 'dead'
                ? ('failed' as const)
                : row.outboxStatus === 'skipped_expired'
                  ? ('skipped' as const)
                  : row.outboxStatus === 'processing'
                    ? ('sending' as const)
                    : (row.outboxStatus ?? null);
        const linkState = !isLink
          ? null
          : row.tokenConsumedAt
            ? ('used' as const)
            : row.tokenSupersededAt
              ? ('superseded' as const)
              : row.tokenExpiresAt && new Date(row.tokenExpiresAt) <= now
                ? ('expired' as const)
                : row.tokenOpenedAt
                  ? ('opened' as const)
                  : ('unopened' as const);
        return {
          id: row.id,
          occurredAt: row.occurredAt,
          kind: row.kind,
          purpose: row.purpose,
          actorKind: row.actorKind,
          actorName: row.staffName,
          ipAddress: row.ipAddress,
          detail: row.detail,
          delivery,
          linkState,
        };
      });
    },

    async accountAccess(accountId: string) {
      const account = await repository.findAccount(db, accountId);
      if (!account) throw notFound('Account');
      const rows = await repository.findContactsWithLoginsOfAccount(db, accountId);
      const contacts = [];
      for (const row of rows) {
        const login = row.loginId ? await repository.findLoginById(db, row.loginId) : undefined;
        const locked = login ? (await isLocked(login)) !== null : false;
        contacts.push({
          contactId: row.contactId,
          name: `${row.firstName} ${row.lastName}`,
          portalEmail: login?.portalEmail ?? null,
          username: login?.username ?? null,
          state: portalAccessState(login, locked),
          lastSignInAt: login?.lastSignInAt ?? null,
        });
      }
      return { accountId, accountName: account.name, portalAccessEnabled: account.portalAccessEnabled === 1, contacts };
    },

    // ---- hooks for other features (run in the caller's transaction) -------------------------------

    /** Account access off: every contact of the account loses its sessions and outstanding links. */
    async afterAccountAccessChange(
      trx: Trx,
      account: AccountsTable,
      enabled: boolean,
      context: RequestContext,
    ): Promise<void> {
      if (enabled) return;
      const rows = await repository.findContactsWithLoginsOfAccount(trx, account.id);
      for (const row of rows) {
        if (!row.loginId) continue;
        await killLinks(trx, row.loginId);
        const ended = await sessions.endAllOf(trx, 'customer', [row.loginId]);
        await recordEvent(
          trx,
          {
            contactId: row.contactId,
            loginId: row.loginId,
            kind: 'account_access_off',
            detail: `${account.name}${ended > 0 ? `; ${ended} session(s) ended` : ''}`,
          },
          context,
        );
      }
    },

    /** Seed 004: an account becoming current sends the welcome email to its contacts with portal access. */
    async afterAccountBecameCurrent(trx: Trx, account: AccountsTable, context: RequestContext): Promise<void> {
      if (account.portalAccessEnabled !== 1) return;
      const rows = await repository.findContactsWithLoginsOfAccount(trx, account.id);
      for (const row of rows) {
        const login = row.loginId ? await repository.findLoginById(trx, row.loginId) : undefined;
        if (!login?.enabled) continue;
        const recent = await repository.findRecentSends(
          trx,
          row.contactId,
          addSeconds(clock.now(), -3600).toISOString(),
        );
        if (sendWaitSeconds(recent, 'welcome', clock.now()) > 0) continue;
        const contact = await requireContact(trx, row.contactId);
        await issueLink(trx, { login, contact, purpose: 'welcome', context, account });
      }
    },

    /** For self-registration (issue 6): a login that cannot be used until its email is verified. */
    async createSelfRegisteredLogin(
      trx: Trx,
      input: { contactId: string; email: string; password: string; actor: ActorContext },
    ): Promise<{ loginId: string }> {
      const contact = await requireContact(trx, input.contactId);
      const emailNormalized = normalizeEmail(input.email);
      if (await repository.findLoginByContactId(trx, contact.id))
        throw new AppError('conflict', 'This contact already has a portal login.');
      if (await repository.findLoginByEmail(trx, emailNormalized))
        throw new AppError('conflict', 'Another contact already uses this portal email.', {
          fields: [{ path: 'email', message: 'Already in use' }],
        });
      const now = nowIso();
      const login: PortalLoginsTable = {
        id: newId(),
        contactId: contact.id,
        username: null,
        usernameNormalized: null,
        portalEmail: input.email.trim(),
        portalEmailNormalized: emailNormalized,
        passwordHash: await hashPassword(
          validateNewPassword(input.password, [
            emailNormalized.split('@')[0] ?? '',
            contact.firstName,
            contact.lastName,
          ]),
        ),
        passwordChangedAt: now,
        securityStamp: newStamp(),
        mustChangePassword: 0,
        temporaryPasswordExpiresAt: null,
        emailVerificationRequired: 1,
        emailVerifiedAt: null,
        enabled: 1,
        deactivatedAt: null,
        lastSignInAt: null,
        createdAt: now,
        updatedAt: now,
      };
      await repository.insertLogin(trx, login);
      await recordEvent(
        trx,
        { contactId: contact.id, loginId: login.id, kind: 'access_granted', detail: 'self-registered' },
        { actor: input.actor },
      );
      await issueLink(trx, { login, contact, purpose: 'email_verification', context: { actor: input.actor } });
      return { loginId: login.id };
    },

    async findLoginByPortalEmail(executor: Db | Trx, email: string): Promise<{ id: string; contactId: string } | null> {
      const login = await repository.findLoginByEmail(executor, normalizeEmail(email));
      return login ? { id: login.id, contactId: login.contactId } : null;
    },

    /** Null when the contact has no enabled, not-yet-set-up login or no account with portal access. */
    async issueCredentialCreateLink(
      trx: Trx,
      input: { contactId: string; actor: ActorContext },
    ): Promise<{ tokenId: string } | null> {
      const login = await repository.findLoginByContactId(trx, input.contactId);
      if (!login?.enabled || login.passwordHash) return null;
      if ((await repository.findAccessibleAccountIds(trx, input.contactId)).length === 0) return null;
      const contact = await requireContact(trx, input.contactId);
      const issued = await issueLink(trx, {
        login,
        contact,
        purpose: 'credential_create',
        context: { actor: input.actor },
      });
      return issued.tokenId ? { tokenId: issued.tokenId } : null;
    },

    /** For resolveCustomer: the principal behind a customer session, or null when access is gone. */
    async principalFor(session: { subjectId: string; impersonatorStaffId: string | null; mustChangePassword: number }) {
      const login = await repository.findLoginById(db, session.subjectId);
      if (!login?.enabled) return null;
      const accountIds = await repository.findAccessibleAccountIds(db, login.contactId);
      if (accountIds.length === 0) return null;
      return {
        portalLoginId: login.id,
        contactId: login.contactId,
        accountIds,
        impersonatorStaffId: session.impersonatorStaffId,
        mustChangePassword: session.impersonatorStaffId ? false : session.mustChangePassword === 1,
      };
    },
  };

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

  return service;
}

export type PortalAccessService = ReturnType<typeof createPortalAccessService>;
