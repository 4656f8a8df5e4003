import type { Db, Trx } from '../../db/database.ts';
import type { ContactEmailsTable, StaffRole } from '../../db/database-schema.ts';
import type {
  RegistrationRequestEventsTable,
  RegistrationRequestState,
  RegistrationRequestsTable,
  RegistrationSettingsTable,
  RegistrationStepsTable,
} from '../../db/schema/registration.ts';

type Executor = Db | Trx;

const SETTINGS_ID = 'default';

export function findSettings(db: Executor): Promise<RegistrationSettingsTable> {
  return db.selectFrom('registrationSettings').selectAll().where('id', '=', SETTINGS_ID).executeTakeFirstOrThrow();
}

export async function updateSettings(
  trx: Trx,
  values: Pick<RegistrationSettingsTable, 'selfRegistrationEnabled' | 'replyStaffRole' | 'updatedAt'>,
): Promise<void> {
  await trx.updateTable('registrationSettings').set(values).where('id', '=', SETTINGS_ID).execute();
}

export function listSteps(db: Executor): Promise<RegistrationStepsTable[]> {
  return db.selectFrom('registrationSteps').selectAll().orderBy('position').execute();
}

export function findStep(db: Executor, id: string) {
  return db.selectFrom('registrationSteps').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function replaceSteps(trx: Trx, keep: RegistrationStepsTable[], removeIds: string[]): Promise<void> {
  if (removeIds.length) await trx.deleteFrom('registrationSteps').where('id', 'in', removeIds).execute();
  for (const step of keep) {
    await trx
      .insertInto('registrationSteps')
      .values(step)
      .onConflict((conflict) =>
        conflict.column('id').doUpdateSet({ name: step.name, action: step.action, position: step.position }),
      )
      .execute();
  }
}

export async function countOpenRequestsOnSteps(db: Executor, stepIds: string[]): Promise<number> {
  if (!stepIds.length) return 0;
  const row = await db
    .selectFrom('registrationRequests')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('currentStepId', 'in', stepIds)
    .where('state', '!=', 'closed')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function insertRequest(trx: Trx, request: RegistrationRequestsTable): Promise<void> {
  await trx.insertInto('registrationRequests').values(request).execute();
}

export function findRequest(db: Executor, id: string) {
  return db.selectFrom('registrationRequests').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateRequest(
  trx: Trx,
  id: string,
  values: Partial<Omit<RegistrationRequestsTable, 'id'>>,
): Promise<void> {
  await trx.updateTable('registrationRequests').set(values).where('id', '=', id).execute();
}

export function findUnclosedRequestsByEmail(db: Executor, emailNormalized: string) {
  return db
    .selectFrom('registrationRequests')
    .selectAll()
    .where('emailNormalized', '=', emailNormalized)
    .where('state', '!=', 'closed')
    .execute();
}

export async function insertEvent(trx: Trx, event: RegistrationRequestEventsTable): Promise<void> {
  await trx.insertInto('registrationRequestEvents').values(event).execute();
}

export function listEvents(db: Executor, requestId: string) {
  return db
    .selectFrom('registrationRequestEvents')
    .leftJoin('staffMembers', 'staffMembers.id', 'registrationRequestEvents.actorStaffId')
    .selectAll('registrationRequestEvents')
    .select('staffMembers.name as actorName')
    .where('registrationRequestEvents.requestId', '=', requestId)
    .orderBy('registrationRequestEvents.occurredAt')
    .orderBy('registrationRequestEvents.id')
    .execute();
}

export interface RequestListQuery {
  state: RegistrationRequestState | 'all';
  search?: string | undefined;
  limit: number;
  offset: number;
}

/** A request with the names the queue shows: matched account, assigned staff member, current step. */
function selectRequestRows(db: Db) {
  return db
    .selectFrom('registrationRequests')
    .leftJoin('accounts', 'accounts.id', 'registrationRequests.accountId')
    .leftJoin('staffMembers', 'staffMembers.id', 'registrationRequests.assignedStaffId')
    .leftJoin('registrationSteps', 'registrationSteps.id', 'registrationRequests.currentStepId')
    .selectAll('registrationRequests')
    .select([
      'accounts.name as accountName',
      'accounts.accountNumber as accountNumber',
      'staffMembers.name as assignedStaffName',
      'registrationSteps.name as stepName',
      'registrationSteps.position as stepPosition',
      'registrationSteps.action as stepAction',
    ]);
}

export function listRequests(db: Db, query: RequestListQuery) {
  let select = selectRequestRows(db);
  if (query.state !== 'all') select = select.where('registrationRequests.state', '=', query.state);
  if (query.search) {
    const pattern = `%${query.search.toLowerCase()}%`;
    select = select.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['registrationRequests.firstName']), 'like', pattern),
        eb(eb.fn('lower', ['registrationRequests.lastName']), 'like', pattern),
        eb('registrationRequests.emailNormalized', 'like', pattern),
        eb(eb.fn('lower', ['registrationRequests.propertyName']), 'like', pattern),
        eb(eb.fn('lower', ['registrationRequests.submittedAccountNumber']), 'like', pattern),
        eb(eb.fn('lower', ['accounts.name']), 'like', pattern),
      ]),
    );
  }
  return select
    .orderBy('registrationRequests.createdAt', 'desc')
    .orderBy('registrationRequests.id', 'desc')
    .limit(query.limit)
    .offset(query.offset)
    .execute();
}

