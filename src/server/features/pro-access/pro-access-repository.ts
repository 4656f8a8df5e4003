import type { Db, Trx } from '../../db/database.ts';
import type { ProAccessTokensTable } from '../../db/schema/field-work.ts';

type Executor = Db | Trx;

export function insertProToken(db: Executor, token: ProAccessTokensTable) {
  return db.insertInto('proAccessTokens').values(token).execute();
}

export function findProTokenByHash(db: Executor, tokenHash: string) {
  return db.selectFrom('proAccessTokens').selectAll().where('tokenHash', '=', tokenHash).executeTakeFirst();
}

/** The single-use guard: one conditional UPDATE, so of concurrent redemptions exactly one wins. */
export function consumeProToken(db: Executor, tokenHash: string, now: string) {
  return db
    .updateTable('proAccessTokens')
    .set({ consumedAt: now })
    .where('tokenHash', '=', tokenHash)
    .where('consumedAt', 'is', null)
    .where('supersededAt', 'is', null)
    .where('expiresAt', '>', now)
    .returningAll()
    .executeTakeFirst();
}

export function markProTokenOpened(db: Executor, id: string, now: string) {
  return db
    .updateTable('proAccessTokens')
    .set({ openedAt: now })
    .where('id', '=', id)
    .where('openedAt', 'is', null)
    .execute();
}

/** Kills the pro's live links; returns their ids so their undelivered messages can be cancelled. */
export async function supersedeProTokens(db: Executor, proId: string, now: string): Promise<string[]> {
  const rows = await db
    .updateTable('proAccessTokens')
    .set({ supersededAt: now })
    .where('proId', '=', proId)
    .where('consumedAt', 'is', null)
    .where('supersededAt', 'is', null)
    .returning('id')
    .execute();
  return rows.map((row) => row.id);
}

/** Links issued to a pro since a time, for the per-recipient send limit. */
export function findRecentProTokens(db: Executor, proId: string, since: string) {
  return db
    .selectFrom('proAccessTokens')
    .select(['createdAt', 'consumedAt', 'supersededAt'])
    .where('proId', '=', proId)
    .where('createdAt', '>', since)
    .execute();
}

/** Retention: up to `limit` pro sign-in links that expired before `before` (used or not). */
export async function deleteProTokensExpiredBefore(db: Db, before: string, limit: number): Promise<number> {
  const batch = db.selectFrom('proAccessTokens').select('id').where('expiresAt', '<=', before).limit(limit);
  const result = await db.deleteFrom('proAccessTokens').where('id', 'in', batch).executeTakeFirst();
  return Number(result.numDeletedRows);
}
