import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import type { ActorContext } from '../../actor.ts';
import { addSeconds, type Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Db, Trx } from '../../db/database.ts';
import type { SessionsTable, StaffMembersTable, StaffRole } from '../../db/database-schema.ts';
import type { WebAuthnChallengePurpose } from '../../db/schema/staff-factors.ts';
import { AppError, fieldError } from '../../errors.ts';
import { newId } from '../../ids.ts';
import { formatWait, IDENTIFIER_POLICY, type LoginThrottle } from '../../security/login-throttle.ts';
import { verifyPassword } from '../../security/passwords.ts';
import { open, seal } from '../../security/sealing.ts';
import { generateReadableSecret, hashToken } from '../../security/tokens.ts';
import { STEP_UP_WINDOW_SECONDS, type StepUpBody } from '../../../shared/second-factor-contracts.ts';
import { recordAudit } from '../audit/index.ts';
import type { SessionService } from '../sessions/index.ts';
import {
  authenticationOptions,
  challengeOf,
  registrationOptions,
  resolveWebAuthnOrigin,
  verifyAssertion,
  verifyRegistration,
} from './passkeys.ts';
import { createSecondFactorPolicy } from './second-factor-policy.ts';
import * as repo from './second-factor-repository.ts';
import {
  formatRecoveryCode,
  isFresh,
  isSecondFactorRequired,
  normalizeRecoveryCode,
  RECOVERY_CODE_COUNT,
  WEBAUTHN_CHALLENGE_SECONDS,
} from './second-factor-rules.ts';

const TOTP_SEAL = 'staff-totp-seal';
// Loaded at the first authenticator-app code: otplib and its hash and base32 libraries are ~7 MB of memory.
let otplib: Promise<typeof import('otplib')> | undefined;
const totp = () => (otplib ??= import('otplib'));

function timeStepOf(result: object): number {
  return 'timeStep' in result && typeof result.timeStep === 'number' ? result.timeStep : 0;
}

export type SessionState = Pick<SessionsTable, 'mustChangePassword' | 'secondFactor' | 'reauthenticatedAt'>;
const WRONG_FACTOR = 'That code or passkey did not work. Try again.';

export interface SecondFactorDeps {
  db: Db;
  clock: Clock;
  config: Config;
  sessions: SessionService;
  throttle: LoginThrottle;
}

