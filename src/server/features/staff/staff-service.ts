import type { ActorContext } from '../../actor.ts';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import type { SessionsTable, StaffMembersTable, StaffRole } from '../../db/database-schema.ts';
import { AppError, fieldError } from '../../errors.ts';
import { newId } from '../../ids.ts';
import {
  checkCurrentPassword,
  formatWait,
  IDENTIFIER_POLICY,
  IP_POLICY,
  normalizeEmail,
  type LoginThrottle,
  type ThrottleKey,
} from '../../security/login-throttle.ts';
import {
  burnPasswordVerification,
  checkPassword,
  hashPassword,
  PASSWORD_PROBLEM_MESSAGES,
  verifyPassword,
} from '../../security/passwords.ts';
import { generateReadableSecret } from '../../security/tokens.ts';
import { recordAudit } from '../audit/index.ts';
import type { SessionService } from '../sessions/index.ts';
import { findStaffByEmail, findStaffById, insertStaff, updateStaffPassword } from './staff-repository.ts';

export const INVALID_CREDENTIALS_MESSAGE = 'That email and password do not match. Check both and try again.';

export interface StaffServiceDeps {
  db: Db;
  clock: Clock;
  sessions: SessionService;
  throttle: LoginThrottle;
  /** What a correct password still owes (the second-factor feature decides). */
  secondFactors: { signInState(staff: StaffMembersTable): Promise<'pending' | 'enrol' | null> };
}

function throttleKeys(email: string, ipAddress: string | null): ThrottleKey[] {
  const keys: ThrottleKey[] = [{ key: `staff:${normalizeEmail(email)}`, policy: IDENTIFIER_POLICY }];
  // Its own per-IP counter: customers failing at the portal never hold staff back, nor the reverse.
  if (ipAddress) keys.push({ key: `staff-ip:${ipAddress}`, policy: IP_POLICY });
  return keys;
}

