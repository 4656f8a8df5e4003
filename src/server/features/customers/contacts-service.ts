import type { ActorContext } from '../../actor.ts';
import type { Clock } from '../../clock.ts';
import type { Db, Trx } from '../../db/database.ts';
import type { ContactsTable, NotificationChannel, StaffMembersTable } from '../../db/database-schema.ts';
import { AppError, fieldError, notFound, type FieldProblem } from '../../errors.ts';
import { newId } from '../../ids.ts';
import { recordAudit, refuseStaleEdit } from '../audit/index.ts';
import {
  findAccountContacts,
  findContactById,
  findContactByStaffMember,
  findContactEmails,
  findLinkedAccounts,
  insertContact,
  linkContact,
  replaceContactEmails,
  searchContacts,
  unlinkContact,
  updateContactRow,
} from './contacts-repository.ts';
import { findAccountById } from './customers-repository.ts';
import { changedFields, contactEmailRows, mainAccountProblem, normalizePhone } from './customers-rules.ts';

export interface ContactsServiceDeps {
  db: Db;
  clock: Clock;
}

export interface ContactInput {
  firstName: string;
  lastName: string;
  title: string | null;
  phone: string | null;
  primaryEmails: string[];
  otherEmails: string[];
  mainAccountId: string | null;
}

/** Every field problem at once, so the form can mark them all. */
function validateContact(input: ContactInput, linkedAccountIds: string[]) {
  const problems: FieldProblem[] = [];
  let phone: string | null = null;
  if (input.phone) {
    const result = normalizePhone(input.phone);
    if (result.ok) phone = result.e164;
    else problems.push({ path: 'phone', message: result.message });
  }
  const emails = contactEmailRows(input);
  if (emails.problem) problems.push(emails.problem);
  const mainProblem = mainAccountProblem(input.mainAccountId, linkedAccountIds);
  if (mainProblem) problems.push({ path: 'mainAccountId', message: mainProblem });
  if (problems.length)
    throw new AppError(
      'validation_failed',
      problems.length === 1 ? problems[0]!.message : 'Some fields need attention.',
      { fields: problems },
    );
  return { phone, emailRows: emails.rows };
}

function emailsOf(rows: Array<{ email: string; kind: 'primary' | 'other' }>) {
  return {
    primaryEmails: rows.filter((row) => row.kind === 'primary').map((row) => row.email),
    otherEmails: rows.filter((row) => row.kind === 'other').map((row) => row.email),
  };
}

function auditView(contact: ContactsTable, emails: { primaryEmails: string[]; otherEmails: string[] }) {
  return {
    firstName: contact.firstName,
    lastName: contact.lastName,
    title: contact.title,
    phone: contact.phone,
    mainAccountId: contact.mainAccountId,
    ...emails,
  };
}

