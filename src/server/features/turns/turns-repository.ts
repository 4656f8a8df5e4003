import type { DatabaseKind, Db, Trx } from '../../db/database.ts';
import { sql } from 'kysely';
import { atRiskFrom } from './desk-rules.ts';
import type {
  CalendarDate,
  ServiceLineStatus,
  TurnAddOnsTable,
  TurnServiceLinesTable,
  TurnsTable,
} from '../../db/schema/turns.ts';

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

/** The board order: move-in (turns without one last), then move-out, then id; the index turns_board has it. */
const BOARD_KEY = sql<string>`coalesce(turns.move_in_date, '9999-12-31')`;
export const OPEN_STATUSES = ['pending', 'scheduled', 'in_progress'] as const;
const CLOSED_STATUSES = ['completed', 'canceled'] as const;

export interface TurnPageQuery {
  status?: ServiceLineStatus | undefined;
  search?: string | undefined;
  /** Completed and canceled turns with an earlier board date are left out unless asked for. */
  closedSince: CalendarDate | null;
  after: TurnCursor | null;
  limit: number;
}

/** Where a page ended: the board key of its last turn. */
export type TurnCursor = [boardDate: string, moveOutDate: string, id: string];

type TurnListScope = { propertyId: string } | { companyId: string };

/** The turns of a property, or of a management company's properties (the company is on each turn). */
function turnsOf(db: Executor, scope: TurnListScope) {
  const query = db.selectFrom('turns');
  return 'propertyId' in scope
    ? query.where('turns.accountId', '=', scope.propertyId)
    : query.where('turns.companyId', '=', scope.companyId);
}

/** Unit-number search; lower() on both sides: LIKE is case-insensitive on SQLite but not on PostgreSQL. */
function searched<Q extends ReturnType<typeof turnsOf>>(query: Q, search: string | undefined): Q {
  const term = search?.toLowerCase().replace(/[\\%_]/g, '');
  if (!term) return query;
  return query.where((eb) => eb(eb.fn('lower', ['turns.unitNumber']), 'like', `%${term}%`)) as Q;
}

function filtered(db: Executor, scope: TurnListScope, page: Omit<TurnPageQuery, 'after' | 'limit'>) {
  let query = turnsOf(db, scope);
  if (page.status) query = query.where('turns.status', '=', page.status);
  if (page.closedSince !== null && page.status) {
    if ((CLOSED_STATUSES as readonly string[]).includes(page.status))
      query = query.where(BOARD_KEY, '>=', page.closedSince);
  } else if (page.closedSince !== null) {
    const since = page.closedSince;
    // Each side names its statuses, so each is a range of the board indexes (the date alone scans them).
    query = query.where((eb) =>
      eb.or([
        eb('turns.status', 'in', OPEN_STATUSES),
        eb.and([eb('turns.status', 'in', CLOSED_STATUSES), eb(BOARD_KEY, '>=', since)]),
      ]),
    );
  }
  return searched(query, page.search);
}

/**
 * One page of turns in board order; closed columns (completed, canceled) read newest first. The
 * cursor is the key of the previous page's last turn, so inserts elsewhere never shift a page. A page
 * over several statuses is the merge of one index range per status (turns_board for a property,
 * turns_company_board for a company), each read only as far as the page: sorting every open and
 * recent turn of a big company first was what made its first page slow.
 */
/** Closed columns (completed, canceled) read newest first. */
export const readsNewestFirst = (status: ServiceLineStatus | undefined) =>
  status === 'completed' || status === 'canceled';

