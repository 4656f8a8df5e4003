import { sql } from 'kysely';
import type { DatabaseKind, Db, Trx } from '../../db/database.ts';
import type {
  AccessEventsTable,
  AccessTokenPurpose,
  AccessTokensTable,
  PortalLoginsTable,
} from '../../db/schema/portal-access.ts';
import type { AccountKind } from '../../../shared/customer-contracts.ts';
import { PORTAL_ACCOUNT_STATUSES } from './portal-access-rules.ts';

type Executor = Db | Trx;

const ACCOUNT_STATUSES = ['prospect', 'current', 'inactive'] as const;

/** The detail of a link_sent event whose email kind was switched off: nothing went out. */
export const SKIPPED_SEND = 'email kind switched off';

/**
 * Holds the contact's access decisions for the rest of the transaction. PostgreSQL needs the advisory
 * lock; SQLite already runs one write transaction at a time.
 */
export async function lockContactAccess(trx: Trx, databaseKind: DatabaseKind, contactId: string): Promise<void> {
  if (databaseKind !== 'postgres') return;
  await sql`select pg_advisory_xact_lock(hashtext(${`portal-access:${contactId}`}))`.execute(trx);
}

export function findLoginById(db: Executor, id: string) {
  return db.selectFrom('portalLogins').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findLoginByContactId(db: Executor, contactId: string) {
  return db.selectFrom('portalLogins').selectAll().where('contactId', '=', contactId).executeTakeFirst();
}

export function findLoginByEmail(db: Executor, emailNormalized: string) {
  return db
    .selectFrom('portalLogins')
    .selectAll()
    .where('portalEmailNormalized', '=', emailNormalized)
    .executeTakeFirst();
}

export function findLoginByUsername(db: Executor, usernameNormalized: string) {
  return db
    .selectFrom('portalLogins')
    .selectAll()
    .where('usernameNormalized', '=', usernameNormalized)
    .executeTakeFirst();
}

export function insertLogin(db: Executor, login: PortalLoginsTable) {
  return db.insertInto('portalLogins').values(login).execute();
}

export function updateLogin(
  db: Executor,
  id: string,
  patch: Partial<Omit<PortalLoginsTable, 'id' | 'contactId' | 'createdAt'>>,
) {
  return db.updateTable('portalLogins').set(patch).where('id', '=', id).execute();
}

/** Sets the last sign-in unless another sign-in recorded one within `precisionSeconds` (it committed first). */
export function recordSignInTime(db: Executor, id: string, at: Date, precisionSeconds: number) {
  const recentSince = new Date(at.getTime() - precisionSeconds * 1000).toISOString();
  return db
    .updateTable('portalLogins')
    .set({ lastSignInAt: at.toISOString() })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('lastSignInAt', 'is', null), eb('lastSignInAt', '<=', recentSince)]))
    .execute();
}

export function insertAccessToken(db: Executor, token: AccessTokensTable) {
  return db.insertInto('accessTokens').values(token).execute();
}

export function findAccessTokenByHash(db: Executor, tokenHash: string) {
  return db.selectFrom('accessTokens').selectAll().where('tokenHash', '=', tokenHash).executeTakeFirst();
}

/**
 * The single-use guard: one conditional UPDATE, so of many concurrent redemptions exactly one sees
 * consumed_at still null (on PostgreSQL the losers wait for the row lock, re-check and match nothing).
 */
export function consumeAccessToken(db: Executor, tokenHash: string, now: string) {
  return db
    .updateTable('accessTokens')
    .set({ consumedAt: now })
    .where('tokenHash', '=', tokenHash)
    .where('consumedAt', 'is', null)
    .where('supersededAt', 'is', null)
    .where('expiresAt', '>', now)
    .returningAll()
    .executeTakeFirst();
}

export function markAccessTokenOpened(db: Executor, id: string, now: string) {
  return db
    .updateTable('accessTokens')
    .set({ openedAt: now })
    .where('id', '=', id)
    .where('openedAt', 'is', null)
    .execute();
}

