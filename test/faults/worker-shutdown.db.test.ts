import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/server/clock.ts';
import { createDatabase, type DatabaseHandle } from '../../src/server/db/database.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';
import { enqueue } from '../../src/server/outbox/outbox.ts';
import { type PorticoProcess, startPortico } from '../portico-process.ts';
import { type StuckSmtpServer, startStuckSmtpServer } from '../smtp-test-server.ts';
import { createTestDatabase } from '../test-database.ts';

const SHUTDOWN_SECONDS = 3;

/** A real `portico worker` hung on a mail server that never answers, stopped with SIGTERM. */
describe('worker shutdown', () => {
  let database: DatabaseHandle;
  let environment: Record<string, string>;
  let directory: string | null = null;
  let stuck: StuckSmtpServer;
  let worker: PorticoProcess | undefined;

  beforeAll(async () => {
    stuck = await startStuckSmtpServer();
    const base = {
      SMTP_URL: stuck.url,
      OUTBOX_SHUTDOWN_SECONDS: String(SHUTDOWN_SECONDS),
      OUTBOX_POLL_MILLISECONDS: '100',
    };
    const test = await createTestDatabase();
    if (test.url) {
      database = test;
      environment = { ...base, DATABASE_URL: test.url, SECRET_KEY: 'shutdown-test-secret-key-0123456789abcdef' };
    } else {
      // A separate process needs a file it can open, not the test's in-memory database.
      await test.close();
      directory = mkdtempSync(join(tmpdir(), 'portico-shutdown-'));
      const path = join(directory, 'portico.db');
      database = createDatabase({ kind: 'sqlite', path });
      await migrateToLatest(database.db);
      environment = { ...base, SQLITE_PATH: path };
    }
  });

  afterAll(async () => {
    await worker?.stop(1000);
    await stuck.close();
    await database.close();
    if (directory) rmSync(directory, { recursive: true, force: true });
  });

  it('exits within OUTBOX_SHUTDOWN_SECONDS on SIGTERM and hands every unfinished claim back', async () => {
    const payload = { staff: { name: 'Shutdown Test' }, consoleUrl: 'http://portico.test/console' };
    const ids = await database.db.transaction().execute(async (trx) => {
      const queued: string[] = [];
      for (let index = 0; index < 30; index += 1)
        queued.push(
          (await enqueue(trx, systemClock, { kind: 'staff_test_email', to: [`hung${index}@portico.test`], payload }))!,
        );
      return queued;
    });
    const processing = async () =>
      (
        await database.db
          .selectFrom('outboxMessages')
          .select('id')
          .where('id', 'in', ids)
          .where('status', '=', 'processing')
          .execute()
      ).length;
    const started = startPortico(['worker'], environment);
    worker = started;
    await started.waitFor(/is delivering/, 60_000);
    // Every pooled connection hangs in DATA and the worker holds more claims waiting behind them.
    const deadline = Date.now() + 30_000;
    while (stuck.stuckAtData() < 4 || (await processing()) <= 4) {
      if (Date.now() > deadline) throw new Error(`the worker never got stuck:\n${started.output()}`);
      await Promise.race([new Promise((done) => setTimeout(done, 50)), started.crashed]);
    }
    const signalled = Date.now();
    const code = await started.stop((SHUTDOWN_SECONDS + 5) * 1000);
    const stoppedWithin = Date.now() - signalled;
    expect(code, started.output()).toBe(0);
    expect(stoppedWithin).toBeLessThan(SHUTDOWN_SECONDS * 1000 + 1000);

    const rows = await database.db
      .selectFrom('outboxMessages')
      .select(['status', 'lockedBy', 'lockedUntil', 'nextAttemptAt'])
      .where('id', 'in', ids)
      .execute();
    expect(rows.filter((row) => row.status !== 'queued' || row.lockedBy !== null || row.lockedUntil !== null)).toEqual(
      [],
    );
    // Due now: another worker takes them on its next claim, not after the lease.
    expect(rows.every((row) => row.nextAttemptAt <= new Date().toISOString())).toBe(true);
  });
});
