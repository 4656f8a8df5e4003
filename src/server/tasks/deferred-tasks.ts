import type { FastifyBaseLogger } from 'fastify';
import { addSeconds, type Clock } from '../clock.ts';
import type { DatabaseKind, Db, Trx } from '../db/database.ts';
import { z } from 'zod';
import { newId } from '../ids.ts';

/** Who asked, carried into the task so its audit and access events name the original request. */
export const TaskActorSchema = z.object({
  actorKind: z.enum(['staff', 'customer', 'pro', 'system', 'anonymous']),
  actorId: z.string().nullable(),
  ipAddress: z.string().nullable(),
  requestId: z.string().nullable(),
});

/** Runs one task inside the transaction that deletes it: its writes (outbox messages included) commit with it. */
export type DeferredTaskHandler = (trx: Trx, payload: unknown) => Promise<void>;

const MAX_ATTEMPTS = 5;

/**
 * Hands work to the background inside the caller's transaction. Public endpoints whose answer must not
 * reveal what they find (does this login exist?) write only this row, the same for every input, and the
 * lookup and its effects happen here later, off the request path.
 */
export async function enqueueTask(trx: Trx, clock: Clock, task: { kind: string; payload: unknown }): Promise<void> {
  const now = clock.now().toISOString();
  await trx
    .insertInto('deferredTasks')
    .values({
      id: newId(),
      kind: task.kind,
      payloadJson: JSON.stringify(task.payload),
      attempts: 0,
      nextAttemptAt: now,
      lastError: null,
      createdAt: now,
    })
    .execute();
}

/**
 * Claims due tasks one at a time (`FOR UPDATE SKIP LOCKED` on PostgreSQL, so several workers share the
 * table; SQLite's write lock serializes them) and runs each in its own transaction. A failing task is
 * retried with backoff, then dropped and logged.
 */
export function createDeferredTaskRunner(options: {
  db: Db;
  databaseKind: DatabaseKind;
  clock: Clock;
  logger: FastifyBaseLogger;
  handlers: Record<string, DeferredTaskHandler>;
}) {
  const { db, clock, handlers } = options;
  const logger = options.logger.child({ module: 'deferred-tasks' });

  /** Runs one due task; false when none was due. */
  async function runOne(): Promise<boolean> {
    const state: { failed: { id: string; attempts: number; error: unknown } | null } = { failed: null };
    const ran = await db
      .transaction()
      .execute(async (trx) => {
        const task = await trx
          .selectFrom('deferredTasks')
          .selectAll()
          .where('nextAttemptAt', '<=', clock.now().toISOString())
          .orderBy('nextAttemptAt')
          .limit(1)
          .$if(options.databaseKind === 'postgres', (query) => query.forUpdate().skipLocked())
          .executeTakeFirst();
        if (!task) return false;
        const handler = handlers[task.kind];
        try {
          if (!handler) throw new Error(`No handler for deferred task ${task.kind}`);
          await handler(trx, JSON.parse(task.payloadJson));
        } catch (error) {
          state.failed = { id: task.id, attempts: task.attempts + 1, error };
          throw error;
        }
        await trx.deleteFrom('deferredTasks').where('id', '=', task.id).execute();
        return true;
      })
      .catch((error: unknown) => {
        if (!state.failed) throw error;
        return true;
      });
    if (state.failed) await recordFailure(state.failed);
    return ran;
  }

  async function recordFailure(failure: { id: string; attempts: number; error: unknown }): Promise<void> {
    const message = failure.error instanceof Error ? failure.error.message : String(failure.error);
    if (failure.attempts >= MAX_ATTEMPTS) {
      logger.error({ taskId: failure.id, error: message }, 'deferred task failed for good; dropped');
      await db.deleteFrom('deferredTasks').where('id', '=', failure.id).execute();
      return;
    }
    logger.warn({ taskId: failure.id, attempts: failure.attempts, error: message }, 'deferred task failed; will retry');
    await db
      .updateTable('deferredTasks')
      .set({
        attempts: failure.attempts,
        lastError: message,
        nextAttemptAt: addSeconds(clock.now(), 10 * 2 ** failure.attempts).toISOString(),
      })
      .where('id', '=', failure.id)
      .execute();
  }

  return {
    /** Runs every task due at the clock's time; returns how many ran (failures included). */
    async runDue(limit = 100): Promise<number> {
      let count = 0;
      while (count < limit && (await runOne())) count += 1;
      return count;
    },
  };
}