/** Kills the live links of a login (all of them, or those of some purposes); returns their ids. */
export async function supersedeAccessTokens(
  db: Executor,
  loginId: string,
  now: string,
  purposes?: AccessTokenPurpose[],
): Promise<string[]> {
  let query = db
    .updateTable('accessTokens')
    .set({ supersededAt: now })
    .where('loginId', '=', loginId)
    .where('consumedAt', 'is', null)
    .where('supersededAt', 'is', null);
  if (purposes) query = query.where('purpose', 'in', purposes);
  const rows = await query.returning('id').execute();
  return rows.map((row) => row.id);
}

export function supersedeAccessToken(db: Executor, id: string, now: string) {
  return db.updateTable('accessTokens').set({ supersededAt: now }).where('id', '=', id).execute();
}

/**
 * Access emails queued to a contact since a time, for the per-recipient rate limit, and whether each
 * one's link still works. A send skipped because its email kind is switched off sent nothing.
 */
export async function findRecentSends(db: Executor, contactId: string, since: string) {
  const rows = await db
    .selectFrom('accessEvents')
    .leftJoin('accessTokens', 'accessTokens.id', 'accessEvents.accessTokenId')
    .select([
      'accessEvents.purpose',
      'accessEvents.occurredAt',
      'accessEvents.accessTokenId',
      'accessTokens.consumedAt',
      'accessTokens.supersededAt',
    ])
    .where('accessEvents.contactId', '=', contactId)
    .where('accessEvents.kind', '=', 'link_sent')
    .where('accessEvents.occurredAt', '>', since)
    .where((eb) => eb.or([eb('accessEvents.detail', 'is', null), eb('accessEvents.detail', '!=', SKIPPED_SEND)]))
    .execute();
  return rows.flatMap((row) =>
    row.purpose
      ? [
          {
            purpose: row.purpose,
            createdAt: row.occurredAt,
            linkLive: row.accessTokenId === null || (row.consumedAt === null && row.supersededAt === null),
          },
        ]
      : [],
  );
}

export function insertAccessEvent(db: Executor, event: AccessEventsTable) {
  return db.insertInto('accessEvents').values(event).execute();
}

export function findTimeline(db: Executor, contactId: string, limit: number) {
  return db
    .selectFrom('accessEvents')
    .leftJoin('accessTokens', 'accessTokens.id', 'accessEvents.accessTokenId')
    .leftJoin('staffMembers', 'staffMembers.id', 'accessEvents.actorId')
    .where('accessEvents.contactId', '=', contactId)
    .selectAll('accessEvents')
    .select([
      'staffMembers.name as staffName',
      'accessTokens.expiresAt as tokenExpiresAt',
      'accessTokens.openedAt as tokenOpenedAt',
      'accessTokens.consumedAt as tokenConsumedAt',
      'accessTokens.supersededAt as tokenSupersededAt',
    ])
    .orderBy('accessEvents.occurredAt', 'desc')
    .orderBy('accessEvents.id', 'desc')
    .limit(limit)
    .execute();
}

export function findContact(db: Executor, contactId: string) {
  return db.selectFrom('contacts').selectAll().where('id', '=', contactId).executeTakeFirst();
}

export async function findPrimaryEmail(db: Executor, contactId: string): Promise<string | null> {
  const row = await db
    .selectFrom('contactEmails')
    .select('email')
    .where('contactId', '=', contactId)
    .orderBy('kind', 'desc')
    .orderBy('createdAt')
    .executeTakeFirst();
  return row?.email ?? null;
}

/** Every primary address of a contact, oldest first. */
export async function findPrimaryEmails(db: Executor, contactId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('contactEmails')
    .select('email')
    .where('contactId', '=', contactId)
    .where('kind', '=', 'primary')
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
  return rows.map((row) => row.email);
}

