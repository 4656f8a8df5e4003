import type { DatabaseKind, Db, Trx } from '../../db/database.ts';
import { sql } from 'kysely';
import { atRiskFrom } from './desk-rules.ts';
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
    .select(['id', 'firstName', 'lastName', 'phone', 'notificationChannel'])
    .where('id', '=', contactId)
    .executeTakeFirst();
}

// ---- Turns ----

/** Inserts a turn under its property's company as the transaction sees it (a move re-files them). */
export function insertTurn(db: Executor, turn: Omit<TurnsTable, 'companyId'>) {
  const companyId = db.selectFrom('accounts').select('parentAccountId').where('id', '=', turn.accountId);
  return db
    .insertInto('turns')
    .values({ ...turn, companyId })
    .execute();
}

/** A property moved to another management company (or none): its turns follow it. */
export async function refileTurnsOfProperty(db: Executor, propertyId: string, companyId: string | null) {
  await db.updateTable('turns').set({ companyId }).where('accountId', '=', propertyId).execute();
}

export function findTurn(db: Executor, turnId: string) {
  return db.selectFrom('turns').selectAll().where('id', '=', turnId).executeTakeFirst();
}

/**
 * An open turn (not canceled, some service still to do) of the unit whose move-out to move-in span
 * overlaps the given one; a missing move-in leaves the span open-ended.
 */
export function findOverlappingOpenTurn(
  db: Executor,
  accountId: string,
  unitNumber: string,
  moveOutDate: CalendarDate,
  moveInDate: CalendarDate | null,
) {
  return db
    .selectFrom('turns')
    .select(['id', 'moveOutDate', 'moveInDate'])
    .where('accountId', '=', accountId)
    .where((eb) => eb(eb.fn('lower', ['unitNumber']), '=', unitNumber.toLowerCase()))
    .where('canceledAt', 'is', null)
    .$if(moveInDate !== null, (query) => query.where('moveOutDate', '<=', moveInDate!))
    .where((eb) => eb.or([eb('moveInDate', 'is', null), eb('moveInDate', '>=', moveOutDate)]))
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('turnServiceLines')
          .select('turnServiceLines.id')
          .whereRef('turnServiceLines.turnId', '=', 'turns.id')
          .where('turnServiceLines.status', 'in', ['pending', 'scheduled', 'in_progress']),
      ),
    )
    .orderBy('moveOutDate')
    .executeTakeFirst();
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

export async function updateTurn(db: Executor, turnId: string, changes: Partial<TurnsTable>) {
  await db.updateTable('turns').set(changes).where('id', '=', turnId).execute();
  if ('canceledAt' in changes || 'moveInDate' in changes) await refreshTurnStatus(db, turnId);
}

export const OPEN_STATUSES = ['pending', 'scheduled', 'in_progress'] as const;

/**
 * Re-derives a turn's stored status from its lines (deriveTurnStatus, in SQL) and the first day it is
 * at risk. Every write here that changes a line's status, a turn's move-in or cancels it calls it, in
 * the same transaction.
 */
async function refreshTurnStatus(db: Executor, turnId: string) {
  await refreshStatus(db, turnId);
  const turn = await db
    .selectFrom('turns')
    .select((eb) => [
      'turns.moveInDate',
      'turns.status',
      eb
        .selectFrom('turnServiceLines as line')
        .select((count) => count.fn.countAll<number | string>().as('n'))
        .whereRef('line.turnId', '=', 'turns.id')
        .where('line.status', 'in', OPEN_STATUSES)
        .as('servicesLeft'),
    ])
    .where('turns.id', '=', turnId)
    .executeTakeFirst();
  if (!turn) return;
  const open = (OPEN_STATUSES as readonly string[]).includes(turn.status);
  await db
    .updateTable('turns')
    .set({ atRiskFrom: open ? atRiskFrom(turn.moveInDate, Number(turn.servicesLeft ?? 0)) : null })
    .where('id', '=', turnId)
    .execute();
}

function refreshStatus(db: Executor, turnId: string) {
  const live = sql`select 1 from turn_service_lines l where l.turn_id = turns.id and l.status <> 'canceled'`;
  return sql`
    update turns set status = case
      when canceled_at is not null or not exists (${live}) then 'canceled'
      when not exists (${live} and l.status <> 'completed') then 'completed'
      when exists (${live} and l.status in ('in_progress', 'completed')) then 'in_progress'
      when exists (${live} and l.status = 'scheduled') then 'scheduled'
      else 'pending'
    end
    where id = ${turnId}`.execute(db);
}

