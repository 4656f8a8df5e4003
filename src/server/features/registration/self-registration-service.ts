import { z } from 'zod';
import type { ActorContext } from '../../actor.ts';
import type { Clock } from '../../clock.ts';
import type { Db, Trx } from '../../db/database.ts';
import type { AccountsTable } from '../../db/database-schema.ts';
import { AppError, fieldError } from '../../errors.ts';
import { newId } from '../../ids.ts';
import { insertAccountContact } from '../customers/index.ts';
import { enqueue } from '../../outbox/outbox.ts';
import { loginAlreadyExistsKind } from '../../outbox/kinds/registration-kinds.ts';
import { formatWait, normalizeEmail, type LoginThrottle } from '../../security/login-throttle.ts';
import { checkPassword, hashPassword, PASSWORD_PROBLEM_MESSAGES } from '../../security/passwords.ts';
import { enqueueTask, TaskActorSchema } from '../../tasks/deferred-tasks.ts';
import { recordAudit } from '../audit/index.ts';
import { recordRequestEvent } from './registration-events.ts';
import type { PortalKeyPort, PortalLoginPort } from './registration-ports.ts';
import {
  findAccount,
  findAccountContactByEmail,
  findSettings,
  findUnclosedRequestsByEmail,
  insertRequest,
  listSteps,
  updateRequest,
} from './registration-repository.ts';
import {
  normalizeAccountNumber,
  PORTAL_KEY_MISMATCH_MESSAGE,
  portalKeyThrottleKeys,
  requestThrottleKeys,
} from './registration-rules.ts';

export const PORTAL_KEY_SIGN_UP_TASK = 'registration.portal_key_sign_up';

const PortalKeySignUpTaskSchema = z.object({
  accountId: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  /** argon2id, computed on the request path for every sign-up; the row is deleted once the task ran. */
  passwordHash: z.string(),
  actor: TaskActorSchema,
});
type PortalKeySignUpTask = z.infer<typeof PortalKeySignUpTaskSchema>;

export interface SelfRegistrationDeps {
  db: Db;
  clock: Clock;
  throttle: LoginThrottle;
  config: { publicUrl: string; secretKey: string };
  portalLogins: PortalLoginPort;
  portalKeys: PortalKeyPort;
}

export interface RegistrationRequestInput {
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  address: string | null;
  propertyName: string | null;
  accountNumber: string | null;
}

export interface PortalKeyRegistrationInput {
  portalKey: string;
  accountNumber: string;
  firstName: string;
  lastName: string;
  email: string;
  password: string;
}

