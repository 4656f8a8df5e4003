import type { ActorContext } from '../../actor.ts';
import type { Clock } from '../../clock.ts';
import type { Db, Trx } from '../../db/database.ts';
import type { AccountsTable } from '../../db/database-schema.ts';
import type {
  RegistrationCloseReason,
  RegistrationRequestsTable,
  RegistrationStepsTable,
} from '../../db/schema/registration.ts';
import { AppError, fieldError, notFound } from '../../errors.ts';
import { portalKeyKind } from '../../outbox/kinds/registration-kinds.ts';
import { insertAccountContact, insertContactEmail } from '../customers/index.ts';
import { enqueue } from '../../outbox/outbox.ts';
import { toE164 } from '../../outbox/recipients.ts';
import { recordAudit } from '../audit/index.ts';
import { recordRequestEvent } from './registration-events.ts';
import type { PortalKeyPort, RenderEmail } from './registration-ports.ts';
import {
  findAccount,
  findAccountContacts,
  findActiveStaffEmailsByRole,
  findContact,
  findContactEmails,
  findRequest,
  findRequestRow,
  findSettings,
  findStep,
  isContactOfAccount,
  listEvents,
  listRequests,
  listSteps,
  searchAccounts,
  updateRequest,
  type RequestListQuery,
} from './registration-repository.ts';
import { checkStepMove, emailKindToAdd } from './registration-rules.ts';

export interface RegistrationQueueDeps {
  db: Db;
  clock: Clock;
  config: { publicUrl: string; secretKey: string };
  portalKeys: PortalKeyPort;
  renderEmail: RenderEmail;
}

const STEP_MOVE_MESSAGES = {
  closed: 'This request is closed.',
  not_matched: 'Match the request to an account before sending the portal key.',
} as const;

