import type { Db, Trx } from '../../db/database.ts';
import { OPEN_STATUSES } from './turns-repository.ts';

type Executor = Db | Trx;

/** Where a page of properties ended: the name and id of its last property. */
export type PropertyCursor = [name: string, id: string];

export interface PropertyPageQuery {
  /** The accounts of the customer's session; only properties among them are listed. */
  accountIds: readonly string[];
  /** Name, account number or city contains. */
  search?: string | undefined;
  after: PropertyCursor | null;
  limit: number;
}

function propertiesIn(db: Executor, query: Omit<PropertyPageQuery, 'after' | 'limit'>) {
  let properties = db
    .selectFrom('accounts')
    .where('accounts.id', 'in', query.accountIds)
    .where('accounts.kind', '=', 'property');
  // lower() on both sides: LIKE is case-insensitive on SQLite but not on PostgreSQL.
  const term = query.search?.toLowerCase().replace(/[\\%_]/g, '');
  if (term) {
    const pattern = `%${term}%`;
    properties = properties.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['accounts.name']), 'like', pattern),
        eb(eb.fn('lower', ['accounts.accountNumber']), 'like', pattern),
        eb(eb.fn('lower', ['accounts.city']), 'like', pattern),
      ]),
    );
  }
  return properties;
}

/**
 * One page of the properties a contact sees, by name then id, each with its open turns and the
 * add-ons awaiting the customer. The page is chosen first, so the counts (an index range per
 * property, in the same statement) run only for the rows returned; the cursor is the previous
 * page's last key, so a property added meanwhile never shifts or repeats a row.
 */
export async function listPropertyPage(db: Executor, query: PropertyPageQuery) {
  if (query.accountIds.length === 0) return [];
  let page = propertiesIn(db, query).select([
    'accounts.id',
    'accounts.name',
    'accounts.accountNumber',
    'accounts.addressLine1',
    'accounts.addressLine2',
    'accounts.city',
    'accounts.region',
    'accounts.postalCode',
    'accounts.parentAccountId',
  ]);
  if (query.after) {
    const [name, id] = query.after;
    page = page.where((eb) => eb(eb.refTuple('accounts.name', 'accounts.id'), '>', eb.tuple(name, id)));
  }
  const rows = await db
    .selectFrom(page.orderBy('accounts.name').orderBy('accounts.id').limit(query.limit).as('property'))
    .selectAll('property')
    .select((eb) => [
      eb
        .selectFrom('turns')
        .select((count) => count.fn.countAll<number | string>().as('n'))
        .whereRef('turns.accountId', '=', 'property.id')
        .where('turns.status', 'in', OPEN_STATUSES)
        .as('openTurns'),
      eb
        .selectFrom('turnAddOns')
        .select((count) => count.fn.countAll<number | string>().as('n'))
        .whereRef('turnAddOns.accountId', '=', 'property.id')
        .where('turnAddOns.status', '=', 'pending')
        .where('turnAddOns.approver', '=', 'customer')
        .as('pendingAddOns'),
    ])
    .orderBy('property.name')
    .orderBy('property.id')
    .execute();
  return rows.map(({ openTurns, pendingAddOns, ...property }) => ({
    ...property,
    openTurnCount: Number(openTurns ?? 0),
    pendingAddOnCount: Number(pendingAddOns ?? 0),
  }));
}

/** How many properties the same search finds, for "Showing 24 of 2,500". */
export async function countProperties(db: Executor, query: Omit<PropertyPageQuery, 'after' | 'limit'>) {
  if (query.accountIds.length === 0) return 0;
  const row = await propertiesIn(db, query)
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