/** The visitor-facing side: signing up with a portal key, or filing a request without one. */
export function createSelfRegistrationService(deps: SelfRegistrationDeps) {
  const { db, clock, throttle, config, portalLogins, portalKeys } = deps;

  async function requireSignUpEnabled(): Promise<void> {
    const settings = await findSettings(db);
    if (!settings.selfRegistrationEnabled)
      throw new AppError(
        'forbidden',
        'Signing up in the portal is not available. Ask your contact at our company for access.',
      );
  }

  async function refuseWhileThrottled(keys: Parameters<LoginThrottle['retryAfterSeconds']>[0]): Promise<void> {
    const wait = await throttle.retryAfterSeconds(keys);
    if (wait > 0)
      throw new AppError('rate_limited', `Too many attempts. Try again in ${formatWait(wait)}.`, {
        retryAfterSeconds: wait,
      });
  }

  function tellExistingLogin(trx: Trx, email: string) {
    return enqueue(trx, clock, {
      kind: loginAlreadyExistsKind.id,
      to: [email],
      payload: { link: `${config.publicUrl}/portal/sign-in` },
    });
  }

  return {
    async getPublicSettings() {
      const settings = await findSettings(db);
      return { selfRegistrationEnabled: settings.selfRegistrationEnabled === 1 };
    },

    /**
     * Files an unmatched ("orphan") request for staff. The answer is the same whatever happens next, so it
     * never tells a visitor whether an email already has a login: such a request closes itself and the
     * mailbox owner is told instead.
     */
    async requestPortalRegistration(input: RegistrationRequestInput, actor: ActorContext): Promise<void> {
      await requireSignUpEnabled();
      const keys = requestThrottleKeys(actor.ipAddress);
      await refuseWhileThrottled(keys);
      // Every request counts, not only failures: the limit is on how many requests one address files.
      await throttle.recordFailure(keys);

      const email = normalizeEmail(input.email);
      const existingLogin = await portalLogins.findLoginByPortalEmail(db, email);
      const steps = await listSteps(db);
      const now = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        const pending = await findUnclosedRequestsByEmail(trx, email);
        if (pending[0] && !existingLogin) {
          // A second request from the same address joins the first instead of crowding the queue.
          await recordRequestEvent(trx, clock, actor, pending[0].id, 'submitted', 'Submitted again');
          return;
        }
        const requestId = newId();
        await insertRequest(trx, {
          id: requestId,
          firstName: input.firstName,
          lastName: input.lastName,
          email: input.email.trim(),
          emailNormalized: email,
          phone: input.phone,
          address: input.address,
          propertyName: input.propertyName,
          submittedAccountNumber: input.accountNumber ? normalizeAccountNumber(input.accountNumber) : null,
          state: existingLogin ? 'closed' : 'open',
          closeReason: existingLogin ? 'login_exists' : null,
          accountId: null,
          contactId: null,
          currentStepId: (existingLogin ? steps.at(-1) : steps[0])?.id ?? null,
          assignedStaffId: null,
          ipAddress: actor.ipAddress,
          createdAt: now,
          updatedAt: now,
          matchedAt: null,
          portalKeySentAt: null,
          closedAt: existingLogin ? now : null,
        });
        await recordRequestEvent(trx, clock, actor, requestId, 'submitted');
        await recordAudit(trx, clock, actor, {
          action: 'registration_request.submitted',
          subjectType: 'registration_request',
          subjectId: requestId,
          after: { email },
        });
        if (existingLogin) {
          await recordRequestEvent(
            trx,
            clock,
            { ...actor, actorKind: 'system', actorId: null },
            requestId,
            'auto_closed',
            'A portal login already exists for this email.',
          );
          await tellExistingLogin(trx, email);
        }
      });
    },

    /**
     * Creates a login at once when the portal key and account number match. Every mismatch (unknown
     * number, wrong key) answers identically and counts against the number and the caller's address.
     */
    async registerWithPortalKey(input: PortalKeyRegistrationInput, actor: ActorContext): Promise<{ email: string }> {
      await requireSignUpEnabled();
      const keys = portalKeyThrottleKeys(input.accountNumber, actor.ipAddress);
      await refuseWhileThrottled(keys);

      const email = normalizeEmail(input.email);
      // Checked before the key, so a weak password says nothing about whether the key was right.
      const problem = checkPassword(input.password, [email.split('@')[0]!, input.firstName, input.lastName]);
      if (problem) throw fieldError('password', PASSWORD_PROBLEM_MESSAGES[problem]);

      const account = await portalKeys.findAccountByPortalKey(db, config.secretKey, {
        accountNumber: normalizeAccountNumber(input.accountNumber),
        portalKey: input.portalKey.trim(),
      });
      if (!account) {
        await throttle.recordFailure(keys);
        await recordAudit(db, clock, actor, {
          action: 'registration.portal_key_mismatch',
          subjectType: 'account',
          subjectId: null,
          after: { accountNumber: normalizeAccountNumber(input.accountNumber) },
        });
        throw new AppError('validation_failed', PORTAL_KEY_MISMATCH_MESSAGE);
      }
      await throttle.clear(keys[0]!.key);

      // From here on the work is the same whether or not this email already has a login (the answer
      // and its timing say nothing): hash the password, hand the rest to a deferred task.
      const payload: PortalKeySignUpTask = {
        accountId: account.id,
        firstName: input.firstName,
        lastName: input.lastName,
        email: input.email.trim(),
        passwordHash: await hashPassword(input.password),
        actor,
      };
      await db.transaction().execute((trx) => enqueueTask(trx, clock, { kind: PORTAL_KEY_SIGN_UP_TASK, payload }));
      return { email };
    },

    /** The deferred half of a portal-key sign-up: a login for a new email, else a notice to the mailbox. */
    async runPortalKeySignUpTask(trx: Trx, raw: unknown): Promise<void> {
      const task = PortalKeySignUpTaskSchema.parse(raw);
      const { actor } = task;
      const email = normalizeEmail(task.email);
      const account = await findAccount(trx, task.accountId);
      if (!account) return;
      const existingLogin = await portalLogins.findLoginByPortalEmail(trx, email);
      if (existingLogin) {
        await tellExistingLogin(trx, email);
        await recordAudit(trx, clock, actor, {
          action: 'registration.existing_login',
          subjectType: 'portal_login',
          subjectId: existingLogin.id,
          accountId: account.id,
        });
        return;
      }
      const contactId = await contactForRegistration(trx, actor, account, task, email);
      const created = await portalLogins
        .createSelfRegisteredLogin(trx, { contactId, email, passwordHash: task.passwordHash, actor })
        .catch((error: unknown) => {
          // The contact holding this email already has a login under another address: same answer as above.
          if (error instanceof AppError && error.code === 'conflict') return null;
          throw error;
        });
      if (!created) {
        await tellExistingLogin(trx, email);
        await recordAudit(trx, clock, actor, {
          action: 'registration.existing_login',
          subjectType: 'contact',
          subjectId: contactId,
          accountId: account.id,
        });
        return;
      }
      const { loginId } = created;
      await recordAudit(trx, clock, actor, {
        action: 'registration.registered_with_portal_key',
        subjectType: 'portal_login',
        subjectId: loginId,
        accountId: account.id,
        after: { contactId, email },
      });
      // The visitor no longer needs staff: their pending requests close themselves.
      const system: ActorContext = { ...actor, actorKind: 'system', actorId: null };
      for (const request of await findUnclosedRequestsByEmail(trx, email)) {
        const now = clock.now().toISOString();
        await updateRequest(trx, request.id, {
          state: 'closed',
          closeReason: 'registered',
          closedAt: now,
          updatedAt: now,
        });
        await recordRequestEvent(
          trx,
          clock,
          system,
          request.id,
          'auto_closed',
          `Signed up with the portal key of account ${account.accountNumber}.`,
        );
      }
    },
  };

  /** The account's contact that already has this email, or a new contact of the account. */
  async function contactForRegistration(
    trx: Trx,
    actor: ActorContext,
    account: AccountsTable,
    input: Pick<PortalKeyRegistrationInput, 'firstName' | 'lastName' | 'email'>,
    email: string,
  ): Promise<string> {
    const existing = await findAccountContactByEmail(trx, account.id, email);
    if (existing) return existing.id;
    const contactId = await insertAccountContact(trx, {
      accountId: account.id,
      firstName: input.firstName,
      lastName: input.lastName,
      phone: null,
      email: input.email.trim(),
      now: clock.now().toISOString(),
    });
    await recordAudit(trx, clock, actor, {
      action: 'contact.created',
      subjectType: 'contact',
      subjectId: contactId,
      accountId: account.id,
      after: { firstName: input.firstName, lastName: input.lastName, email, source: 'portal_key_sign_up' },
    });
    return contactId;
  }
}
