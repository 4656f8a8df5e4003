import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database.ts';
import { FakeClock } from '../../../test/fake-clock.ts';
import { createTestDatabase } from '../../../test/test-database.ts';
import { createDeferredTaskRunner, enqueueTask } from './deferred-tasks.ts';

let database: DatabaseHandle;
const clock = new FakeClock();
const ran: unknown[] = [];
let failuresLeft = 0;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const runner = () =>
  createDeferredTaskRunner({
    db: database.db,
    databaseKind: database.kind,
    clock,
    logger: pino({ level: 'silent' }),
    handlers: {
      'test.note': async (trx, payload) => {
        // The handler's writes commit with the task's deletion, or not at all.
        await trx
          .insertInto('loginThrottles')
          .values({
            key: `note:${ran.length}`,
            failures: 1,
            lockedUntil: null,
            lastFailureAt: clock.now().toISOString(),
          })
          .execute();
        if (failuresLeft > 0) {
          failuresLeft -= 1;
          throw new Error('provider down');
        }
        ran.push(payload);
      },
    },
  });

const remaining = () => database.db.selectFrom('deferredTasks').selectAll().execute();

it('runs a task once, and retries a failing one later without keeping its writes', async () => {
  await database.db.transaction().execute((trx) => enqueueTask(trx, clock, { kind: 'test.note', payload: { n: 1 } }));
  failuresLeft = 1;
  expect(await runner().runDue()).toBe(1);
  expect(ran).toEqual([]);
  expect(await database.db.selectFrom('loginThrottles').selectAll().where('key', 'like', 'note:%').execute()).toEqual(
    [],
  );
  expect((await remaining())[0]).toMatchObject({ attempts: 1, lastError: 'provider down' });
  // Not due again until its backoff passes.
  expect(await runner().runDue()).toBe(0);
  clock.advanceSeconds(21);
  expect(await runner().runDue()).toBe(1);
  expect(ran).toEqual([{ n: 1 }]);
  expect(await remaining()).toEqual([]);
});

it('drops a task that keeps failing after five attempts', async () => {
  await database.db.transaction().execute((trx) => enqueueTask(trx, clock, { kind: 'test.note', payload: { n: 2 } }));
  failuresLeft = 5;
  for (let attempt = 0; attempt < 5; attempt += 1) {
    expect(await runner().runDue()).toBe(1);
    clock.advanceSeconds(600);
  }
  expect(await remaining()).toEqual([]);
  expect(ran).toEqual([{ n: 1 }]);
});
