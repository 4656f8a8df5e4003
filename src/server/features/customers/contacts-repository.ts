import { sql } from 'kysely';
import type { Db, Trx } from '../../db/database.ts';
import type { ContactEmailsTable, ContactsTable } from '../../db/database-schema.ts';
import { newId } from '../../ids.ts';
import { containsPattern, normalizeEmail } from './customers-rules.ts';

export function insertContact(db: Db | Trx, contact: ContactsTable) {
  return db.insertInto('contacts').values(contact).execute();
}

export async function insertContactEmailRow(db: Db | Trx, row: ContactEmailsTable): Promise<void> {
  await db.insertInto('contactEmails').values(row).execute();
}

export function findContactById(db: Db | Trx, id: string) {
  return db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findContactByStaffMember(db: Db | Trx, staffMemberId: string) {
  return db
    .selectFrom('contacts')
    .selectAll()
    .where('staffMemberId', '=', staffMemberId)
    .orderBy('createdAt')
    .executeTakeFirst();
}

export function updateContactRow(db: Db | Trx, id: string, patch: Partial<Omit<ContactsTable, 'id' | 'createdAt'>>) {
  return db
    .updateTable('contacts')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/** Emails of the given contacts, in the order they were entered. */
export async function findContactEmails(db: Db | Trx, contactIds: string[]) {
  if (contactIds.length === 0) return [];
  return db
    .selectFrom('contactEmails')
    .selectAll()
    .where('contactId', 'in', contactIds)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
}

export async function replaceContactEmails(
  trx: Trx,
  contactId: string,
  rows: Array<{ email: string; kind: 'primary' | 'other' }>,
  now: string,
) {
  await trx.deleteFrom('contactEmails').where('contactId', '=', contactId).execute();
  for (const row of rows) {
    // Ids are time-ordered, so ordering by id keeps the entered order within one timestamp.
    await trx
      .insertInto('contactEmails')
      .values({
        id: newId(),
        contactId,
        email: row.email,
        emailNormalized: normalizeEmail(row.email),
        kind: row.kind,
        createdAt: now,
      })
      .execute();
  }
}

export function findLinkedAccounts(db: Db | Trx, contactId: string) {
  return db
    .selectFrom('accountContacts')
    .innerJoin('accounts', 'accounts.id', 'accountContacts.accountId')
    .select(['accounts.id', 'accounts.name', 'accounts.accountNumber', 'accounts.kind', 'accounts.status'])
    .where('accountContacts.contactId', '=', contactId)
    .orderBy('accounts.name')
    .execute();
}

export function linkContact(db: Db | Trx, accountId: string, contactId: string, now: string) {
  return db
    .insertInto('accountContacts')
    .values({ accountId, contactId, createdAt: now })
    .onConflict((conflict) => conflict.columns(['accountId', 'contactId']).doNothing())
    .execute();
}

export async function unlinkContact(db: Db | Trx, accountId: string, contactId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('accountContacts')
    .where('accountId', '=', accountId)
    .where('contactId', '=', contactId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export function findAccountContacts(db: Db | Trx, accountId: string) {
  return db
    .selectFrom('accountContacts')
    .innerJoin('contacts', 'contacts.id', 'accountContacts.contactId')
    .leftJoin('accounts as main', 'main.id', 'contacts.mainAccountId')
    .selectAll('contacts')
    .select('main.name as mainAccountName')
    .where('accountContacts.accountId', '=', accountId)
    .orderBy('contacts.lastName')
    .orderBy('contacts.firstName')
    .execute();
}

/** For each contact of the account, the ids of every account it is linked to. */
export async function findLinkedAccountIdsOfAccountContacts(db: Db, accountId: string) {
  const rows = await db
    .selectFrom('accountContacts as mine')
    .innerJoin('accountContacts as links', 'links.contactId', 'mine.contactId')
    .select(['links.contactId', 'links.accountId'])
    .where('mine.accountId', '=', accountId)
    .execute();
  const byContact = new Map<string, string[]>();
  for (const row of rows) byContact.set(row.contactId, [...(byContact.get(row.contactId) ?? []), row.accountId]);
  return byContact;
}

/** Contacts whose name or any email contains the term. */
export function searchContacts(db: Db, term: string, limit: number) {
  const pattern = containsPattern(term);
  return db
    .selectFrom('contacts')
    .selectAll()
    .where((eb) =>
      eb.or([
        sql<boolean>`lower(${eb.ref('contacts.firstName')} || ' ' || ${eb.ref('contacts.lastName')}) like ${pattern} escape '\\'`,
        eb.exists(
          eb
            .selectFrom('contactEmails')
            .select('contactEmails.id')
            .whereRef('contactEmails.contactId', '=', 'contacts.id')
            .where(sql<boolean>`${sql.ref('contactEmails.emailNormalized')} like ${pattern} escape '\\'`),
        ),
      ]),
    )
    .orderBy('lastName')
    .orderBy('firstName')
    .limit(limit)
    .execute();
}
