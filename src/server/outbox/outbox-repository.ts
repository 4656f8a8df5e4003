import type { Selectable, Updateable } from 'kysely';
import type { Db, DatabaseKind } from '../db/database.ts';
import type { OutboxChannel, OutboxMessagesTable } from '../db/schema/outbox.ts';

export type OutboxRow = Selectable<OutboxMessagesTable>;

/**
 * Claims up to `limit` due messages for one worker in a single statement: queued ones whose time has
 * come, and processing ones whose lease ran out (their worker died). The attempt count goes up here,
 * before anything is sent. PostgreSQL skips rows another worker is claiming (FOR UPDATE SKIP LOCKED);
 * SQLite serializes writers, so the one UPDATE … WHERE status guard is the whole claim.
 */
export async function claimDueMessages(
  db: Db,
  databaseKind: DatabaseKind,
  claim: { workerId: string; now: string; lockedUntil: string; limit: number; channel?: OutboxChannel },
): Promise<OutboxRow[]> {
  const due = db
    .selectFrom('outboxMessages')
    .select('id')
    .$if(claim.channel !== undefined, (query) => query.where('channel', '=', claim.channel!))
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'queued'), eb('nextAttemptAt', '<=', claim.now)]),
        eb.and([eb('status', '=', 'processing'), eb('lockedUntil', '<=', claim.now)]),
      ]),
    )
    .orderBy('priority', 'desc')
    .orderBy('nextAttemptAt')
    .limit(claim.limit)
    .$if(databaseKind === 'postgres', (query) => query.forUpdate().skipLocked());
  return db
    .updateTable('outboxMessages')
    .set((eb) => ({
      status: 'processing',
      lockedBy: claim.workerId,
      lockedUntil: claim.lockedUntil,
      attempts: eb('attempts', '+', 1),
      updatedAt: claim.now,
    }))
    .where('id', 'in', due)
    .returningAll()
    .execute();
}

/** Records the outcome of one claimed message, only if this worker still holds the claim. */
export async function finishClaimedMessage(
  db: Db,
  id: string,
  workerId: string,
  changes: Updateable<OutboxMessagesTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('outboxMessages')
    .set({ ...changes, lockedBy: null, lockedUntil: null })
    .where('id', '=', id)
    .where('lockedBy', '=', workerId)
    .where('status', '=', 'processing')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The same outcome for several claimed messages at once (a batch that all went out). */
export async function finishClaimedMessages(
  db: Db,
  ids: string[],
  workerId: string,
  changes: Updateable<OutboxMessagesTable>,
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('outboxMessages')
    .set({ ...changes, lockedBy: null, lockedUntil: null })
    .where('id', 'in', ids)
    .where('lockedBy', '=', workerId)
    .where('status', '=', 'processing')
    .execute();
}

/**
 * Hands claims back at shutdown so another worker takes them at once instead of after the lease.
 * Messages never handed to a provider get their attempt back; ones abandoned mid-send keep it.
 */
export async function releaseClaims(
  db: Db,
  workerId: string,
  now: string,
  claims: { unsent: string[]; abandoned: string[] },
): Promise<void> {
  const release = (ids: string[], refund: boolean) =>
    db
      .updateTable('outboxMessages')
      .set((eb) => ({
        status: 'queued',
        lockedBy: null,
        lockedUntil: null,
        nextAttemptAt: now,
        updatedAt: now,
        ...(refund ? { attempts: eb('attempts', '-', 1) } : {}),
      }))
      .where('id', 'in', ids)
      .where('lockedBy', '=', workerId)
      .where('status', '=', 'processing')
      .execute();
  if (claims.unsent.length) await release(claims.unsent, true);
  if (claims.abandoned.length) await release(claims.abandoned, false);
}

export async function findTemplateOverrides(db: Db, kinds: string[]) {
  if (kinds.length === 0) return [];
  return db.selectFrom('messageTemplates').selectAll().where('kind', 'in', kinds).execute();
}

/** Active staff admins' addresses: who hears about undeliverable messages. */
export async function findAlertRecipients(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('staffMembers')
    .select('email')
    .where('role', '=', 'admin')
    .where('deactivatedAt', 'is', null)
    .execute();
  return rows.map((row) => row.email);
}

/** Every state a message never leaves. */
const FINISHED_STATUSES = ['sent', 'dead', 'skipped_expired', 'cancelled'] as const;

/** Retention: up to `limit` messages that reached a final state before `before` (queued ones always stay). */
export async function deleteFinishedMessagesBefore(db: Db, before: string, limit: number): Promise<number> {
  const batch = db
    .selectFrom('outboxMessages')
    .select('id')
    .where('status', 'in', FINISHED_STATUSES)
    .where('updatedAt', '<=', before)
    .limit(limit);
  const result = await db.deleteFrom('outboxMessages').where('id', 'in', batch).executeTakeFirst();
  return Number(result.numDeletedRows);
}
