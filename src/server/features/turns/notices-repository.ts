import type { Db, Trx } from '../../db/database.ts';
import type { StaffRole } from '../../db/schema/columns.ts';

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

/**
 * The account's staff: active staff who added their own contact to the property or its management
 * company; without any, every active member of `role` (TURN_NOTICE_STAFF_ROLE, PSMs by default), and
 * without those every active admin, so a customer's order always reaches someone.
 */
export async function listStaffRecipients(db: Executor, accountId: string, role: StaffRole) {
  const owners = await db
    .selectFrom('accounts as property')
    .innerJoin('accountContacts', (join) =>
      join.on((eb) =>
        eb.or([
          eb('accountContacts.accountId', '=', eb.ref('property.id')),
          eb('accountContacts.accountId', '=', eb.ref('property.parentAccountId')),
        ]),
      ),
    )
    .innerJoin('contacts', 'contacts.id', 'accountContacts.contactId')
    .innerJoin('staffMembers', 'staffMembers.id', 'contacts.staffMemberId')
    .select(['staffMembers.id', 'staffMembers.name', 'staffMembers.email'])
    .distinct()
    .where('property.id', '=', accountId)
    .where('staffMembers.deactivatedAt', 'is', null)
    .orderBy('staffMembers.id')
    .execute();
  if (owners.length > 0) return owners;
  for (const fallback of new Set<StaffRole>([role, 'admin'])) {
    const staff = await db
      .selectFrom('staffMembers')
      .select(['id', 'name', 'email'])
      .where('role', '=', fallback)
      .where('deactivatedAt', 'is', null)
      .orderBy('id')
      .execute();
    if (staff.length > 0) return staff;
  }
  return [];
}
