import { sql } from 'kysely';
import type { Db, Trx } from '../../db/database.ts';
import type { AccountKind, AccountStatus, AccountsTable, OnboardingState } from '../../db/database-schema.ts';
import { containsPattern } from './customers-rules.ts';

export function insertAccount(db: Db | Trx, account: AccountsTable) {
  return db.insertInto('accounts').values(account).execute();
}

export function findAccountById(db: Db | Trx, id: string) {
  return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findAccountByNumber(db: Db | Trx, accountNumber: string) {
  return db.selectFrom('accounts').selectAll().where('accountNumber', '=', accountNumber).executeTakeFirst();
}

export async function updateAccountRow(
  db: Db | Trx,
  id: string,
  patch: Partial<Omit<AccountsTable, 'id' | 'kind' | 'createdAt'>>,
): Promise<AccountsTable> {
  await db
    .updateTable('accounts')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
  return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export interface CustomerListFilter {
  search?: string | undefined;
  status?: AccountStatus | undefined;
  kind?: AccountKind | undefined;
  parentAccountId?: string | undefined;
  onboardingState?: OnboardingState | undefined;
  sort: 'name' | 'accountNumber' | 'status' | 'createdAt';
  direction: 'asc' | 'desc';
  limit: number;
  offset: number;
}

/**
 * Accounts matching the filter; the search matches name, account number, or a linked contact's name (first,
 * last or both) or any of their emails: staff look a customer up by the person who called.
 */
export async function findCustomers(db: Db, filter: CustomerListFilter) {
  let query = db.selectFrom('accounts').leftJoin('accounts as parent', 'parent.id', 'accounts.parentAccountId');
  if (filter.status) query = query.where('accounts.status', '=', filter.status);
  if (filter.kind) query = query.where('accounts.kind', '=', filter.kind);
  if (filter.parentAccountId) query = query.where('accounts.parentAccountId', '=', filter.parentAccountId);
  if (filter.onboardingState) query = query.where('accounts.onboardingState', '=', filter.onboardingState);
  if (filter.search) {
    const pattern = containsPattern(filter.search);
    // Explicit ESCAPE: SQLite has no default escape character for LIKE; lower() makes PostgreSQL match case-insensitively.
    query = query.where((eb) =>
      eb.or([
        sql<boolean>`lower(${eb.ref('accounts.name')}) like ${pattern} escape '\\'`,
        sql<boolean>`lower(${eb.ref('accounts.accountNumber')}) like ${pattern} escape '\\'`,
        eb.exists(
          eb
            .selectFrom('accountContacts')
            .innerJoin('contactEmails', 'contactEmails.contactId', 'accountContacts.contactId')
            .select('contactEmails.id')
            .whereRef('accountContacts.accountId', '=', 'accounts.id')
            .where(sql<boolean>`${sql.ref('contactEmails.emailNormalized')} like ${pattern} escape '\\'`),
        ),
        eb.exists(
          eb
            .selectFrom('accountContacts')
            .innerJoin('contacts', 'contacts.id', 'accountContacts.contactId')
            .select('contacts.id')
            .whereRef('accountContacts.accountId', '=', 'accounts.id')
            .where(
              sql<boolean>`lower(${sql.ref('contacts.firstName')} || ' ' || ${sql.ref('contacts.lastName')}) like ${pattern} escape '\\'`,
            ),
        ),
      ]),
    );
  }
  const totalRow = await query.select((eb) => eb.fn.countAll<number | string>().as('count')).executeTakeFirstOrThrow();
  const rows = await query
    .selectAll('accounts')
    .select('parent.name as parentAccountName')
    .orderBy(`accounts.${filter.sort}`, filter.direction)
    .orderBy('accounts.id')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  return { rows, total: Number(totalRow.count) };
}

export function findOnboardingCheckOffs(db: Db, accountId: string) {
  return db
    .selectFrom('onboardingCheckOffs')
    .leftJoin('staffMembers', 'staffMembers.id', 'onboardingCheckOffs.checkedByStaffId')
    .selectAll('onboardingCheckOffs')
    .select('staffMembers.name as checkedByName')
    .where('onboardingCheckOffs.accountId', '=', accountId)
    .execute();
}

export function findOnboardingCheckOff(db: Db | Trx, accountId: string, itemKey: string) {
  return db
    .selectFrom('onboardingCheckOffs')
    .selectAll()
    .where('accountId', '=', accountId)
    .where('itemKey', '=', itemKey)
    .executeTakeFirst();
}

export function insertOnboardingCheckOff(
  db: Db | Trx,
  row: { accountId: string; itemKey: string; checkedByStaffId: string; checkedAt: string },
) {
  return db
    .insertInto('onboardingCheckOffs')
    .values(row)
    .onConflict((conflict) => conflict.columns(['accountId', 'itemKey']).doNothing())
    .execute();
}

export function deleteOnboardingCheckOff(db: Db | Trx, accountId: string, itemKey: string) {
  return db
    .deleteFrom('onboardingCheckOffs')
    .where('accountId', '=', accountId)
    .where('itemKey', '=', itemKey)
    .execute();
}
