import type { Db, Trx } from '../../db/database.ts';

type Executor = Db | Trx;

/** The pros (catalog's table) with the addresses their notices go to. */
export function findProsForNotice(db: Executor, proIds: readonly string[]) {
  if (proIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('pros').select(['id', 'name', 'phone', 'email']).where('id', 'in', proIds).execute();
}

/** The property and where it is, for the pro's message. */
export function findPropertyForNotice(db: Executor, accountId: string) {
  return db
    .selectFrom('accounts')
    .select(['id', 'name', 'addressLine1', 'addressLine2', 'city', 'region', 'postalCode'])
    .where('id', '=', accountId)
    .executeTakeFirst();
}

/** The property's own contacts (staff's own contact records left out) with their channel and primary emails. */
export async function listCustomerRecipients(db: Executor, accountId: string) {
  const contacts = await db
    .selectFrom('accountContacts')
    .innerJoin('contacts', 'contacts.id', 'accountContacts.contactId')
    .select(['contacts.id', 'contacts.firstName', 'contacts.phone', 'contacts.notificationChannel'])
    .where('accountContacts.accountId', '=', accountId)
    .where('contacts.staffMemberId', 'is', null)
    .orderBy('contacts.id')
    .execute();
  if (contacts.length === 0) return [];
  const emails = await db
    .selectFrom('contactEmails')
    .select(['contactId', 'email'])
    .where(
      'contactId',
      'in',
      contacts.map((contact) => contact.id),
    )
    .where('kind', '=', 'primary')
    .orderBy('createdAt')
    .execute();
  return contacts.map((contact) => ({
    ...contact,
    emails: emails.filter((row) => row.contactId === contact.id).map((row) => row.email),
  }));
}
