import type { ActorContext } from '../../actor.ts';
import { z } from 'zod';
import type { Trx } from '../../db/database.ts';
import { enqueueTask, TaskActorSchema } from '../../tasks/deferred-tasks.ts';
import { AppError } from '../../errors.ts';
import { formatWait, IP_POLICY, type ThrottleKey, type ThrottlePolicy } from '../../security/login-throttle.ts';
import { hashPassword } from '../../security/passwords.ts';
import { hashToken } from '../../security/tokens.ts';
import {
  UsernameSchema,
  type AccessLinkInspection,
  type RedeemedAccessLink,
} from '../../../shared/portal-access-contracts.ts';
import { recordAudit } from '../audit/index.ts';
import {
  FORM_FOR,
  type PortalAccessCommon,
  type PortalAccessServiceDeps,
  type RequestContext,
} from './portal-access-common.ts';
import * as repository from './portal-access-repository.ts';
import { normalizeUsername, tokenProblem } from './portal-access-rules.ts';

export const PASSWORD_RESET_TASK = 'portal.password_reset_request';

const PasswordResetTaskSchema = z.object({
  login: z.string(),
  actor: TaskActorSchema,
  userAgent: z.string().nullable(),
});
type PasswordResetTask = z.infer<typeof PasswordResetTaskSchema>;

const INVALID_LINK_MESSAGE = 'This link has already been used or is no longer valid. Sign in, or ask for a new link.';

// Anti-automation on the unauthenticated endpoints that send mail or take link tokens: they cost us mail and
// invite token guessing.
const RESET_REQUEST_IP_POLICY: ThrottlePolicy = {
  freeFailures: 30,
  waitIncrementSeconds: 60,
  maxWaitSeconds: 900,
  forgetAfterSeconds: 3600,
};

// Opening a link and checking usernames cost nothing to call: limited per IP (anti-automation; an office
// behind one address opens many links), and usernames per link too (a live link must not become a way
// to test which usernames exist).
const LINK_LOOKUP_IP_POLICY: ThrottlePolicy = {
  freeFailures: 300,
  waitIncrementSeconds: 60,
  maxWaitSeconds: 900,
  forgetAfterSeconds: 3600,
};
const USERNAME_CHECKS_PER_LINK_POLICY: ThrottlePolicy = {
  freeFailures: 20,
  waitIncrementSeconds: 60,
  maxWaitSeconds: 900,
  forgetAfterSeconds: 3600,
};

/** The emailed one-time links from the customer side: asking for a reset, opening and using a link. */
export function createAccessLinksService(deps: PortalAccessServiceDeps, common: PortalAccessCommon) {
  const { db, clock, config, sessions, throttle } = deps;
  const {
    nowIso,
    recordEvent,
    requireContact,
    issueLink,
    findLoginByIdentifier,
    contextWords,
    validateNewPassword,
    assertUsernameFree,
    parseUsername,
    setPassword,
    sendWait,
  } = common;

  /** Counts one call against each key; 429 once a key is over its allowance. */
  async function spendAllowance(keys: ThrottleKey[]): Promise<void> {
    const wait = await throttle.retryAfterSeconds(keys);
    if (wait > 0)
      throw new AppError('rate_limited', `Too many requests. Try again in ${formatWait(wait)}.`, {
        retryAfterSeconds: wait,
      });
    await throttle.recordFailure(keys);
  }

  const ipAllowance = (name: string, context: RequestContext): ThrottleKey[] =>
    context.actor.ipAddress ? [{ key: `${name}:${context.actor.ipAddress}`, policy: LINK_LOOKUP_IP_POLICY }] : [];

  return {
    /**
     * Always the same answer and the same work whether or not a login matches (no account enumeration,
     * by content or by timing): the request writes one deferred task; the lookup and the mail happen in
     * `runPasswordResetTask`, off the request path.
     */
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
      const payload: PasswordResetTask = {
        login: input.login,
        actor: input.actor,
        userAgent: input.userAgent ?? null,
      };
      await db.transaction().execute((trx) => enqueueTask(trx, clock, { kind: PASSWORD_RESET_TASK, payload }));
    },

    /** The deferred half of forgot-password: finds the login and, when it may get one, issues the reset link. */
    async runPasswordResetTask(trx: Trx, raw: unknown): Promise<void> {
      const task = PasswordResetTaskSchema.parse(raw);
      const context: RequestContext = { actor: task.actor, userAgent: task.userAgent };
      const login = await findLoginByIdentifier(trx, task.login);
      await recordAudit(trx, clock, task.actor, {
        action: 'portal.password_reset_requested',
        subjectType: 'portal_login',
        subjectId: login?.id ?? null,
      });
      if (!login?.enabled) return;
      if ((await repository.findAccessibleAccountIds(trx, login.contactId)).length === 0) return;
      // An inbox is not flooded: past the per-recipient limit the request is silently dropped.
      if ((await sendWait(trx, login.contactId, 'password_reset')) > 0) return;
      const contact = await requireContact(trx, login.contactId);
      await issueLink(trx, { login, contact, purpose: 'password_reset', context });
    },

    /** Tells the confirm page which form to show. Never consumes the link (mail scanners open links). */
    async inspectLink(input: { token: string } & RequestContext): Promise<AccessLinkInspection> {
      await spendAllowance(ipAllowance('link-inspect-ip', input));
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
    async checkUsername(
      input: { token: string; username: string } & RequestContext,
    ): Promise<{ available: boolean; message: string | null }> {
      const tokenHash = hashToken(config.secretKey, input.token);
      await spendAllowance([
        ...ipAllowance('username-check-ip', input),
        { key: `username-check-link:${tokenHash}`, policy: USERNAME_CHECKS_PER_LINK_POLICY },
      ]);
      const token = await repository.findAccessTokenByHash(db, tokenHash);
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
      input: {
        token: string;
        username?: string | undefined;
        password?: string | undefined;
        /** The portal session cookie this browser already sent, ended when the link signs someone in. */
        previousSessionToken?: string | null;
      } & RequestContext,
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
        // After a reset there is no automatic sign-in: a leaked reset link must not become a session of an
        // established login. Setting up a new login is different: the person just chose both secrets, so they
        // are signed in (a fresh session; any session this browser held is ended).
        if (form !== 'credentials') return { outcome: 'password_reset' as const, sessionToken: null };
        if ((await repository.findAccessibleAccountIds(trx, login.contactId)).length === 0)
          return { outcome: 'credentials_set' as const, sessionToken: null };
        if (input.previousSessionToken) await sessions.endToken(trx, input.previousSessionToken);
        await repository.updateLogin(trx, login.id, { lastSignInAt: now });
        await recordEvent(
          trx,
          { contactId: login.contactId, loginId: login.id, kind: 'signed_in', detail: 'after setting up the login' },
          context,
        );
        const session = await sessions.create(trx, {
          kind: 'customer',
          subjectId: login.id,
          ipAddress: input.actor.ipAddress,
          userAgent: input.userAgent ?? null,
        });
        return { outcome: 'signed_in' as const, sessionToken: session.token };
      });
    },
  };
}
