import type { Db, Trx } from '../../db/database.ts';

/** Reads of tables other features own (accounts, contacts), kept to what the catalog needs. */
export function findAccount(db: Db | Trx, accountId: string) {
  return db
    .selectFrom('accounts')
    .select(['id', 'kind', 'name', 'parentAccountId', 'status', 'portalAccessEnabled'])
    .where('id', '=', accountId)
    .executeTakeFirst();
}

export function findChildPropertyIds(db: Db | Trx, accountId: string) {
  return db
    .selectFrom('accounts')
    .select('id')
    .where('parentAccountId', '=', accountId)
    .execute()
    .then((rows) => rows.map((row) => row.id));
}

/** The contact, if it is linked to the account. */
export function findLinkedContact(db: Db | Trx, accountId: string, contactId: string) {
  return db
    .selectFrom('accountContacts')
    .innerJoin('contacts', 'contacts.id', 'accountContacts.contactId')
    .select(['contacts.id', 'contacts.firstName', 'contacts.lastName'])
    .where('accountContacts.accountId', '=', accountId)
    .where('accountContacts.contactId', '=', contactId)
    .executeTakeFirst();
}

export function findContactName(db: Db | Trx, contactId: string) {
  return db
    .selectFrom('contacts')
    .select(['firstName', 'lastName'])
    .where('id', '=', contactId)
    .executeTakeFirst()
    .then((row) => (row ? `${row.firstName} ${row.lastName}` : null));
}

export function listLinkedContacts(db: Db | Trx, accountId: string) {
  return db
    .selectFrom('accountContacts')
    .innerJoin('contacts', 'contacts.id', 'accountContacts.contactId')
    .select(['contacts.id', 'contacts.firstName', 'contacts.lastName'])
    .where('accountContacts.accountId', '=', accountId)
    .orderBy('contacts.lastName')
    .orderBy('contacts.firstName')
    .execute()
    .then((rows) => rows.map((row) => ({ id: row.id, name: `${row.firstName} ${row.lastName}` })));
}