/** The staff side: the queue of requests, matching them to an account and contact, and sending the key. */
export function createRegistrationQueueService(deps: RegistrationQueueDeps) {
  const { db, clock, config, portalKeys, renderEmail } = deps;

  async function requireRequest(executor: Db | Trx, requestId: string): Promise<RegistrationRequestsTable> {
    const request = await findRequest(executor, requestId);
    if (!request) throw notFound('Registration request');
    return request;
  }

  async function requireOpenRequest(executor: Db | Trx, requestId: string): Promise<RegistrationRequestsTable> {
    const request = await requireRequest(executor, requestId);
    if (request.state === 'closed') throw new AppError('conflict', STEP_MOVE_MESSAGES.closed);
    return request;
  }

  /** The portal-key email for a matched request: recipient, reply-to (the configured staff role) and merge data. */
  async function portalKeyMessage(executor: Db | Trx, request: RegistrationRequestsTable) {
    if (request.state !== 'matched' || !request.accountId)
      throw new AppError('conflict', STEP_MOVE_MESSAGES.not_matched);
    const account = await findAccount(executor, request.accountId);
    if (!account) throw notFound('Account');
    const settings = await findSettings(executor);
    // A role with nobody (a fresh install has no support staff) must not send replies into the void.
    let replyTo = (await findActiveStaffEmailsByRole(executor, settings.replyStaffRole)).map((row) => row.email);
    if (replyTo.length === 0) replyTo = (await findActiveStaffEmailsByRole(executor, 'admin')).map((row) => row.email);
    const payload = {
      contact: { firstName: request.firstName },
      account: {
        name: account.name,
        number: account.accountNumber,
        portalKey: portalKeys.revealPortalKey(account, config.secretKey),
      },
      link: `${config.publicUrl}/portal/sign-up?accountNumber=${encodeURIComponent(account.accountNumber)}`,
    };
    return { account, to: [request.email], replyTo, payload };
  }

  async function sendPortalKeyInTransaction(
    trx: Trx,
    request: RegistrationRequestsTable,
    actor: ActorContext,
    sendStep: RegistrationStepsTable | undefined,
  ) {
    const message = await portalKeyMessage(trx, request);
    await enqueue(trx, clock, {
      kind: portalKeyKind.id,
      to: message.to,
      replyTo: message.replyTo,
      payload: message.payload,
      accountId: message.account.id,
      contactId: request.contactId,
    });
    const now = clock.now().toISOString();
    await updateRequest(trx, request.id, {
      portalKeySentAt: now,
      updatedAt: now,
      ...(sendStep ? { currentStepId: sendStep.id } : {}),
    });
    await recordRequestEvent(trx, clock, actor, request.id, 'portal_key_sent', `Sent to ${request.email}`);
    // The key itself stays out of the audit log.
    await recordAudit(trx, clock, actor, {
      action: 'registration_request.portal_key_sent',
      subjectType: 'registration_request',
      subjectId: request.id,
      accountId: message.account.id,
      after: { to: message.to },
    });
  }

  async function closeInTransaction(
    trx: Trx,
    request: RegistrationRequestsTable,
    actor: ActorContext,
    reason: RegistrationCloseReason,
    note: string | null,
  ) {
    const steps = await listSteps(trx);
    const now = clock.now().toISOString();
    const closeStep = steps.find((step) => step.action === 'close');
    await updateRequest(trx, request.id, {
      state: 'closed',
      closeReason: reason,
      closedAt: now,
      updatedAt: now,
      currentStepId: closeStep?.id ?? request.currentStepId,
    });
    await recordRequestEvent(trx, clock, actor, request.id, 'closed', note);
    await recordAudit(trx, clock, actor, {
      action: 'registration_request.closed',
      subjectType: 'registration_request',
      subjectId: request.id,
      accountId: request.accountId,
      before: { state: request.state },
      after: { state: 'closed', reason, note },
    });
  }

  return {
    async listRequests(query: Omit<RequestListQuery, 'limit' | 'offset'> & { page: number; pageSize: number }) {
      const rows = await listRequests(db, {
        state: query.state,
        search: query.search,
        limit: query.pageSize + 1,
        offset: (query.page - 1) * query.pageSize,
      });
      return { rows: rows.slice(0, query.pageSize), hasMore: rows.length > query.pageSize };
    },

    async getRequest(requestId: string) {
      const row = await findRequestRow(db, requestId);
      if (!row) throw notFound('Registration request');
      const contact = row.contactId ? await findContact(db, row.contactId) : undefined;
      const contactEmails = contact ? await findContactEmails(db, [contact.id]) : [];
      const [events, steps, settings] = await Promise.all([listEvents(db, requestId), listSteps(db), findSettings(db)]);
      return { row, contact: contact ? { ...contact, emails: contactEmails } : null, events, steps, settings };
    },

    searchAccounts(search: string) {
      return searchAccounts(db, search, 20);
    },

    /** Contacts of the account, the ones already holding the submitted email first. */
    async searchContacts(requestId: string, accountId: string, search: string) {
      const request = await requireRequest(db, requestId);
      const contacts = await findAccountContacts(db, accountId, search);
      const emails = await findContactEmails(
        db,
        contacts.map((contact) => contact.id),
      );
      return contacts
        .map((contact) => {
          const own = emails.filter((email) => email.contactId === contact.id);
          return {
            ...contact,
            emails: own,
            hasSubmittedEmail: own.some((email) => email.emailNormalized === request.emailNormalized),
          };
        })
        .sort((left, right) => Number(right.hasSubmittedEmail) - Number(left.hasSubmittedEmail));
    },

    /**
     * Ties the request to an account and a contact (existing, or created from what the visitor sent) and
     * optionally adds the submitted email to that contact so our emails reach them.
     */
    async matchRequest(
      requestId: string,
      input: { accountId: string; contactId: string | null; addEmailToContact: boolean },
      actor: ActorContext & { actorId: string },
    ) {
      await db.transaction().execute(async (trx) => {
        const request = await requireOpenRequest(trx, requestId);
        const account = await findAccount(trx, input.accountId);
        if (!account) throw fieldError('accountId', 'Choose an account from the list.');
        const now = clock.now().toISOString();
        let contactId = input.contactId;
        if (contactId) {
          if (!(await isContactOfAccount(trx, contactId, account.id)))
            throw fieldError('contactId', 'Choose a contact of this account.');
          if (input.addEmailToContact) await addEmailToContact(trx, request, account, contactId, actor);
        } else {
          contactId = await createContactFromRequest(trx, request, account, actor);
        }
        await updateRequest(trx, request.id, {
          state: 'matched',
          accountId: account.id,
          contactId,
          matchedAt: now,
          updatedAt: now,
          assignedStaffId: request.assignedStaffId ?? actor.actorId,
        });
        await recordRequestEvent(
          trx,
          clock,
          actor,
          request.id,
          'matched',
          `${account.name} (${account.accountNumber})`,
        );
        await recordAudit(trx, clock, actor, {
          action: 'registration_request.matched',
          subjectType: 'registration_request',
          subjectId: request.id,
          accountId: account.id,
          before: { state: request.state, accountId: request.accountId, contactId: request.contactId },
          after: { state: 'matched', accountId: account.id, contactId },
        });
      });
    },

    /** Moves the request to a step; the step's action runs with it (send the portal key, or close). */
    async setStep(requestId: string, stepId: string, actor: ActorContext) {
      await db.transaction().execute(async (trx) => {
        const request = await requireRequest(trx, requestId);
        const step = await findStep(trx, stepId);
        if (!step) throw fieldError('stepId', 'Choose one of the configured steps.');
        const problem = checkStepMove(request, step);
        if (problem) throw new AppError('conflict', STEP_MOVE_MESSAGES[problem]);
        if (step.action === 'close') {
          await closeInTransaction(trx, request, actor, 'completed', null);
          return;
        }
        const now = clock.now().toISOString();
        await updateRequest(trx, request.id, { currentStepId: step.id, updatedAt: now });
        await recordRequestEvent(trx, clock, actor, request.id, 'step_changed', `${step.position} - ${step.name}`);
        await recordAudit(trx, clock, actor, {
          action: 'registration_request.step_changed',
          subjectType: 'registration_request',
          subjectId: request.id,
          accountId: request.accountId,
          before: { currentStepId: request.currentStepId },
          after: { currentStepId: step.id },
        });
        if (step.action === 'send_portal_key') await sendPortalKeyInTransaction(trx, request, actor, step);
      });
    },

    async sendPortalKey(requestId: string, actor: ActorContext) {
      await db.transaction().execute(async (trx) => {
        const request = await requireOpenRequest(trx, requestId);
        const sendStep = (await listSteps(trx)).find((step) => step.action === 'send_portal_key');
        await sendPortalKeyInTransaction(trx, request, actor, sendStep);
      });
    },

    /** The email sendPortalKey would enqueue, rendered, without enqueuing it. */
    async previewPortalKeyEmail(requestId: string) {
      const request = await requireOpenRequest(db, requestId);
      const message = await portalKeyMessage(db, request);
      return { to: message.to, replyTo: message.replyTo, ...(await renderEmail(portalKeyKind.id, message.payload)) };
    },

    async closeRequest(
      requestId: string,
      input: { reason: RegistrationCloseReason; note: string | null },
      actor: ActorContext,
    ) {
      await db.transaction().execute(async (trx) => {
        const request = await requireOpenRequest(trx, requestId);
        await closeInTransaction(trx, request, actor, input.reason, input.note);
      });
    },

    async addNote(requestId: string, text: string, actor: ActorContext) {
      await db.transaction().execute(async (trx) => {
        const request = await requireRequest(trx, requestId);
        await recordRequestEvent(trx, clock, actor, request.id, 'note', text);
      });
    },
  };

  async function addEmailToContact(
    trx: Trx,
    request: RegistrationRequestsTable,
    account: AccountsTable,
    contactId: string,
    actor: ActorContext,
  ) {
    const existing = await findContactEmails(trx, [contactId]);
    const kind = emailKindToAdd(existing, request.emailNormalized);
    if (!kind) return;
    await insertContactEmail(trx, { contactId, email: request.email, kind, now: clock.now().toISOString() });
    await recordRequestEvent(
      trx,
      clock,
      actor,
      request.id,
      'email_added',
      `${request.email} added as ${kind === 'primary' ? 'the primary' : 'an other'} email`,
    );
    await recordAudit(trx, clock, actor, {
      action: 'contact.email_added',
      subjectType: 'contact',
      subjectId: contactId,
      accountId: account.id,
      after: { email: request.emailNormalized, kind },
    });
  }

  async function createContactFromRequest(
    trx: Trx,
    request: RegistrationRequestsTable,
    account: AccountsTable,
    actor: ActorContext,
  ): Promise<string> {
    const now = clock.now().toISOString();
    const contactId = await insertAccountContact(trx, {
      accountId: account.id,
      firstName: request.firstName,
      lastName: request.lastName,
      phone: request.phone ? (toE164(request.phone) ?? request.phone) : null,
      email: request.email,
      now,
    });
    await recordRequestEvent(
      trx,
      clock,
      actor,
      request.id,
      'contact_created',
      `${request.firstName} ${request.lastName} <${request.email}>`,
    );
    await recordAudit(trx, clock, actor, {
      action: 'contact.created',
      subjectType: 'contact',
      subjectId: contactId,
      accountId: account.id,
      after: {
        firstName: request.firstName,
        lastName: request.lastName,
        email: request.emailNormalized,
        source: 'registration_request',
      },
    });
    return contactId;
  }
}

export type RegistrationQueueService = ReturnType<typeof createRegistrationQueueService>;
