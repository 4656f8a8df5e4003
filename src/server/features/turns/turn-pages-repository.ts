import { sql } from 'kysely';
import type { Db, Trx } from '../../db/database.ts';
import type { CalendarDate, ServiceLineStatus } from '../../db/schema/turns.ts';
import { OPEN_STATUSES } from './turns-repository.ts';

type Executor = Db | Trx;

// Pages of turns (the board's columns, the staff Turns tab) and their counts, windowed in the database.

/** The board order: move-in (turns without one last), then move-out, then id; the index turns_board has it. */
const BOARD_KEY = sql<string>`coalesce(turns.move_in_date, '9999-12-31')`;
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
