import type { Db, Trx } from '../../db/database.ts';
import type { SessionKind, SessionsTable } from '../../db/database-schema.ts';

export function insertSession(db: Db | Trx, session: SessionsTable) {
  return db.insertInto('sessions').values(session).execute();
}

export function findSession(db: Db, idHash: string, kind: SessionKind) {
  return db.selectFrom('sessions').selectAll().where('idHash', '=', idHash).where('kind', '=', kind).executeTakeFirst();
}

export function touchSession(db: Db, idHash: string, lastSeenAt: string) {
  return db.updateTable('sessions').set({ lastSeenAt }).where('idHash', '=', idHash).execute();
}

export function deleteSession(db: Db | Trx, idHash: string) {
  return db.deleteFrom('sessions').where('idHash', '=', idHash).execute();
}

export async function deleteSessionsOf(db: Db | Trx, kind: SessionKind, subjectIds: string[]): Promise<number> {
  if (subjectIds.length === 0) return 0;
  const result = await db
    .deleteFrom('sessions')
    .where('kind', '=', kind)
    .where('subjectId', 'in', subjectIds)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export function markSessionReauthenticated(db: Db | Trx, idHash: string, at: string) {
  return db
    .updateTable('sessions')
    .set({ secondFactor: null, reauthenticatedAt: at })
    .where('idHash', '=', idHash)
    .execute();
}