export function createSecondFactorService(deps: SecondFactorDeps) {
  const { db, clock, config, sessions, throttle } = deps;
  const staffAudit = (actor: ActorContext, staffId: string, action: string, after?: Record<string, unknown>) =>
    recordAudit(db, clock, actor, { action, subjectType: 'staff_member', subjectId: staffId, after });

  async function hasFactor(executor: Db | Trx, staffId: string) {
    return (await repo.staffWithFactors(executor, [staffId])).has(staffId);
  }

  async function isRequired(role: StaffRole) {
    return isSecondFactorRequired(role, await repo.explicitPolicies(db), await repo.anyAdminHasFactor(db));
  }

  async function newChallenge(purpose: WebAuthnChallengePurpose, rpId: string, staffId: string | null, c: string) {
    const expiresAt = addSeconds(clock.now(), WEBAUTHN_CHALLENGE_SECONDS).toISOString();
    await repo.insertChallenge(db, { challenge: c, purpose, staffId, rpId, expiresAt });
  }

  async function takeChallenge(response: { response: { clientDataJSON: string } }, purpose: string, rpId: string) {
    const row = await repo.takeChallenge(db, await challengeOf(response), clock.now().toISOString());
    return row && row.purpose === purpose && row.rpId === rpId ? row : undefined;
  }

  async function newRecoveryCodes(executor: Db | Trx, staffId: string): Promise<string[]> {
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => formatRecoveryCode(generateReadableSecret(20)));
    const createdAt = clock.now().toISOString();
    await repo.replaceRecoveryCodes(
      executor,
      staffId,
      codes.map((code) => ({
        id: newId(),
        staffId,
        codeHash: hashToken(config.secretKey, normalizeRecoveryCode(code)),
        usedAt: null,
        createdAt,
      })),
    );
    return codes;
  }

  /** Checks one proof; the counter per staff member caps guessing (a 6-digit code is only ~20 bits). */
  async function verifyProof(
    staff: StaffMembersTable,
    proof: Exclude<StepUpBody, { method: 'password' }>,
    origin?: string,
  ) {
    const key = [{ key: `staff-second-factor:${staff.id}`, policy: IDENTIFIER_POLICY }];
    const wait = await throttle.retryAfterSeconds(key);
    if (wait > 0)
      throw new AppError('rate_limited', `Too many failed attempts. Try again in ${formatWait(wait)}.`, {
        retryAfterSeconds: wait,
      });
    const ok = await checkProof(staff, proof, origin);
    if (!ok) {
      await throttle.recordFailure(key);
      throw new AppError('unauthenticated', WRONG_FACTOR);
    }
    await throttle.clear(key[0]!.key);
  }

  async function checkProof(
    staff: StaffMembersTable,
    proof: Exclude<StepUpBody, { method: 'password' }>,
    origin?: string,
  ): Promise<boolean> {
    if (proof.method === 'totp') {
      const factor = await repo.findTotp(db, staff.id);
      if (!factor?.confirmedAt) return false;
      const result = await (await totp()).verify({
        secret: open(config.secretKey, TOTP_SEAL, staff.id, factor.secretSealed),
        token: proof.code,
        epoch: Math.floor(clock.now().getTime() / 1000),
        epochTolerance: 30,
        ...(factor.lastTimeStep !== null ? { afterTimeStep: factor.lastTimeStep } : {}),
      });
      return result.valid && (await repo.claimTimeStep(db, staff.id, timeStepOf(result)));
    }
    if (proof.method === 'recovery_code') {
      const codeHash = hashToken(config.secretKey, normalizeRecoveryCode(proof.code));
      return repo.consumeRecoveryCode(db, staff.id, codeHash, clock.now().toISOString());
    }
    const rp = resolveWebAuthnOrigin(config.publicUrl, origin);
    const challenge = await takeChallenge(proof.response, 'second_factor', rp.rpId);
    const passkey = await repo.findPasskey(db, proof.response.id);
    if (!challenge || challenge.staffId !== staff.id || passkey?.staffId !== staff.id || passkey.rpId !== rp.rpId)
      return false;
    const counter = await verifyAssertion({
      rp,
      challenge: challenge.challenge,
      response: proof.response as AuthenticationResponseJSON,
      passkey,
      requireUserVerification: false,
    });
    if (counter === null) return false;
    await repo.recordPasskeyUse(db, passkey.id, counter, clock.now().toISOString());
    return true;
  }

  /** Adding a factor when one exists already changes how the person signs in: it needs a fresh one. */
  async function assertMayAddFactor(staff: StaffMembersTable, session: SessionsTable) {
    if ((await hasFactor(db, staff.id)) && !isFresh(session.reauthenticatedAt, clock.now()))
      throw new AppError('reauth_required', 'Confirm it is you again to change how you sign in.');
  }

  /** A new session id after a second factor or step-up; keeps the original absolute deadline. */
  async function rotate(session: SessionsTable, oldToken: string, actor: ActorContext, userAgent: string | null) {
    const remaining = Math.floor((new Date(session.expiresAt).getTime() - clock.now().getTime()) / 1000);
    const created = await db.transaction().execute(async (trx) => {
      const next = await sessions.create(trx, {
        kind: 'staff',
        subjectId: session.subjectId,
        mustChangePassword: session.mustChangePassword === 1,
        lifetimeSeconds: Math.max(remaining, 1),
        reauthenticatedAt: clock.now().toISOString(),
        ipAddress: actor.ipAddress,
        userAgent,
      });
      await sessions.endToken(trx, oldToken);
      return next;
    });
    const state: SessionState = {
      mustChangePassword: session.mustChangePassword,
      secondFactor: null,
      reauthenticatedAt: clock.now().toISOString(),
    };
    return { token: created.token, state };
  }

  return {
    /** The second-factor part of what GET /api/staff/session answers; `known` when the caller has just read it. */
    async sessionView(staff: StaffMembersTable, state: SessionState, known?: { hasSecondFactor: boolean }) {
      const until = state.reauthenticatedAt
        ? new Date(new Date(state.reauthenticatedAt).getTime() + STEP_UP_WINDOW_SECONDS * 1000)
        : null;
      return {
        secondFactor: state.secondFactor,
        reauthenticatedUntil: until && until > clock.now() ? until.toISOString() : null,
        hasSecondFactor: known?.hasSecondFactor ?? (await hasFactor(db, staff.id)),
      };
    },

    /** What a password sign-in still owes: the second factor, an enrolment, or nothing. */
    async signInState(staff: StaffMembersTable): Promise<'pending' | 'enrol' | null> {
      if (await hasFactor(db, staff.id)) return 'pending';
      return (await isRequired(staff.role)) ? 'enrol' : null;
    },

    async status(staff: StaffMembersTable) {
      const totp = await repo.findTotp(db, staff.id);
      const passkeys = await repo.listPasskeys(db, staff.id);
      return {
        totp: Boolean(totp?.confirmedAt),
        recoveryCodesLeft: await repo.countUnusedRecoveryCodes(db, staff.id),
        passkeys: passkeys.map(({ id, name, createdAt, lastUsedAt }) => ({ id, name, createdAt, lastUsedAt })),
        requiredForMyRole: await isRequired(staff.role),
      };
    },

    async startTotp(staff: StaffMembersTable, session: SessionsTable) {
      await assertMayAddFactor(staff, session);
      const existing = await repo.findTotp(db, staff.id);
      if (existing?.confirmedAt)
        throw new AppError('conflict', 'An authenticator app is already set up. Remove it first to set up another.');
      const { generateSecret, generateURI } = await totp();
      const secret = generateSecret();
      await repo.replaceTotp(db, {
        staffId: staff.id,
        secretSealed: seal(config.secretKey, TOTP_SEAL, staff.id, secret),
        confirmedAt: null,
        lastTimeStep: null,
        createdAt: clock.now().toISOString(),
      });
      return { secret, uri: generateURI({ issuer: 'Portico', label: staff.email, secret }) };
    },

    /** The first code proves the app holds the secret; recovery codes are shown once, now. */
    async confirmTotp(staff: StaffMembersTable, code: string, token: string, actor: ActorContext) {
      const factor = await repo.findTotp(db, staff.id);
      if (!factor || factor.confirmedAt)
        throw new AppError('conflict', 'Start setting up the authenticator app first.');
      const result = await (await totp()).verify({
        secret: open(config.secretKey, TOTP_SEAL, staff.id, factor.secretSealed),
        token: code,
        epoch: Math.floor(clock.now().getTime() / 1000),
        epochTolerance: 30,
      });
      if (!result.valid) throw fieldError('code', 'That code is not right. Enter the code your app shows now.');
      const hadCodes = (await repo.countUnusedRecoveryCodes(db, staff.id)) > 0;
      const recoveryCodes = await db.transaction().execute(async (trx) => {
        await repo.confirmTotp(trx, staff.id, clock.now().toISOString(), timeStepOf(result));
        await sessions.markReauthenticated(trx, token);
        return hadCodes ? [] : newRecoveryCodes(trx, staff.id);
      });
      await staffAudit(actor, staff.id, 'staff.totp_enrolled');
      return { recoveryCodes };
    },

    async removeTotp(staff: StaffMembersTable, actor: ActorContext) {
      await this.assertCanRemoveOne(staff, 'totp');
      await db.transaction().execute(async (trx) => {
        await repo.deleteTotp(trx, staff.id);
        if (!(await hasFactor(trx, staff.id))) await repo.replaceRecoveryCodes(trx, staff.id, []);
      });
      await staffAudit(actor, staff.id, 'staff.totp_removed');
    },

    async regenerateRecoveryCodes(staff: StaffMembersTable, actor: ActorContext) {
      if (!(await hasFactor(db, staff.id))) throw new AppError('conflict', 'Set up a second factor first.');
      const recoveryCodes = await newRecoveryCodes(db, staff.id);
      await staffAudit(actor, staff.id, 'staff.recovery_codes_regenerated');
      return { recoveryCodes };
    },

    /** The last factor of a role that requires one cannot go: the next sign-in would be locked out of work. */
    async assertCanRemoveOne(staff: StaffMembersTable, what: 'totp' | string) {
      const totp = await repo.findTotp(db, staff.id);
      const passkeys = await repo.listPasskeys(db, staff.id);
      const remaining = (totp?.confirmedAt && what !== 'totp' ? 1 : 0) + passkeys.filter((p) => p.id !== what).length;
      if (remaining === 0 && (await isRequired(staff.role)))
        throw new AppError('conflict', 'Your role requires a second factor: add another one before removing this.');
    },

    async passkeyRegistrationOptions(staff: StaffMembersTable, session: SessionsTable, origin: string | undefined) {
      await assertMayAddFactor(staff, session);
      const rp = resolveWebAuthnOrigin(config.publicUrl, origin);
      const options = await registrationOptions({
        rp,
        staffId: staff.id,
        email: staff.email,
        name: staff.name,
        existing: await repo.listPasskeys(db, staff.id),
      });
      await newChallenge('register', rp.rpId, staff.id, options.challenge);
      return options;
    },

    async registerPasskey(input: {
      staff: StaffMembersTable;
      name: string;
      response: RegistrationResponseJSON;
      origin: string | undefined;
      token: string;
      actor: ActorContext;
    }) {
      const rp = resolveWebAuthnOrigin(config.publicUrl, input.origin);
      const challenge = await takeChallenge(input.response, 'register', rp.rpId);
      if (challenge?.staffId !== input.staff.id)
        throw new AppError('validation_failed', 'This passkey request expired. Try again.');
      const credential = await verifyRegistration(rp, challenge.challenge, input.response);
      if (await repo.findPasskey(db, credential.id)) throw new AppError('conflict', 'This passkey is already added.');
      const hadFactor = await hasFactor(db, input.staff.id);
      const recoveryCodes = await db.transaction().execute(async (trx) => {
        await repo.insertPasskey(trx, {
          id: credential.id,
          staffId: input.staff.id,
          rpId: rp.rpId,
          publicKey: credential.publicKey,
          counter: credential.counter,
          transportsJson: credential.transports ? JSON.stringify(credential.transports) : null,
          name: input.name,
          createdAt: clock.now().toISOString(),
          lastUsedAt: null,
        });
        await sessions.markReauthenticated(trx, input.token);
        return hadFactor ? [] : newRecoveryCodes(trx, input.staff.id);
      });
      await staffAudit(input.actor, input.staff.id, 'staff.passkey_added', { name: input.name });
      return { recoveryCodes };
    },

    async removePasskey(staff: StaffMembersTable, passkeyId: string, actor: ActorContext) {
      await this.assertCanRemoveOne(staff, passkeyId);
      if (!(await repo.deletePasskey(db, staff.id, passkeyId))) throw new AppError('not_found', 'Passkey not found');
      if (!(await hasFactor(db, staff.id))) await repo.replaceRecoveryCodes(db, staff.id, []);
      await staffAudit(actor, staff.id, 'staff.passkey_removed', { passkeyId });
    },

    /** Options for a passkey as the second factor or for step-up: only this person's passkeys. */
    async passkeyChallenge(staff: StaffMembersTable, origin: string | undefined) {
      const rp = resolveWebAuthnOrigin(config.publicUrl, origin);
      const passkeys = (await repo.listPasskeys(db, staff.id)).filter((passkey) => passkey.rpId === rp.rpId);
      if (passkeys.length === 0) throw new AppError('conflict', 'You have no passkey for this address.');
      const options = await authenticationOptions(rp, passkeys);
      await newChallenge('second_factor', rp.rpId, staff.id, options.challenge);
      return options;
    },

    /** The second step of a password sign-in. */
    async completeSignIn(input: {
      staff: StaffMembersTable;
      session: SessionsTable;
      token: string;
      proof: Exclude<StepUpBody, { method: 'password' }>;
      origin: string | undefined;
      actor: ActorContext;
      userAgent: string | null;
    }) {
      if (input.session.secondFactor !== 'pending') throw new AppError('conflict', 'No second factor is pending.');
      await verifyProof(input.staff, input.proof, input.origin);
      const rotated = await rotate(input.session, input.token, input.actor, input.userAgent);
      await staffAudit(input.actor, input.staff.id, 'staff.second_factor_passed', { method: input.proof.method });
      return rotated;
    },

    /** Fresh re-authentication for a sensitive action: the second factor, or the password for staff without one. */
    async stepUp(input: {
      staff: StaffMembersTable;
      session: SessionsTable;
      token: string;
      proof: StepUpBody;
      origin: string | undefined;
      actor: ActorContext;
      userAgent: string | null;
    }) {
      const enrolled = await hasFactor(db, input.staff.id);
      if (input.proof.method === 'password') {
        if (enrolled) throw new AppError('forbidden', 'Confirm with your second factor, not your password.');
        if (!input.staff.passwordHash || !(await verifyPassword(input.staff.passwordHash, input.proof.password))) {
          await staffAudit(input.actor, input.staff.id, 'staff.step_up_failed', { method: 'password' });
          throw fieldError('password', 'That password is not right.');
        }
      } else {
        await verifyProof(input.staff, input.proof, input.origin).catch(async (error: unknown) => {
          await staffAudit(input.actor, input.staff.id, 'staff.step_up_failed', { method: input.proof.method });
          throw error;
        });
      }
      const rotated = await rotate(input.session, input.token, input.actor, input.userAgent);
      await staffAudit(input.actor, input.staff.id, 'staff.stepped_up', { method: input.proof.method });
      return rotated;
    },

    async passwordlessOptions(origin: string | undefined) {
      const rp = resolveWebAuthnOrigin(config.publicUrl, origin);
      const options = await authenticationOptions(rp, null);
      await newChallenge('sign_in', rp.rpId, null, options.challenge);
      return options;
    },

    /** A discoverable passkey with user verification is both factors: no password needed. */
    async passwordlessSignIn(input: {
      response: AuthenticationResponseJSON;
      origin: string | undefined;
      actor: ActorContext;
      userAgent: string | null;
      findStaff: (id: string) => Promise<StaffMembersTable | undefined>;
    }) {
      const rp = resolveWebAuthnOrigin(config.publicUrl, input.origin);
      const challenge = await takeChallenge(input.response, 'sign_in', rp.rpId);
      const passkey = await repo.findPasskey(db, input.response.id);
      const staff = passkey ? await input.findStaff(passkey.staffId) : undefined;
      const counter =
        challenge && passkey && staff && !staff.deactivatedAt && passkey.rpId === rp.rpId
          ? await verifyAssertion({
              rp,
              challenge: challenge.challenge,
              response: input.response,
              passkey,
              requireUserVerification: true,
            })
          : null;
      if (counter === null || !staff || !passkey) {
        await recordAudit(db, clock, input.actor, {
          action: 'staff.passkey_sign_in_failed',
          subjectType: 'staff_member',
          subjectId: staff?.id ?? null,
        });
        throw new AppError('unauthenticated', 'That passkey did not sign you in. Try again or use your password.');
      }
      await repo.recordPasskeyUse(db, passkey.id, counter, clock.now().toISOString());
      const session = await sessions.create(db, {
        kind: 'staff',
        subjectId: staff.id,
        mustChangePassword: staff.mustChangePassword === 1,
        reauthenticatedAt: clock.now().toISOString(),
        ipAddress: input.actor.ipAddress,
        userAgent: input.userAgent,
      });
      await staffAudit({ ...input.actor, actorKind: 'staff', actorId: staff.id }, staff.id, 'staff.signed_in', {
        method: 'passkey',
      });
      const state: SessionState = {
        mustChangePassword: staff.mustChangePassword,
        secondFactor: null,
        reauthenticatedAt: clock.now().toISOString(),
      };
      return { token: session.token, staff, state };
    },

    ...createSecondFactorPolicy({ db, clock }),
  };
}