export function turnPageQuery(db: Executor, scope: TurnListScope, page: TurnPageQuery) {
  const newestFirst = readsNewestFirst(page.status);
  const direction = newestFirst ? 'desc' : 'asc';
  const statuses: readonly ServiceLineStatus[] = page.status ? [page.status] : [...OPEN_STATUSES, ...CLOSED_STATUSES];
  const range = (status: ServiceLineStatus) => {
    const closed = (CLOSED_STATUSES as readonly string[]).includes(status);
    let query = searched(turnsOf(db, scope).where('turns.status', '=', status), page.search);
    if (closed && page.closedSince !== null) query = query.where(BOARD_KEY, '>=', page.closedSince);
    if (page.after) {
      const [boardDate, moveOutDate, id] = page.after;
      const comparison = newestFirst ? sql.raw('<') : sql.raw('>');
      query = query.where(
        sql<boolean>`(${BOARD_KEY}, turns.move_out_date, turns.id) ${comparison} (${boardDate}, ${moveOutDate}, ${id})`,
      );
    }
    return query
      .selectAll('turns')
      .select(BOARD_KEY.as('boardDate'))
      .orderBy(BOARD_KEY, direction)
      .orderBy('turns.moveOutDate', direction)
      .orderBy('turns.id', direction)
      .limit(page.limit);
  };
  // Each range in its own subquery: SQLite allows ORDER BY and LIMIT only on a compound select's last part.
  const [first, ...rest] = statuses.map((status) => db.selectFrom(range(status).as(`r_${status}`)).selectAll());
  const merged = rest.reduce((union, part) => union.unionAll(part), first!);
  return db
    .selectFrom(merged.as('page'))
    .selectAll()
    .orderBy('page.boardDate', direction)
    .orderBy('page.moveOutDate', direction)
    .orderBy('page.id', direction)
    .limit(page.limit);
}

type TurnPage = ReturnType<typeof turnPageQuery>;

/**
 * A page as lists show it: each turn with its property's name, its total (services not canceled and
 * their approved add-ons) and the add-ons waiting, summed in the database, not loaded to count.
 */
export async function listTurnSummaries(db: Executor, page: TurnPage, newestFirst: boolean) {
  const direction = newestFirst ? 'desc' : 'asc';
  const rows = await db
    .selectFrom(page.as('t'))
    .innerJoin('accounts', 'accounts.id', 't.accountId')
    .select((eb) => [
      't.id',
      't.accountId',
      't.unitNumber',
      't.floorplanName',
      't.moveOutDate',
      't.moveInDate',
      't.status',
      't.createdAt',
      't.boardDate',
      'accounts.name as propertyName',
      eb
        .selectFrom('turnServiceLines as line')
        .select((sum) => sum.fn.sum<number | string | null>('line.priceCents').as('cents'))
        .whereRef('line.turnId', '=', 't.id')
        .where('line.status', '!=', 'canceled')
        .as('servicesCents'),
      eb
        .selectFrom('turnAddOns as addOn')
        .innerJoin('turnServiceLines as line', 'line.id', 'addOn.serviceLineId')
        .select((sum) => sum.fn.sum<number | string | null>('addOn.priceCents').as('cents'))
        .whereRef('addOn.turnId', '=', 't.id')
        .where('addOn.status', '=', 'approved')
        .where('line.status', '!=', 'canceled')
        .as('addOnsCents'),
      eb
        .selectFrom('turnAddOns as addOn')
        .select((count) => count.fn.countAll<number | string>().as('n'))
        .whereRef('addOn.turnId', '=', 't.id')
        .where('addOn.status', '=', 'pending')
        .as('pendingAddOns'),
    ])
    .orderBy('t.boardDate', direction)
    .orderBy('t.moveOutDate', direction)
    .orderBy('t.id', direction)
    .execute();
  return rows.map(({ servicesCents, addOnsCents, pendingAddOns, ...turn }) => ({
    ...turn,
    totalCents: Number(servicesCents ?? 0) + Number(addOnsCents ?? 0),
    pendingAddOnCount: Number(pendingAddOns ?? 0),
  }));
}

/** The services of a page's turns in order, selected through the page query (no id list, no round trip first). */
export function listPageServices(db: Executor, page: TurnPage) {
  return db
    .selectFrom('turnServiceLines')
    .select(['turnId', 'serviceName', 'status', 'scheduledDate'])
    .where('turnId', 'in', db.selectFrom(page.as('p')).select('p.id'))
    .orderBy('position')
    .execute();
}

/** Turns per status under the same filters, in one aggregate query. */
export async function countTurnsByStatus(
  db: Executor,
  scope: TurnListScope,
  page: Omit<TurnPageQuery, 'after' | 'limit' | 'status'>,
) {
  const rows = await filtered(db, scope, page)
    .select(['turns.status', (eb) => eb.fn.countAll<number | string>().as('count')])
    .groupBy('turns.status')
    .execute();
  return rows.map((row) => ({ status: row.status, count: Number(row.count) }));
}

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
