import type { Db } from '../../db/database.ts';
import type { IdempotencyKeysTable } from '../../db/schema/idempotency.ts';

export function insertClaim(db: Db, row: IdempotencyKeysTable) {
  return db.insertInto('idempotencyKeys').values(row).execute();
}

export function findKey(db: Db, scope: string, key: string) {
  return db
    .selectFrom('idempotencyKeys')
    .selectAll()
    .where('scope', '=', scope)
    .where('key', '=', key)
    .executeTakeFirst();
}

/** Takes over an expired or abandoned row, only if nobody else took it since it was read. */
export async function replaceClaim(db: Db, seenStartedAt: string, row: IdempotencyKeysTable): Promise<boolean> {
  const result = await db
    .updateTable('idempotencyKeys')
    .set({
      fingerprint: row.fingerprint,
      statusCode: null,
      contentType: null,
      responseBody: null,
      startedAt: row.startedAt,
      expiresAt: row.expiresAt,
    })
    .where('scope', '=', row.scope)
    .where('key', '=', row.key)
    .where('startedAt', '=', seenStartedAt)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function storeResponse(
  db: Db,
  claim: { scope: string; key: string; startedAt: string },
  response: { statusCode: number; contentType: string | null; body: string },
) {
  return db
    .updateTable('idempotencyKeys')
    .set({ statusCode: response.statusCode, contentType: response.contentType, responseBody: response.body })
    .where('scope', '=', claim.scope)
    .where('key', '=', claim.key)
    .where('startedAt', '=', claim.startedAt)
    .execute();
}

export function deleteClaim(db: Db, claim: { scope: string; key: string; startedAt: string }) {
  return db
    .deleteFrom('idempotencyKeys')
    .where('scope', '=', claim.scope)
    .where('key', '=', claim.key)
    .where('startedAt', '=', claim.startedAt)
    .where('statusCode', 'is', null)
    .execute();
}

export async function deleteExpired(db: Db, now: string): Promise<number> {
  const result = await db.deleteFrom('idempotencyKeys').where('expiresAt', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