export function createStaffService(deps: StaffServiceDeps) {
  const { db, clock, sessions, throttle, secondFactors } = deps;

  return {
    /**
     * Every failure (unknown email, wrong password, deactivated, no password yet) answers the same way
     * after the same amount of work, so sign-in reveals nothing about which emails are staff.
     */
    async signIn(input: { email: string; password: string; actor: ActorContext; userAgent: string | null }) {
      const keys = throttleKeys(input.email, input.actor.ipAddress);
      // The throttle rows and the staff member are read at once; the keys do not depend on who it is.
      const [{ retryAfterSeconds: wait, recordedKeys }, staff] = await Promise.all([
        throttle.check(keys),
        findStaffByEmail(db, normalizeEmail(input.email)),
      ]);
      if (wait > 0) {
        await recordAudit(db, clock, input.actor, {
          action: 'staff.sign_in_throttled',
          subjectType: 'staff_member',
          subjectId: null,
          after: { email: normalizeEmail(input.email) },
        });
        throw new AppError('rate_limited', `Too many failed attempts. Try again in ${formatWait(wait)}.`, {
          retryAfterSeconds: wait,
        });
      }
      const passwordMatches = staff?.passwordHash
        ? await verifyPassword(staff.passwordHash, input.password)
        : await burnPasswordVerification(input.password).then(() => false);
      if (!staff || !passwordMatches || staff.deactivatedAt) {
        await throttle.recordFailure(keys);
        await recordAudit(db, clock, input.actor, {
          action: 'staff.sign_in_failed',
          subjectType: 'staff_member',
          subjectId: staff?.id ?? null,
        });
        throw new AppError('unauthenticated', INVALID_CREDENTIALS_MESSAGE);
      }
      // A success forgets the failures against this email (not those of the IP address).
      if (recordedKeys.includes(keys[0]!.key)) await throttle.clear(keys[0]!.key);
      // The password alone is the strongest factor only for someone with no second factor.
      const secondFactor = await secondFactors.signInState(staff);
      const reauthenticatedAt = secondFactor === null ? clock.now().toISOString() : null;
      // One commit for the session and its audit line.
      const session = await db.transaction().execute(async (trx) => {
        const created = await sessions.create(trx, {
          kind: 'staff',
          subjectId: staff.id,
          mustChangePassword: staff.mustChangePassword === 1,
          secondFactor,
          reauthenticatedAt,
          ipAddress: input.actor.ipAddress,
          userAgent: input.userAgent,
        });
        await recordAudit(
          trx,
          clock,
          { ...input.actor, actorKind: 'staff', actorId: staff.id },
          { action: 'staff.signed_in', subjectType: 'staff_member', subjectId: staff.id },
        );
        return created;
      });
      const state = { mustChangePassword: staff.mustChangePassword, secondFactor, reauthenticatedAt };
      // A second factor is owed exactly when the staff member has one.
      return { token: session.token, staff, state, hasSecondFactor: secondFactor === 'pending' };
    },

    async changePassword(input: {
      staffId: string;
      session: SessionsTable;
      currentPassword: string;
      newPassword: string;
      actor: ActorContext;
      userAgent: string | null;
    }) {
      const staff = await findStaffById(db, input.staffId);
      if (!staff) throw new AppError('unauthenticated', 'Sign in to continue.');
      await checkCurrentPassword(throttle, `staff:${staff.id}`, async () =>
        staff.passwordHash ? verifyPassword(staff.passwordHash, input.currentPassword) : false,
      );
      const problem = checkPassword(input.newPassword, [staff.email.split('@')[0]!, ...staff.name.split(/\s+/)]);
      if (problem) throw fieldError('newPassword', PASSWORD_PROBLEM_MESSAGES[problem]);
      if (input.newPassword === input.currentPassword)
        throw fieldError('newPassword', 'Choose a password different from the current one.');
      const passwordHash = await hashPassword(input.newPassword);
      // The change ends every session, including this one; a fresh session replaces it.
      const token = await db.transaction().execute(async (trx) => {
        await updateStaffPassword(trx, staff.id, passwordHash, 0);
        await sessions.endAllOf(trx, 'staff', [staff.id]);
        await recordAudit(trx, clock, input.actor, {
          action: 'staff.password_changed',
          subjectType: 'staff_member',
          subjectId: staff.id,
        });
        // The replacement keeps what the old session had proven (or still owed) about the second factor.
        const session = await sessions.create(trx, {
          kind: 'staff',
          subjectId: staff.id,
          secondFactor: input.session.secondFactor,
          reauthenticatedAt: input.session.reauthenticatedAt,
          ipAddress: input.actor.ipAddress,
          userAgent: input.userAgent,
        });
        return session.token;
      });
      const state = {
        mustChangePassword: 0 as const,
        secondFactor: input.session.secondFactor,
        reauthenticatedAt: input.session.reauthenticatedAt,
      };
      return { token, state };
    },

    /** Creates a staff member with a generated temporary password that must be changed at first sign-in. */
    async createStaffMember(input: {
      email: string;
      name: string;
      role: StaffRole;
      temporary: boolean;
      actor: ActorContext;
    }) {
      const email = normalizeEmail(input.email);
      if (await findStaffByEmail(db, email))
        throw new AppError('conflict', `A staff member with the email ${email} already exists.`, {
          fields: [{ path: 'email', message: 'Already in use' }],
        });
      const password = generateReadableSecret(20);
      const staff: StaffMembersTable = {
        id: newId(),
        email,
        name: input.name,
        role: input.role,
        passwordHash: await hashPassword(password),
        mustChangePassword: input.temporary ? 1 : 0,
        createdAt: clock.now().toISOString(),
        deactivatedAt: null,
      };
      await db.transaction().execute(async (trx) => {
        await insertStaff(trx, staff);
        await recordAudit(trx, clock, input.actor, {
          action: 'staff.created',
          subjectType: 'staff_member',
          subjectId: staff.id,
          after: { email, role: input.role },
        });
      });
      return { staff, password };
    },
  };
}

export type StaffService = ReturnType<typeof createStaffService>;
