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

interface LiveSessionsOf {
  kind: SessionKind;
  subjectId: string;
  now: string;
  /** Sessions last seen before this are past their idle deadline. */
  idleSince: string;
}

function liveSessionsOf(db: Db, live: LiveSessionsOf) {
  return db
    .selectFrom('sessions')
    .where('kind', '=', live.kind)
    .where('subjectId', '=', live.subjectId)
    .where('impersonatorStaffId', 'is', null)
    .where('expiresAt', '>', live.now)
    .where('lastSeenAt', '>', live.idleSince);
}

export function listLiveSessions(db: Db, live: LiveSessionsOf, page: { limit: number; offset: number }) {
  return liveSessionsOf(db, live)
    .selectAll()
    .orderBy('lastSeenAt', 'desc')
    .orderBy('publicId', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countLiveSessions(db: Db, live: LiveSessionsOf): Promise<number> {
  const row = await liveSessionsOf(db, live)
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function deleteOwnSession(db: Db, kind: SessionKind, subjectId: string, publicId: string) {
  const result = await db
    .deleteFrom('sessions')
    .where('kind', '=', kind)
    .where('subjectId', '=', subjectId)
    .where('impersonatorStaffId', 'is', null)
    .where('publicId', '=', publicId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Retention: up to `limit` sessions past their absolute deadline (idle ones reach it within 12 hours). */
export async function deleteExpiredSessions(db: Db, now: string, limit: number): Promise<number> {
  const batch = db.selectFrom('sessions').select('idHash').where('expiresAt', '<=', now).limit(limit);
  const result = await db.deleteFrom('sessions').where('idHash', 'in', batch).executeTakeFirst();
  return Number(result.numDeletedRows);
}
