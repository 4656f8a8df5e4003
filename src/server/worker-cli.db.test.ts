import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SmtpTestServer, startSmtpTestServer } from '../../test/smtp-test-server.ts';
import { createTestDatabase } from '../../test/test-database.ts';
import { systemClock } from './clock.ts';
import { createDatabase, type DatabaseHandle } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { enqueue } from './outbox/outbox.ts';

const PROJECT_ROOT = resolve(import.meta.dirname, '../..');

/** `portico worker` as its own process, against the test database and a real SMTP server. */
describe('portico worker', () => {
  let database: DatabaseHandle;
  let environment: Record<string, string>;
  let directory: string | null = null;
  let smtp: SmtpTestServer;
  let worker: ChildProcess;

  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    const base = { SMTP_URL: smtp.url, LOG_LEVEL: 'warn', PATH: process.env.PATH ?? '' };
    const test = await createTestDatabase();
    if (test.url) {
      database = test;
      environment = { ...base, DATABASE_URL: test.url, SECRET_KEY: 'worker-test-secret-key-0123456789abcdef' };
    } else {
      // A separate process needs a file it can open, not the test's in-memory database.
      await test.close();
      directory = mkdtempSync(join(tmpdir(), 'portico-worker-'));
      const path = join(directory, 'portico.db');
      database = createDatabase({ kind: 'sqlite', path });
      await migrateToLatest(database.db);
      environment = { ...base, SQLITE_PATH: path };
    }
  });

  afterAll(async () => {
    if (worker && worker.exitCode === null) {
      worker.kill('SIGTERM');
      await new Promise((done) => worker.once('exit', done));
    }
    await smtp.close();
    await database.close();
    if (directory) rmSync(directory, { recursive: true, force: true });
  });

  it('delivers queued messages over SMTP, including one a killed worker left claimed', async () => {
    const payload = { staff: { name: 'Worker Test' }, consoleUrl: 'http://portico.test/console' };
    const queuedId = await database.db
      .transaction()
      .execute((trx) => enqueue(trx, systemClock, { kind: 'staff_test_email', to: ['queued@customer.test'], payload }));
    const orphanId = await database.db
      .transaction()
      .execute((trx) => enqueue(trx, systemClock, { kind: 'staff_test_email', to: ['orphan@customer.test'], payload }));
    // What a worker SIGKILLed between claim and send leaves behind, with its lease already over.
    await database.db
      .updateTable('outboxMessages')
      .set({
        status: 'processing',
        attempts: 1,
        lockedBy: 'worker-killed',
        lockedUntil: new Date(Date.now() - 1000).toISOString(),
      })
      .where('id', '=', orphanId!)
      .execute();

    worker = spawn(process.execPath, ['bin/portico.js', 'worker'], {
      cwd: PROJECT_ROOT,
      env: environment,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    worker.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    worker.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));

    await expect.poll(() => smtp.received.length, { timeout: 30_000, message: `worker output:\n${output}` }).toBe(2);
    expect(output).toMatch(/outbox worker .* is delivering \(email: SMTP/);
    expect(smtp.received.map((mail) => mail.to[0]).sort()).toEqual(['orphan@customer.test', 'queued@customer.test']);
    expect(smtp.received.find((mail) => mail.to[0] === 'queued@customer.test')!.raw).toContain(
      `Message-ID: <${queuedId}@portico.outbox>`,
    );
    await expect
      .poll(
        async () => {
          const rows = await database.db
            .selectFrom('outboxMessages')
            .select(['id', 'status', 'attempts'])
            .where('id', 'in', [queuedId!, orphanId!])
            .execute();
          return Object.fromEntries(
            rows.map((row) => [row.id === queuedId ? 'queued' : 'orphan', `${row.status}/${row.attempts}`]),
          );
        },
        { timeout: 10_000 },
      )
      .toEqual({ queued: 'sent/1', orphan: 'sent/2' });

    worker.kill('SIGTERM');
    const code = await new Promise((done) => worker.once('exit', done));
    expect(code).toBe(0);
  });
});
