import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { z } from 'zod';
import { BillingProfileFieldsSchema } from '../../../shared/billing-contracts.ts';
import { ONBOARDING_PART_LABELS, OnboardingPartSchema } from '../../../shared/onboarding-contracts.ts';
import type { ActorContext } from '../../actor.ts';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import { AppError, fieldError, notFound } from '../../errors.ts';
import { recordAudit } from '../audit/index.ts';
import type { CatalogFeature } from '../catalog/index.ts';
import type { CustomersFeature } from '../customers/index.ts';
import {
  CLOSING_KEYS,
  channelOfMethod,
  findQuestion,
  isAnswered,
  methodOfChannel,
  type Question,
  QUESTIONS,
} from './onboarding-questions.ts';
import { claimAnswer, findAnswer, listAnswers } from './onboarding-repository.ts';

export interface OnboardingDeps {
  db: Db;
  clock: Clock;
  customers: CustomersFeature;
  catalog: CatalogFeature;
}

const contactId = z.string().min(1).max(64);

/** The value a question accepts, by kind; anything else is a field error on `value`. */
function valueSchema(question: Question): z.ZodType {
  switch (question.kind) {
    case 'contact':
      return contactId.nullable();
    case 'contacts':
      return z.array(contactId).max(50);
    case 'choice':
      return z.enum(question.options!.map((option) => option.value) as [string, ...string[]]).nullable();
    case 'yes_no':
      return z.boolean().nullable();
    case 'check':
      return z.boolean();
    case 'text':
      return z.string().trim().max(4000);
    case 'phone':
      return z.string().trim().max(40).nullable();
    case 'billing':
      return BillingProfileFieldsSchema;
  }
}

/** A number that can receive texts, in E.164 (+ and country code). */
function requireMobile(input: string | null): string | null {
  if (!input) return null;
  const message = 'Enter a mobile number in E.164, e.g. +15125550142';
  if (!input.startsWith('+')) throw fieldError('value', message);
  const phone = parsePhoneNumberFromString(input);
  const type = phone?.isValid() ? phone.getType() : undefined;
  if (!phone || (type !== 'MOBILE' && type !== 'FIXED_LINE_OR_MOBILE')) throw fieldError('value', message);
  return phone.number;
}