export type RequestListRow = Awaited<ReturnType<typeof listRequests>>[number];

export function findRequestRow(db: Db, id: string): Promise<RequestListRow | undefined> {
  return selectRequestRows(db).where('registrationRequests.id', '=', id).executeTakeFirst();
}

// ---------- accounts and contacts, as the registration use cases need them ----------

export function findAccount(db: Executor, id: string) {
  return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

export function searchAccounts(db: Db, search: string, limit: number) {
  let select = db.selectFrom('accounts').select(['id', 'name', 'accountNumber', 'kind', 'city']);
  if (search) {
    const pattern = `%${search.toLowerCase()}%`;
    select = select.where((eb) =>
      eb.or([eb(eb.fn('lower', ['name']), 'like', pattern), eb(eb.fn('lower', ['accountNumber']), 'like', pattern)]),
    );
  }
  return select.orderBy('name').limit(limit).execute();
}

/** Contacts linked to the account, optionally narrowed by name or email. */
export async function findAccountContacts(db: Executor, accountId: string, search = '') {
  let select = db
    .selectFrom('contacts')
    .innerJoin('accountContacts', 'accountContacts.contactId', 'contacts.id')
    .selectAll('contacts')
    .where('accountContacts.accountId', '=', accountId);
  if (search) {
    const pattern = `%${search.toLowerCase()}%`;
    select = select.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['contacts.firstName']), 'like', pattern),
        eb(eb.fn('lower', ['contacts.lastName']), 'like', pattern),
        eb.exists(
          eb
            .selectFrom('contactEmails')
            .select('contactEmails.id')
            .whereRef('contactEmails.contactId', '=', 'contacts.id')
            .where('contactEmails.emailNormalized', 'like', pattern),
        ),
      ]),
    );
  }
  return select.orderBy('contacts.lastName').orderBy('contacts.firstName').execute();
}

export function findContactEmails(db: Executor, contactIds: string[]): Promise<ContactEmailsTable[]> {
  if (!contactIds.length) return Promise.resolve([]);
  return db
    .selectFrom('contactEmails')
    .selectAll()
    .where('contactId', 'in', contactIds)
    .orderBy('kind', 'desc')
    .orderBy('createdAt')
    .execute();
}

export function findContact(db: Executor, id: string) {
  return db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function isContactOfAccount(db: Executor, contactId: string, accountId: string): Promise<boolean> {
  const row = await db
    .selectFrom('accountContacts')
    .select('contactId')
    .where('contactId', '=', contactId)
    .where('accountId', '=', accountId)
    .executeTakeFirst();
  return Boolean(row);
}

/** A contact of the account holding this email (primary or other), if any. */
export function findAccountContactByEmail(db: Executor, accountId: string, emailNormalized: string) {
  return db
    .selectFrom('contacts')
    .innerJoin('accountContacts', 'accountContacts.contactId', 'contacts.id')
    .innerJoin('contactEmails', 'contactEmails.contactId', 'contacts.id')
    .selectAll('contacts')
    .where('accountContacts.accountId', '=', accountId)
    .where('contactEmails.emailNormalized', '=', emailNormalized)
    .orderBy('contacts.createdAt')
    .executeTakeFirst();
}

export async function countActiveStaffByRole(db: Executor): Promise<Record<StaffRole, number>> {
  const rows = await db
    .selectFrom('staffMembers')
    .select(['role', (eb) => eb.fn.countAll<number | string>().as('count')])
    .where('deactivatedAt', 'is', null)
    .groupBy('role')
    .execute();
  const count = (role: StaffRole) => Number(rows.find((row) => row.role === role)?.count ?? 0);
  return { admin: count('admin'), psm: count('psm'), support: count('support') };
}

export function findActiveStaffEmailsByRole(db: Executor, role: StaffRole) {
  return db
    .selectFrom('staffMembers')
    .select('email')
    .where('role', '=', role)
    .where('deactivatedAt', 'is', null)
    .orderBy('email')
    .execute();
}

/** The account's contacts with their portal login (portal-access's table, read only). */
export function findAccountContactsWithLogins(db: Executor, accountId: string) {
  return db
    .selectFrom('accountContacts')
    .innerJoin('contacts', 'contacts.id', 'accountContacts.contactId')
    .leftJoin('portalLogins', 'portalLogins.contactId', 'contacts.id')
    .where('accountContacts.accountId', '=', accountId)
    .select([
      'contacts.id as contactId',
      'contacts.firstName',
      'contacts.lastName',
      'portalLogins.id as loginId',
      'portalLogins.portalEmail',
      'portalLogins.enabled',
      'portalLogins.passwordHash',
    ])
    .orderBy('contacts.lastName')
    .orderBy('contacts.firstName')
    .execute();
}

/** Contacts among these with a setup or welcome link sent since `since` and not used or replaced. */
export async function findContactsWithFreshSetupLinks(
  db: Executor,
  contactIds: string[],
  since: string,
): Promise<Set<string>> {
  if (!contactIds.length) return new Set();
  const rows = await db
    .selectFrom('accessTokens')
    .select('contactId')
    .where('contactId', 'in', contactIds)
    .where('purpose', 'in', ['credential_create', 'welcome'])
    .where('createdAt', '>=', since)
    .where('consumedAt', 'is', null)
    .where('supersededAt', 'is', null)
    .execute();
  return new Set(rows.map((row) => row.contactId));
}
