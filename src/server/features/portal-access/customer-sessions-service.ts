import type { ActorContext } from '../../actor.ts';
import { AppError, fieldError, notFound } from '../../errors.ts';
import type { CustomerAccountList, ListCustomerAccountsQuery } from '../../../shared/portal-access-contracts.ts';
import { decodePageCursor, encodePageCursor } from '../../page-cursor.ts';
import {
  checkCurrentPassword,
  formatWait,
  IDENTIFIER_POLICY,
  IP_POLICY,
  type ThrottleKey,
} from '../../security/login-throttle.ts';
import { burnPasswordVerification, hashPassword, verifyPassword } from '../../security/passwords.ts';
import { recordAudit } from '../audit/index.ts';
import {
  ACCOUNT_INACTIVE_MESSAGE,
  identifierKey,
  INVALID_CUSTOMER_CREDENTIALS_MESSAGE,
  loginLockKey,
  type PortalAccessCommon,
  type PortalAccessServiceDeps,
  type RequestContext,
} from './portal-access-common.ts';
import * as repository from './portal-access-repository.ts';
import { deviceSummary } from './portal-access-rules.ts';

// A login's last sign-in is kept to the minute.
const SIGN_IN_TIME_PRECISION_SECONDS = 60;

/** Customer sign-in, the session and its password, and the accounts a session may see. */
export function createCustomerSessionsService(deps: PortalAccessServiceDeps, common: PortalAccessCommon) {
  const { db, clock, sessions, throttle } = deps;
  const {
    nowIso,
    recordEvent,
    isLocked,
    requireContact,
    killLinks,
    findLoginByIdentifier,
    contextWords,
    validateNewPassword,
    setPassword,
  } = common;

  return {
    /**
     * Every failure (unknown login, wrong password, deactivated, not verified, no account with access,
     * expired temporary password) answers the same way after the same work; the reason goes to the
     * staff timeline only.
     */
    async signIn(input: { login: string; password: string } & RequestContext) {
      const keys: ThrottleKey[] = [{ key: identifierKey(input.login), policy: IDENTIFIER_POLICY }];
      // Its own per-IP counter, apart from staff sign-in.
      if (input.actor.ipAddress) keys.push({ key: `customer-ip:${input.actor.ipAddress}`, policy: IP_POLICY });
      const login = await findLoginByIdentifier(db, input.login);
      if (login) keys.push({ key: loginLockKey(login.id), policy: IDENTIFIER_POLICY });
      const { retryAfterSeconds: wait, recordedKeys } = await throttle.check(keys);
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
      // The hash runs on libuv's pool; the accounts are read meanwhile.
      const [passwordMatches, accountIds] = await Promise.all([
        login?.passwordHash
          ? verifyPassword(login.passwordHash, input.password)
          : burnPasswordVerification(input.password).then(() => false),
        login ? repository.findAccessibleAccountIds(db, login.contactId) : [],
      ]);
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
      // The right password for an account that went inactive: saying so tells nothing to someone without it.
      const inactiveOnly =
        refusal === 'portal access off on the account' &&
        (await repository.findAccessibleAccountIds(db, login!.contactId, { anyStatus: true })).length > 0;
      if (inactiveOnly && login) {
        await recordEvent(
          db,
          { contactId: login.contactId, loginId: login.id, kind: 'sign_in_failed', detail: 'account inactive' },
          input,
        );
        throw new AppError('forbidden', ACCOUNT_INACTIVE_MESSAGE);
      }
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
      // A success forgets the failures against this login (not those of the IP address).
      const forgiven = [keys[0]!.key, loginLockKey(login.id)];
      await throttle.clear(...recordedKeys.filter((key) => forgiven.includes(key)));
      const customerActor: ActorContext = { ...input.actor, actorKind: 'customer', actorId: login.id };
      const session = await db.transaction().execute(async (trx) => {
        // Signing in with the password kills an outstanding reset link: whoever remembered it no longer needs one.
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
        const created = await sessions.create(trx, {
          kind: 'customer',
          subjectId: login.id,
          mustChangePassword: login.mustChangePassword === 1,
          ipAddress: input.actor.ipAddress,
          userAgent: input.userAgent ?? null,
        });
        // To the minute, and last: the login's row lock is then held only until the commit, and
        // sign-ins of one shared login within a minute do not queue on it at all.
        const recordedAt = login.lastSignInAt ? Date.parse(login.lastSignInAt) : Number.NEGATIVE_INFINITY;
        if (now.getTime() - recordedAt >= SIGN_IN_TIME_PRECISION_SECONDS * 1000)
          await repository.recordSignInTime(trx, login.id, now, SIGN_IN_TIME_PRECISION_SECONDS);
        return created;
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
        mayChangeSchedule: contact.mayChangeSchedule === 1,
        viewingAs,
      };
    },

    async changePassword(input: { loginId: string; currentPassword: string; newPassword: string } & RequestContext) {
      const login = await repository.findLoginById(db, input.loginId);
      if (!login) throw new AppError('unauthenticated', 'Sign in to continue.');
      await checkCurrentPassword(throttle, `customer:${login.id}`, async () =>
        login.passwordHash ? verifyPassword(login.passwordHash, input.currentPassword) : false,
      );
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

    /** The customer's signed-in devices, newest activity first, paged in the database. */
    async listDevices(loginId: string, currentToken: string | null, page: { page: number; pageSize: number }) {
      const { items, total } = await sessions.listOwn('customer', loginId, currentToken, {
        limit: page.pageSize,
        offset: (page.page - 1) * page.pageSize,
      });
      return {
        items: items.map((session) => ({
          id: session.publicId,
          device: deviceSummary(session.userAgent),
          createdAt: session.createdAt,
          lastSeenAt: session.lastSeenAt,
          thisDevice: session.current,
        })),
        total,
        page: page.page,
        pageSize: page.pageSize,
      };
    },

    /** Signs one of the customer's own devices out; another customer's device is simply not found. */
    async endDevice(loginId: string, deviceId: string, context: RequestContext): Promise<void> {
      if (!(await sessions.endOwn('customer', loginId, deviceId))) throw notFound('Device');
      await recordAudit(db, clock, context.actor, {
        action: 'portal.device_signed_out',
        subjectType: 'portal_login',
        subjectId: loginId,
      });
    },

    /** "Sign out everywhere": every session of this login, this one included. */
    async endAllDevices(loginId: string, context: RequestContext): Promise<number> {
      return db.transaction().execute(async (trx) => {
        const ended = await sessions.endAllOf(trx, 'customer', [loginId]);
        await recordAudit(trx, clock, context.actor, {
          action: 'portal.signed_out_everywhere',
          subjectType: 'portal_login',
          subjectId: loginId,
          after: { sessionsEnded: ended },
        });
        return ended;
      });
    },

    /** A page of the accounts the customer sees, by name; the cursor is the previous page's last [name, id]. */
    async listAccounts(accountIds: readonly string[], query: ListCustomerAccountsQuery): Promise<CustomerAccountList> {
      const after = query.cursor ? decodePageCursor<[string, string]>(query.cursor, 2) : null;
      // One row more than the page says whether another page follows.
      const rows = await repository.findAccountPage(db, {
        accountIds,
        kind: query.kind,
        after,
        limit: query.limit + 1,
      });
      const items = rows.slice(0, query.limit);
      const last = items.at(-1);
      return {
        items,
        nextCursor: rows.length > query.limit && last ? encodePageCursor([last.name, last.id]) : null,
      };
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
}