export function createOnboardingService(deps: OnboardingDeps) {
  const { db, clock, customers, catalog } = deps;

  async function load(accountId: string) {
    const account = await customers.accounts.getAccount(accountId);
    const [state, contacts, profile, billing, rows, checklist] = await Promise.all([
      customers.onboardingState.getOnboardingState(accountId),
      customers.contacts.listAccountContacts(accountId),
      catalog.serviceProfiles.getServiceProfile(accountId),
      customers.billing.getBillingProfile(accountId),
      listAnswers(db, accountId),
      customers.accounts.getOnboardingChecklist(accountId),
    ]);
    return { account: account.account, state, contacts, profile, billing, rows, checklist };
  }

  type Loaded = Awaited<ReturnType<typeof load>>;

  function sessionValue(rows: Loaded['rows'], key: string): unknown {
    const row = rows.find((candidate) => candidate.questionKey === key);
    return row?.valueJson ? JSON.parse(row.valueJson) : null;
  }

  /** Reads each answer from where it lives. */
  function answerValue(question: Question, loaded: Loaded): unknown {
    const { profile, contacts, billing, rows } = loaded;
    const channelOf = (id: string | null) => {
      const contact = contacts.find((candidate) => candidate.id === id);
      return contact ? methodOfChannel(contact.notificationChannel) : null;
    };
    const primary = sessionValue(rows, 'primaryContact') as string | null;
    switch (question.home) {
      case 'session':
        return sessionValue(rows, question.key);
      case 'service_profile.main_approver':
        return profile.mainApproverContactId;
      case 'service_profile.backup_phone':
        return profile.backupNotificationPhone;
      case 'service_profile.photos_required':
        return profile.addonPhotosRequired;
      case 'service_profile.pro_requests_direct':
        return profile.proRequestsDirect;
      case 'contact.primary_channel':
        return channelOf(primary);
      case 'contact.approver_channel':
        return channelOf(profile.mainApproverContactId);
      case 'contact.schedule_permission':
        return contacts
          .filter((contact) => !contact.staffMemberId && contact.mayChangeSchedule === 1 && contact.id !== primary)
          .map((contact) => contact.id);
      case 'billing_profile': {
        const {
          accountId: _id,
          accountName: _name,
          managementCompanyName: _company,
          updatedAt: _at,
          ...fields
        } = billing;
        return fields;
      }
    }
  }

  function present(loaded: Loaded) {
    const answers = QUESTIONS.map((question) => {
      const row = loaded.rows.find((candidate) => candidate.questionKey === question.key);
      const value = answerValue(question, loaded);
      return {
        key: question.key,
        part: question.part,
        label: question.label,
        kind: question.kind,
        options: [...(question.options ?? [])],
        home: question.home,
        portalPath: question.portalPath?.replace('{accountId}', loaded.account.id) ?? null,
        value,
        // Answered means a PSM saved it in the session; a default value alone is not a confirmation.
        answered: Boolean(row) && isAnswered(question, value),
        version: row?.version ?? 0,
        answeredByName: row?.answeredByName ?? null,
        answeredAt: row?.answeredAt ?? null,
      };
    });
    const progress = OnboardingPartSchema.options.map((part) => {
      if (part === 'pre_onboard')
        return {
          part,
          done: loaded.checklist.filter((item) => item.done).length,
          total: loaded.checklist.length,
        };
      const inPart = answers.filter((answer) => answer.part === part);
      return { part, done: inPart.filter((answer) => answer.answered).length, total: inPart.length };
    });
    return {
      accountId: loaded.account.id,
      accountName: loaded.account.name,
      state: loaded.state.state,
      completedAt: loaded.state.completedAt,
      completedByName: loaded.state.completedByName,
      progress,
      contacts: loaded.contacts.map((contact) => ({
        id: contact.id,
        name: `${contact.firstName} ${contact.lastName}`,
        title: contact.title,
        phone: contact.phone,
        email: contact.primaryEmails[0] ?? null,
        isStaff: Boolean(contact.staffMemberId),
      })),
      answers,
      checklist: loaded.checklist,
    };
  }

  async function getSession(accountId: string) {
    return present(await load(accountId));
  }

  function requireLinked(loaded: Loaded, id: string | null) {
    if (id && !loaded.contacts.some((contact) => contact.id === id && !contact.staffMemberId))
      throw fieldError('value', 'Choose a contact of this account');
  }

  async function updateProfile(
    loaded: Loaded,
    patch: Partial<{
      mainApproverContactId: string | null;
      backupNotificationPhone: string | null;
      addonPhotosRequired: boolean;
      proRequestsDirect: boolean;
    }>,
    actor: ActorContext,
  ) {
    const { profile } = loaded;
    await catalog.serviceProfiles.updateServiceProfile(
      loaded.account.id,
      {
        turnProfileAllServices: profile.turnProfileAllServices,
        turnProfileServiceIds: profile.turnProfileServiceIds,
        addonApprovalMethod: profile.addonApprovalMethod,
        addonAutoApproveLimitCents: profile.addonAutoApproveLimitCents,
        backupNotificationPhone: profile.backupNotificationPhone,
        mainApproverContactId: profile.mainApproverContactId,
        addonPhotosRequired: profile.addonPhotosRequired,
        proRequestsDirect: profile.proRequestsDirect,
        ...patch,
      },
      actor,
    );
  }

  async function setChannel(loaded: Loaded, id: string | null, method: string | null, actor: ActorContext) {
    const contact = loaded.contacts.find((candidate) => candidate.id === id);
    if (!contact) throw fieldError('value', 'Choose the contact first (primary point of contact or add-on approver)');
    if (!method) return;
    await customers.contacts.updateContactPreferences(
      contact.id,
      {
        notificationChannel: channelOfMethod(method as 'email' | 'sms' | 'phone_call'),
        mayChangeSchedule: contact.mayChangeSchedule === 1,
      },
      actor,
    );
  }

  /** Validates the value, then writes it to its home. Returns what the session itself keeps (null: nothing). */
  async function writeHome(question: Question, value: unknown, loaded: Loaded, actor: ActorContext) {
    const primary = sessionValue(loaded.rows, 'primaryContact') as string | null;
    switch (question.home) {
      case 'session':
        if (question.kind === 'contact') requireLinked(loaded, value as string | null);
        if (question.key === 'primaryContact') {
          // The primary contact approves add-ons unless Part 2 names someone else.
          const approver = loaded.profile.mainApproverContactId;
          if (value && (!approver || approver === primary))
            await updateProfile(loaded, { mainApproverContactId: value as string }, actor);
        }
        if (question.key === 'backupContact' && value && !loaded.profile.backupNotificationPhone) {
          const backup = loaded.contacts.find((contact) => contact.id === value);
          const mobile = backup?.phone ? tryMobile(backup.phone) : null;
          if (mobile) await updateProfile(loaded, { backupNotificationPhone: mobile }, actor);
        }
        return JSON.stringify(value);
      case 'service_profile.main_approver':
        requireLinked(loaded, value as string | null);
        await updateProfile(loaded, { mainApproverContactId: value as string | null }, actor);
        return null;
      case 'service_profile.backup_phone':
        await updateProfile(loaded, { backupNotificationPhone: requireMobile(value as string | null) }, actor);
        return null;
      case 'service_profile.photos_required':
        if (value !== null) await updateProfile(loaded, { addonPhotosRequired: value as boolean }, actor);
        return null;
      case 'service_profile.pro_requests_direct':
        if (value !== null) await updateProfile(loaded, { proRequestsDirect: value as boolean }, actor);
        return null;
      case 'contact.primary_channel':
        await setChannel(loaded, primary, value as string | null, actor);
        return null;
      case 'contact.approver_channel':
        await setChannel(loaded, loaded.profile.mainApproverContactId, value as string | null, actor);
        return null;
      case 'contact.schedule_permission': {
        const allowed = new Set(value as string[]);
        for (const id of allowed) requireLinked(loaded, id);
        for (const contact of loaded.contacts.filter((candidate) => !candidate.staffMemberId)) {
          const may = allowed.has(contact.id) || contact.id === primary;
          if (may !== (contact.mayChangeSchedule === 1))
            await customers.contacts.updateContactPreferences(
              contact.id,
              { notificationChannel: contact.notificationChannel, mayChangeSchedule: may },
              actor,
            );
        }
        return null;
      }
      case 'billing_profile':
        await customers.billing.updateBillingProfile(
          loaded.account.id,
          value as z.output<typeof BillingProfileFieldsSchema>,
          actor,
        );
        return null;
    }
  }

  function tryMobile(phone: string) {
    try {
      return requireMobile(phone);
    } catch {
      return null;
    }
  }

  return {
    getSession,

    /**
     * Saves one answer. Two PSMs on one session: each save names the version it started from; the second
     * save from the same version gets a conflict naming who saved first, and nothing of it is written.
     */
    async saveAnswer(
      accountId: string,
      key: string,
      body: { value: unknown; expectedVersion: number },
      actor: ActorContext,
    ) {
      const question = findQuestion(key);
      if (!question) throw notFound('Onboarding question');
      if (actor.actorKind !== 'staff' || !actor.actorId) throw new AppError('forbidden', 'Only staff run an onboard.');
      const staffId = actor.actorId;
      const parsed = valueSchema(question).safeParse(body.value);
      if (!parsed.success)
        throw new AppError('validation_failed', parsed.error.issues[0]?.message ?? 'Invalid answer', {
          fields: parsed.error.issues.map((issue) => ({
            path: ['value', ...issue.path].join('.'),
            message: issue.message,
          })),
        });
      const loaded = await load(accountId);
      const current = await findAnswer(db, accountId, key);
      const conflict = () =>
        new AppError(
          'conflict',
          `${current?.answeredByName ?? 'Another staff member'} changed “${question.label}” meanwhile. Their answer is shown now; save again to replace it.`,
        );
      if ((current?.version ?? 0) !== body.expectedVersion) throw conflict();
      const valueJson = await writeHome(question, parsed.data, loaded, actor);
      const before = current?.valueJson ?? null;
      await db.transaction().execute(async (trx) => {
        const now = clock.now().toISOString();
        const won = await claimAnswer(
          trx,
          { accountId, questionKey: key, valueJson, answeredByStaffId: staffId, answeredAt: now },
          body.expectedVersion,
        );
        if (!won) throw conflict();
        await recordAudit(trx, clock, actor, {
          action: 'onboarding.answer_saved',
          subjectType: 'onboarding_answer',
          subjectId: key,
          accountId,
          before: current ? { value: before ? JSON.parse(before) : answerValue(question, loaded) } : null,
          after: { value: parsed.data },
        });
      });
      const state = loaded.state.state;
      if (state === 'not_started')
        await customers.onboardingState.recordOnboardingState(accountId, 'in_progress', actor);
      // Unticking a Closing item reopens a completed onboard.
      if (state === 'complete' && question.part === 'closing' && parsed.data !== true)
        await customers.onboardingState.recordOnboardingState(accountId, 'in_progress', actor);
      return getSession(accountId);
    },

    /** "Onboard complete" (date and PSM) once every Closing item is ticked. */
    async completeOnboarding(accountId: string, actor: ActorContext) {
      const session = await getSession(accountId);
      const open = session.answers.filter((answer) => CLOSING_KEYS.includes(answer.key) && !answer.answered);
      if (open.length)
        throw new AppError('validation_failed', `${ONBOARDING_PART_LABELS.closing}: tick every item first.`, {
          fields: open.map((answer) => ({ path: answer.key, message: `Not yet covered: ${answer.label}` })),
        });
      await customers.onboardingState.recordOnboardingState(accountId, 'complete', actor);
      return getSession(accountId);
    },
  };
}
