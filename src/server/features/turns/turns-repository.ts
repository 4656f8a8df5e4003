import type { DatabaseKind, Db, Trx } from '../../db/database.ts';
import type { CalendarDate, TurnAddOnsTable, TurnServiceLinesTable, TurnsTable } from '../../db/schema/turns.ts';

type Executor = Db | Trx;

// ---- Accounts and contacts (the customers feature owns and changes them; turns read what they need) ----

export function findProperties(db: Executor, accountIds: readonly string[]) {
  if (accountIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('accounts')
    .select([
      'id',
      'name',
      'accountNumber',
      'addressLine1',
      'addressLine2',
      'city',
      'region',
      'postalCode',
      'parentAccountId',
    ])
    .where('id', 'in', accountIds)
    .where('kind', '=', 'property')
    .orderBy('name')
    .execute();
}

export function findAccountKind(db: Executor, accountId: string) {
  return db.selectFrom('accounts').select(['id', 'kind', 'name']).where('id', '=', accountId).executeTakeFirst();
}

export function findChildPropertyIds(db: Executor, accountId: string) {
  return db
    .selectFrom('accounts')
    .select('id')
    .where('parentAccountId', '=', accountId)
    .where('kind', '=', 'property')
    .execute()
    .then((rows) => rows.map((row) => row.id));
}

/** Contacts of these accounts with their portal login switched on: the people who can use the portal here. */
export function listPortalUsers(db: Executor, accountIds: readonly string[]) {
  if (accountIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('accountContacts')
    .innerJoin('contacts', 'contacts.id', 'accountContacts.contactId')
    .innerJoin('portalLogins', 'portalLogins.contactId', 'contacts.id')
    .select(['contacts.id', 'contacts.firstName', 'contacts.lastName', 'contacts.title', 'portalLogins.portalEmail'])
    .distinct()
    .where('accountContacts.accountId', 'in', accountIds)
    .where('portalLogins.enabled', '=', 1)
    .orderBy('contacts.lastName')
    .orderBy('contacts.firstName')
    .execute();
}

export function listPrimaryEmails(db: Executor, contactIds: readonly string[]) {
  if (contactIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('contactEmails')
    .select(['contactId', 'email'])
    .where('contactId', 'in', contactIds)
    .where('kind', '=', 'primary')
    .orderBy('createdAt')
    .execute();
}

export function findContact(db: Executor, contactId: string) {
  return db
    .selectFrom('contacts')
    .select(['id', 'firstName', 'lastName'])
    .where('id', '=', contactId)
    .executeTakeFirst();
}

// ---- Turns ----

export function insertTurn(db: Executor, turn: TurnsTable) {
  return db.insertInto('turns').values(turn).execute();
}

export function findTurn(db: Executor, turnId: string) {
  return db.selectFrom('turns').selectAll().where('id', '=', turnId).executeTakeFirst();
}

/** Reads the turn and, on PostgreSQL, locks its row until the transaction ends (SQLite runs one writer at a time). */
export function lockTurn(trx: Trx, databaseKind: DatabaseKind, turnId: string) {
  return trx
    .selectFrom('turns')
    .selectAll()
    .where('id', '=', turnId)
    .$if(databaseKind === 'postgres', (query) => query.forUpdate())
    .executeTakeFirst();
}

export function updateTurn(db: Executor, turnId: string, changes: Partial<TurnsTable>) {
  return db.updateTable('turns').set(changes).where('id', '=', turnId).execute();
}

/** Turns of the given properties, by move-in (turns without one last), then move-out. */
export async function listTurns(
  db: Executor,
  accountIds: readonly string[],
  options: { search?: string | undefined } = {},
) {
  if (accountIds.length === 0) return [];
  let query = db.selectFrom('turns').selectAll().where('accountId', 'in', accountIds);
  // lower() on both sides: LIKE is case-insensitive on SQLite but not on PostgreSQL.
  const search = options.search?.toLowerCase().replace(/[\\%_]/g, '');
  if (search) query = query.where((eb) => eb(eb.fn('lower', ['unitNumber']), 'like', `%${search}%`));
  const rows = await query.execute();
  return rows.sort(
    (left, right) =>
      (left.moveInDate ?? '9999').localeCompare(right.moveInDate ?? '9999') ||
      left.moveOutDate.localeCompare(right.moveOutDate) ||
      left.unitNumber.localeCompare(right.unitNumber, 'en', { numeric: true }),
  );
}

// ---- Service lines ----

export function insertServiceLines(db: Executor, lines: TurnServiceLinesTable[]) {
  return db.insertInto('turnServiceLines').values(lines).execute();
}

export function listServiceLines(db: Executor, turnIds: readonly string[]) {
  if (turnIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('turnServiceLines').selectAll().where('turnId', 'in', turnIds).orderBy('position').execute();
}

export function findServiceLine(db: Executor, serviceLineId: string) {
  return db.selectFrom('turnServiceLines').selectAll().where('id', '=', serviceLineId).executeTakeFirst();
}

export function updateServiceLine(db: Executor, serviceLineId: string, changes: Partial<TurnServiceLinesTable>) {
  return db.updateTable('turnServiceLines').set(changes).where('id', '=', serviceLineId).execute();
}

/** Dated service lines of a property in [from, to], for the calendar. */
export function listCalendarLines(db: Executor, accountId: string, from: CalendarDate, to: CalendarDate) {
  return db
    .selectFrom('turnServiceLines')
    .innerJoin('turns', 'turns.id', 'turnServiceLines.turnId')
    .select([
      'turnServiceLines.id',
      'turnServiceLines.turnId',
      'turnServiceLines.serviceName',
      'turnServiceLines.providerCategory',
      'turnServiceLines.status',
      'turnServiceLines.scheduledDate',
      'turns.unitNumber',
    ])
    .where('turnServiceLines.accountId', '=', accountId)
    .where('turnServiceLines.scheduledDate', '>=', from)
    .where('turnServiceLines.scheduledDate', '<=', to)
    .orderBy('turnServiceLines.scheduledDate')
    .orderBy('turns.unitNumber')
    .orderBy('turnServiceLines.position')
    .execute();
}

// ---- Add-ons ----

export function insertAddOns(db: Executor, addOns: TurnAddOnsTable[]) {
  if (addOns.length === 0) return Promise.resolve();
  return db
    .insertInto('turnAddOns')
    .values(addOns)
    .execute()
    .then(() => undefined);
}

export function listAddOns(db: Executor, turnIds: readonly string[]) {
  if (turnIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('turnAddOns')
    .selectAll()
    .where('turnId', 'in', turnIds)
    .orderBy('requestedAt')
    .orderBy('id')
    .execute();
}

export function findAddOn(db: Executor, addOnId: string) {
  return db.selectFrom('turnAddOns').selectAll().where('id', '=', addOnId).executeTakeFirst();
}

export function findPendingAddOn(db: Executor, serviceLineId: string) {
  return db
    .selectFrom('turnAddOns')
    .select('id')
    .where('serviceLineId', '=', serviceLineId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
}

/** Decides a pending add-on; returns false when someone else decided it first. */
export async function decidePendingAddOn(
  db: Executor,
  addOnId: string,
  changes: Pick<TurnAddOnsTable, 'status' | 'decidedByKind' | 'decidedById' | 'decidedAt' | 'decisionNote'>,
) {
  const result = await db
    .updateTable('turnAddOns')
    .set(changes)
    .where('id', '=', addOnId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Pending add-ons on lines that stop (service removed or turn canceled) are declined with them. */
export function declinePendingAddOnsOfLines(
  db: Executor,
  serviceLineIds: readonly string[],
  decidedAt: string,
  decidedByKind: TurnAddOnsTable['decidedByKind'],
  decidedById: string | null,
) {
  if (serviceLineIds.length === 0) return Promise.resolve();
  return db
    .updateTable('turnAddOns')
    .set({ status: 'declined', decidedAt, decidedByKind, decidedById, decisionNote: 'Service canceled' })
    .where('serviceLineId', 'in', serviceLineIds)
    .where('status', '=', 'pending')
    .execute()
    .then(() => undefined);
}