export function createContactsService(deps: ContactsServiceDeps) {
  const { db, clock } = deps;

  async function requireContact(executor: Db | Trx, contactId: string) {
    const contact = await findContactById(executor, contactId);
    if (!contact) throw notFound('Contact');
    return contact;
  }

  async function requireAccount(executor: Db | Trx, accountId: string) {
    const account = await findAccountById(executor, accountId);
    if (!account) throw notFound('Account');
    return account;
  }

  async function loadContact(executor: Db | Trx, contactId: string) {
    const contact = await requireContact(executor, contactId);
    const emails = emailsOf(await findContactEmails(executor, [contactId]));
    const accounts = await findLinkedAccounts(executor, contactId);
    return { contact, ...emails, accounts };
  }

  return {
    getContact(contactId: string) {
      return loadContact(db, contactId);
    },

    async createContact(input: ContactInput & { accountIds: string[] }, actor: ActorContext) {
      const accountIds = [...new Set(input.accountIds)];
      // Created from one account page: that account is the natural main account.
      const mainAccountId = input.mainAccountId ?? (accountIds.length === 1 ? accountIds[0]! : null);
      const { phone, emailRows } = validateContact({ ...input, mainAccountId }, accountIds);
      return db.transaction().execute(async (trx) => {
        for (const accountId of accountIds) {
          if (!(await findAccountById(trx, accountId)))
            throw fieldError('accountIds', 'One of the accounts no longer exists');
        }
        const now = clock.now().toISOString();
        const contact: ContactsTable = {
          id: newId(),
          firstName: input.firstName,
          lastName: input.lastName,
          title: input.title,
          phone,
          mainAccountId,
          staffMemberId: null,
          notificationChannel: 'email',
          mayChangeSchedule: 1,
          createdAt: now,
          updatedAt: now,
        };
        await insertContact(trx, contact);
        await replaceContactEmails(trx, contact.id, emailRows, now);
        for (const accountId of accountIds) await linkContact(trx, accountId, contact.id, now);
        await recordAudit(trx, clock, actor, {
          action: 'contact.created',
          subjectType: 'contact',
          subjectId: contact.id,
          accountId: mainAccountId ?? accountIds[0] ?? null,
          after: { ...auditView(contact, emailsOf(emailRows)), accountIds },
        });
        return loadContact(trx, contact.id);
      });
    },

    async updateContact(contactId: string, input: ContactInput, actor: ActorContext, basedOnVersion?: number) {
      return db.transaction().execute(async (trx) => {
        await refuseStaleEdit(
          trx,
          { table: 'contacts', key: { column: 'id', value: contactId }, type: 'contact' },
          basedOnVersion,
        );
        const before = await loadContact(trx, contactId);
        const { phone, emailRows } = validateContact(
          input,
          before.accounts.map((account) => account.id),
        );
        const now = clock.now().toISOString();
        const patch = {
          firstName: input.firstName,
          lastName: input.lastName,
          title: input.title,
          phone,
          mainAccountId: input.mainAccountId,
        };
        const change = changedFields(auditView(before.contact, before), { ...patch, ...emailsOf(emailRows) });
        if (Object.keys(change.after).length === 0) return before;
        await updateContactRow(trx, contactId, { ...patch, updatedAt: now });
        await replaceContactEmails(trx, contactId, emailRows, now);
        await recordAudit(trx, clock, actor, {
          action: 'contact.updated',
          subjectType: 'contact',
          subjectId: contactId,
          accountId: input.mainAccountId,
          ...change,
        });
        return loadContact(trx, contactId);
      });
    },

    /** The portal permission to change the schedule; a session always has its contact, so none found means no row to restrict. */
    async mayChangeSchedule(contactId: string): Promise<boolean> {
      const contact = await findContactById(db, contactId);
      return contact ? contact.mayChangeSchedule === 1 : true;
    },

    /** Notification channel and schedule permission: onboard answers the outbox and the portal obey. */
    async updateContactPreferences(
      contactId: string,
      input: { notificationChannel: NotificationChannel; mayChangeSchedule: boolean },
      actor: ActorContext,
    ) {
      return db.transaction().execute(async (trx) => {
        const before = await requireContact(trx, contactId);
        const patch = {
          notificationChannel: input.notificationChannel,
          mayChangeSchedule: input.mayChangeSchedule ? 1 : 0,
        } as const;
        const change = changedFields(
          { notificationChannel: before.notificationChannel, mayChangeSchedule: before.mayChangeSchedule },
          patch,
        );
        if (Object.keys(change.after).length) {
          await updateContactRow(trx, contactId, { ...patch, updatedAt: clock.now().toISOString() });
          await recordAudit(trx, clock, actor, {
            action: 'contact.preferences_updated',
            subjectType: 'contact',
            subjectId: contactId,
            accountId: before.mainAccountId,
            ...change,
          });
        }
        return loadContact(trx, contactId);
      });
    },

    async linkContactToAccount(accountId: string, contactId: string, actor: ActorContext) {
      return db.transaction().execute(async (trx) => {
        await requireAccount(trx, accountId);
        const contact = await requireContact(trx, contactId);
        const now = clock.now().toISOString();
        await linkContact(trx, accountId, contactId, now);
        if (!contact.mainAccountId)
          await updateContactRow(trx, contactId, { mainAccountId: accountId, updatedAt: now });
        await recordAudit(trx, clock, actor, {
          action: 'contact.linked',
          subjectType: 'contact',
          subjectId: contactId,
          accountId,
          after: { accountId },
        });
        return loadContact(trx, contactId);
      });
    },

    async unlinkContactFromAccount(accountId: string, contactId: string, actor: ActorContext) {
      await db.transaction().execute(async (trx) => {
        const contact = await requireContact(trx, contactId);
        if (!(await unlinkContact(trx, accountId, contactId))) throw notFound('Contact link');
        // A main account the contact is no longer linked to would be wrong; staff pick a new one.
        if (contact.mainAccountId === accountId)
          await updateContactRow(trx, contactId, { mainAccountId: null, updatedAt: clock.now().toISOString() });
        await recordAudit(trx, clock, actor, {
          action: 'contact.unlinked',
          subjectType: 'contact',
          subjectId: contactId,
          accountId,
          before: { accountId },
        });
      });
    },

    async listAccountContacts(accountId: string) {
      await requireAccount(db, accountId);
      const contacts = await findAccountContacts(db, accountId);
      const emails = await findContactEmails(
        db,
        contacts.map((contact) => contact.id),
      );
      return contacts.map((contact) => ({
        ...contact,
        primaryEmails: emails
          .filter((email) => email.contactId === contact.id && email.kind === 'primary')
          .map((email) => email.email),
      }));
    },

    async searchContacts(term: string, limit: number) {
      const contacts = await searchContacts(db, term, limit);
      const emails = await findContactEmails(
        db,
        contacts.map((contact) => contact.id),
      );
      return contacts.map((contact) => ({
        ...contact,
        primaryEmails: emails
          .filter((email) => email.contactId === contact.id && email.kind === 'primary')
          .map((email) => email.email),
      }));
    },

    /** "Add your contact to the All Contacts subgrid": the staff member's own contact record, created on first use. */
    async addMeToAccountContacts(accountId: string, staff: StaffMembersTable, actor: ActorContext) {
      return db.transaction().execute(async (trx) => {
        await requireAccount(trx, accountId);
        const now = clock.now().toISOString();
        let contact = await findContactByStaffMember(trx, staff.id);
        if (!contact) {
          const [firstName, ...rest] = staff.name.trim().split(/\s+/);
          contact = {
            id: newId(),
            firstName: firstName || staff.name,
            lastName: rest.join(' ') || '(staff)',
            title: 'Portico staff',
            phone: null,
            mainAccountId: accountId,
            staffMemberId: staff.id,
            notificationChannel: 'email',
            mayChangeSchedule: 1,
            createdAt: now,
            updatedAt: now,
            version: 1,
          };
          await insertContact(trx, contact);
          await replaceContactEmails(trx, contact.id, [{ email: staff.email, kind: 'primary' }], now);
          await recordAudit(trx, clock, actor, {
            action: 'contact.created',
            subjectType: 'contact',
            subjectId: contact.id,
            accountId,
            after: { staffMemberId: staff.id },
          });
        }
        await linkContact(trx, accountId, contact.id, now);
        if (!contact.mainAccountId)
          await updateContactRow(trx, contact.id, { mainAccountId: accountId, updatedAt: now });
        await recordAudit(trx, clock, actor, {
          action: 'contact.linked',
          subjectType: 'contact',
          subjectId: contact.id,
          accountId,
          after: { accountId },
        });
        return loadContact(trx, contact.id);
      });
    },
  };
}

export type ContactsService = ReturnType<typeof createContactsService>;