/**
 * The accounts a contact may see in the portal: its own accounts with portal access on and a status that
 * may use the portal, plus the properties (also switched on and in such a status) of management
 * companies it belongs to. `anyStatus` ignores the status, to tell an inactive account from a switched-off one.
 */
export async function findAccessibleAccountIds(
  db: Executor,
  contactId: string,
  options: { anyStatus?: boolean } = {},
): Promise<string[]> {
  const statuses = options.anyStatus ? ACCOUNT_STATUSES : PORTAL_ACCOUNT_STATUSES;
  const direct = await db
    .selectFrom('accountContacts')
    .innerJoin('accounts', 'accounts.id', 'accountContacts.accountId')
    .select('accounts.id')
    .where('accountContacts.contactId', '=', contactId)
    .where('accounts.portalAccessEnabled', '=', 1)
    .where('accounts.status', 'in', statuses)
    .execute();
  const directIds = direct.map((row) => row.id);
  if (directIds.length === 0) return [];
  const children = await db
    .selectFrom('accounts')
    .select('id')
    .where('parentAccountId', 'in', directIds)
    .where('portalAccessEnabled', '=', 1)
    .where('status', 'in', statuses)
    .execute();
  return [...new Set([...directIds, ...children.map((row) => row.id)])];
}

/** A page of these accounts by name then id, after the previous page's last [name, id]. */
export function findAccountPage(
  db: Executor,
  query: {
    accountIds: readonly string[];
    kind: AccountKind | undefined;
    after: [name: string, id: string] | null;
    limit: number;
  },
) {
  if (query.accountIds.length === 0) return Promise.resolve([]);
  let page = db
    .selectFrom('accounts')
    .select(['id', 'name', 'kind', 'accountNumber', 'city', 'region'])
    .where('id', 'in', query.accountIds);
  if (query.kind) page = page.where('kind', '=', query.kind);
  if (query.after) {
    const [name, id] = query.after;
    page = page.where((eb) => eb(eb.refTuple('name', 'id'), '>', eb.tuple(name, id)));
  }
  return page.orderBy('name').orderBy('id').limit(query.limit).execute();
}

export function findAccount(db: Executor, accountId: string) {
  return db.selectFrom('accounts').selectAll().where('id', '=', accountId).executeTakeFirst();
}

export function findFirstAccountOfContact(db: Executor, contactId: string) {
  return db
    .selectFrom('accountContacts')
    .innerJoin('accounts', 'accounts.id', 'accountContacts.accountId')
    .selectAll('accounts')
    .where('accountContacts.contactId', '=', contactId)
    .orderBy('accounts.portalAccessEnabled', 'desc')
    .orderBy('accounts.name')
    .executeTakeFirst();
}

export function findContactsWithLoginsOfAccount(db: Executor, accountId: string) {
  return db
    .selectFrom('accountContacts')
    .innerJoin('contacts', 'contacts.id', 'accountContacts.contactId')
    .leftJoin('portalLogins', 'portalLogins.contactId', 'contacts.id')
    .where('accountContacts.accountId', '=', accountId)
    .select(['contacts.id as contactId', 'contacts.firstName', 'contacts.lastName', 'portalLogins.id as loginId'])
    .orderBy('contacts.lastName')
    .orderBy('contacts.firstName')
    .execute();
}

export function findStaffName(db: Executor, staffId: string) {
  return db.selectFrom('staffMembers').select('name').where('id', '=', staffId).executeTakeFirst();
}

/** Retention: up to `limit` one-time links that expired before `before` (used or not). */
export async function deleteAccessTokensExpiredBefore(db: Db, before: string, limit: number): Promise<number> {
  const batch = db.selectFrom('accessTokens').select('id').where('expiresAt', '<=', before).limit(limit);
  const result = await db.deleteFrom('accessTokens').where('id', 'in', batch).executeTakeFirst();
  return Number(result.numDeletedRows);
}