// ---- Service lines ----

export async function insertServiceLines(db: Executor, lines: TurnServiceLinesTable[]) {
  await db.insertInto('turnServiceLines').values(lines).execute();
  for (const turnId of new Set(lines.map((line) => line.turnId))) await refreshTurnStatus(db, turnId);
}

/** The services of these turns in order, with the assigned pro's name. */
export function listServiceLines(db: Executor, turnIds: readonly string[]) {
  if (turnIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('turnServiceLines')
    .leftJoin('pros', 'pros.id', 'turnServiceLines.assignedProId')
    .selectAll('turnServiceLines')
    .select('pros.name as proName')
    .where('turnId', 'in', turnIds)
    .orderBy('position')
    .execute();
}

export function findServiceLine(db: Executor, serviceLineId: string) {
  return db.selectFrom('turnServiceLines').selectAll().where('id', '=', serviceLineId).executeTakeFirst();
}

export async function updateServiceLine(db: Executor, serviceLineId: string, changes: Partial<TurnServiceLinesTable>) {
  await db.updateTable('turnServiceLines').set(changes).where('id', '=', serviceLineId).execute();
  if ('status' in changes) {
    const line = await db
      .selectFrom('turnServiceLines')
      .select('turnId')
      .where('id', '=', serviceLineId)
      .executeTakeFirst();
    if (line) await refreshTurnStatus(db, line.turnId);
  }
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

// ---- Pro assignments ----

/** A pro's services dated in [from, to] on turns still going ahead, by day, with where the work is. */
export function listProAssignments(db: Executor, proId: string, from: CalendarDate, to: CalendarDate) {
  return db
    .selectFrom('turnServiceLines')
    .innerJoin('turns', 'turns.id', 'turnServiceLines.turnId')
    .innerJoin('accounts', 'accounts.id', 'turns.accountId')
    .select([
      'turnServiceLines.id as serviceLineId',
      'turnServiceLines.turnId',
      'turnServiceLines.accountId',
      'turnServiceLines.serviceName',
      'turnServiceLines.status',
      'turnServiceLines.scheduledDate',
      'turns.unitNumber',
      'turns.moveInDate',
      'turns.notes',
      'accounts.name as propertyName',
      'accounts.addressLine1',
      'accounts.addressLine2',
      'accounts.city',
      'accounts.region',
      'accounts.postalCode',
    ])
    .where('turnServiceLines.assignedProId', '=', proId)
    .where('turnServiceLines.scheduledDate', '>=', from)
    .where('turnServiceLines.scheduledDate', '<=', to)
    .where('turnServiceLines.status', '!=', 'canceled')
    .orderBy('turnServiceLines.scheduledDate')
    .orderBy('accounts.name')
    .orderBy('turns.unitNumber')
    .orderBy('turnServiceLines.position')
    .execute();
}

/** How many open services each pro already has on each of these days. */
export async function countProBookings(db: Executor, proIds: readonly string[], dates: readonly CalendarDate[]) {
  if (proIds.length === 0 || dates.length === 0) return [];
  const rows = await db
    .selectFrom('turnServiceLines')
    .select(['assignedProId', 'scheduledDate', (eb) => eb.fn.countAll<number | string>().as('count')])
    .where('assignedProId', 'in', proIds)
    .where('scheduledDate', 'in', dates)
    .where('status', 'in', ['pending', 'scheduled', 'in_progress'])
    .groupBy(['assignedProId', 'scheduledDate'])
    .execute();
  return rows.map((row) => ({ proId: row.assignedProId!, date: row.scheduledDate!, count: Number(row.count) }));
}

/** Every punch-back line of an account (or its properties) with the original line's service and pro. */
export function listReworkedLines(db: Executor, accountId: string) {
  return db
    .selectFrom('turnServiceLines as rework')
    .innerJoin('turnServiceLines as original', 'original.id', 'rework.reworkOfServiceLineId')
    .innerJoin('accounts', 'accounts.id', 'rework.accountId')
    .leftJoin('pros', 'pros.id', 'original.assignedProId')
    .select(['original.serviceId', 'original.serviceName', 'original.assignedProId as proId', 'pros.name as proName'])
    .where((eb) => eb.or([eb('accounts.id', '=', accountId), eb('accounts.parentAccountId', '=', accountId)]))
    .where('rework.status', '!=', 'canceled')
    .execute();
}
