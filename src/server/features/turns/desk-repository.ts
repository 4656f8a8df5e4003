import { sql } from 'kysely';
import type { Db, Trx } from '../../db/database.ts';
import type { CalendarDate, ServiceLineStatus } from '../../db/schema/turns.ts';

type Executor = Db | Trx;

const OPEN_STATUSES = ['pending', 'scheduled', 'in_progress'] as const;
const BOARD_KEY = sql<string>`coalesce(turns.move_in_date, '9999-12-31')`;

export interface DeskFilters {
  inboxOnly: boolean;
  status?: ServiceLineStatus | undefined;
  accountId?: string | undefined;
  companyId?: string | undefined;
  moveInFrom?: CalendarDate | undefined;
  moveInTo?: CalendarDate | undefined;
  proId?: string | undefined;
  atRisk?: boolean | undefined;
  poMissing?: boolean | undefined;
  addOnWaiting?: boolean | undefined;
  addOnOverdue?: boolean | undefined;
  needsPro?: boolean | undefined;
  search?: string | undefined;
  /** Today at the vendor, for "at risk". */
  today: CalendarDate;
}

/** Where a desk page ended: the sort key of its last turn and its id. */
export type DeskCursor = [key: string, id: string];

type DeskQuery = ReturnType<typeof deskQuery>;

function deskQuery(db: Executor) {
  return db
    .selectFrom('turns')
    .innerJoin('accounts as property', 'property.id', 'turns.accountId')
    .leftJoin('accounts as company', 'company.id', 'property.parentAccountId');
}

/**
 * Every desk filter, in one place: each is an indexed column or an EXISTS on the turn's own lines or
 * add-ons, so any one of them stays fast at a million turns.
 */
function whereDeskFilters(query: DeskQuery, filters: DeskFilters): DeskQuery {
  let q = query;
  if (filters.inboxOnly) q = q.where('turns.acknowledgedAt', 'is', null);
  if (filters.status) q = q.where('turns.status', '=', filters.status);
  if (filters.accountId) q = q.where('turns.accountId', '=', filters.accountId);
  if (filters.companyId) q = q.where('turns.companyId', '=', filters.companyId);
  if (filters.moveInFrom) q = q.where('turns.moveInDate', '>=', filters.moveInFrom);
  if (filters.moveInTo) q = q.where('turns.moveInDate', '<=', filters.moveInTo);
  if (filters.poMissing) q = q.where('turns.poUnknown', '=', 1).where('turns.status', 'in', OPEN_STATUSES);
  const { proId } = filters;
  if (proId)
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('turnServiceLines as line')
          .select('line.id')
          .whereRef('line.turnId', '=', 'turns.id')
          .where('line.assignedProId', '=', proId),
      ),
    );
  if (filters.needsPro)
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('turnServiceLines as line')
          .select('line.id')
          .whereRef('line.turnId', '=', 'turns.id')
          .where('line.providerCategory', '=', 'rent_ready')
          .where('line.status', 'in', OPEN_STATUSES)
          .where('line.assignedProId', 'is', null),
      ),
    );
  // An overdue add-on is a waiting one that staff were alerted about: one EXISTS serves both flags.
  if (filters.addOnWaiting || filters.addOnOverdue) {
    const overdueOnly = Boolean(filters.addOnOverdue);
    q = q.where((eb) => {
      let pending = eb
        .selectFrom('turnAddOns as addOn')
        .select('addOn.id')
        .whereRef('addOn.turnId', '=', 'turns.id')
        .where('addOn.status', '=', 'pending');
      if (overdueOnly) pending = pending.where('addOn.staffAlertedAt', 'is not', null);
      return eb.exists(pending);
    });
  }
  if (filters.atRisk) q = q.where('turns.atRiskFrom', '<=', filters.today);
  // lower() on both sides: LIKE is case-insensitive on SQLite but not on PostgreSQL.
  const search = filters.search?.toLowerCase().replace(/[\\%_]/g, '');
  if (search)
    q = q.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['turns.unitNumber']), 'like', `%${search}%`),
        eb(eb.fn('lower', ['property.name']), 'like', `%${search}%`),
      ]),
    );
  return q;
}

/** One page of the desk: every account's turns, filtered and ordered in the database, newest order first or by move-in. */
export function listDeskPage(
  db: Executor,
  filters: DeskFilters,
  page: { sort: 'newest' | 'moveIn'; after: DeskCursor | null; limit: number },
) {
  let query = whereDeskFilters(deskQuery(db), filters)
    .selectAll('turns')
    .select(['property.name as propertyName', 'company.name as companyName', BOARD_KEY.as('boardDate')]);
  if (page.sort === 'newest') {
    if (page.after) {
      const [createdAt, id] = page.after;
      query = query.where(sql<boolean>`(turns.created_at, turns.id) < (${createdAt}, ${id})`);
    }
    return query.orderBy('turns.createdAt', 'desc').orderBy('turns.id', 'desc').limit(page.limit).execute();
  }
  if (page.after) {
    const [boardDate, id] = page.after;
    query = query.where(sql<boolean>`(${BOARD_KEY}, turns.id) > (${boardDate}, ${id})`);
  }
  return query.orderBy(BOARD_KEY).orderBy('turns.id').limit(page.limit).execute();
}

/** Pending add-ons of these turns, with whether staff were alerted about them. */
export function listPendingAddOns(db: Executor, turnIds: readonly string[]) {
  if (turnIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('turnAddOns')
    .select(['id', 'turnId', 'staffAlertedAt'])
    .where('turnId', 'in', turnIds)
    .where('status', '=', 'pending')
    .execute();
}

/** Marks a turn seen by staff; false when someone acknowledged it first. */
export async function acknowledgeTurn(db: Executor, turnId: string, staffId: string | null, at: string) {
  const result = await db
    .updateTable('turns')
    .set({ acknowledgedAt: at, acknowledgedByStaffId: staffId })
    .where('id', '=', turnId)
    .where('acknowledgedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A customer changed the turn: it goes back to the desk's inbox. */
export async function returnTurnToInbox(db: Executor, turnId: string) {
  await db
    .updateTable('turns')
    .set({ acknowledgedAt: null, acknowledgedByStaffId: null })
    .where('id', '=', turnId)
    .execute();
}
