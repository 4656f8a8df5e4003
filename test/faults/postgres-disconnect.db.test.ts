import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../src/server/config.ts';
import { createDatabase } from '../../src/server/db/database.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';
import { createDeps } from '../../src/server/deps.ts';
import { createStaffMember, unique } from '../factories.ts';
import { freePort, startPostgresCluster, type PostgresCluster } from '../postgres-cluster.ts';
import { startPortico, startSmtpCapture, type PorticoProcess } from '../portico-process.ts';
import { testDatabaseKind } from '../test-database.ts';
import { signInOverHttp, startLoad } from './load.ts';

const SECRET_KEY = 'fault-test-secret-key-0123456789abcdef';

async function terminateBackends(url: string): Promise<number> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const result = await admin.query(
    `select pg_terminate_backend(pid) from pg_stat_activity
      where backend_type = 'client backend' and pid <> pg_backend_pid()`,
  );
  await admin.end();
  return result.rowCount ?? 0;
}

/** `serve` and `worker` as separate processes on a PostgreSQL cluster this test stops and terminates. */
describe.skipIf(testDatabaseKind() !== 'postgres')('a PostgreSQL disconnect', () => {
  let cluster: PostgresCluster;
  let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;
  let serve: PorticoProcess;
  let worker: PorticoProcess;
  let baseUrl: string;
  let cookie: string;

  beforeAll(async () => {
    cluster = await startPostgresCluster();
    smtp = await startSmtpCapture();
    const database = createDatabase({ kind: 'postgres', url: cluster.url });
    await migrateToLatest(database.db);
    const deps = createDeps(testConfig({ database: { kind: 'postgres', url: cluster.url }, secretKey: SECRET_KEY }), {
      database,
      logger: pino({ level: 'silent' }),
    });
    const staff = await createStaffMember(deps);
    await database.close();
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    const environment = { DATABASE_URL: cluster.url, SECRET_KEY, SMTP_URL: smtp.url, OUTBOX_IN_PROCESS: 'false' };
    serve = startPortico(['serve'], { ...environment, PORT: String(port) });
    worker = startPortico(['worker'], { ...environment, OUTBOX_POLL_MILLISECONDS: '200' });
    await Promise.all([serve.waitFor(/Portico is running/), worker.waitFor(/is delivering/)]);
    cookie = await signInOverHttp(baseUrl, staff);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([serve?.stop(), worker?.stop()]);
    await smtp?.close();
    cluster?.destroy();
  });

  const createCompany = () =>
    fetch(`${baseUrl}/api/staff/management-companies`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ name: unique('Fault Co') }),
    });

  it('keeps serving while backends are terminated under load, answering only 2xx or 503', async () => {
    const load = startLoad(6, (iteration) =>
      iteration % 2 ? createCompany() : fetch(`${baseUrl}/api/staff/customers`, { headers: { cookie } }),
    );
    for (let round = 1; round <= 3; round += 1) {
      await Promise.race([load.successesReached(load.result.successes + 20), serve.crashed, worker.crashed]);
      expect(await terminateBackends(cluster.url)).toBeGreaterThan(0);
    }
    // The app reconnects by itself: more requests succeed after the last termination.
    await Promise.race([load.successesReached(load.result.successes + 20), serve.crashed, worker.crashed]);
    const result = await load.stop();

    expect(serve.alive(), serve.output()).toBe(true);
    expect(worker.alive(), worker.output()).toBe(true);
    const unexpected = [...result.statuses].filter(([status]) => !(status >= 200 && status < 300) && status !== 503);
    expect(unexpected, serve.output()).toEqual([]);
    expect(result.unavailableWithoutRetryAfter).toBe(0);
  });

  it('answers 503 with Retry-After while PostgreSQL is down, and recovers when it is back', async () => {
    cluster.stop();
    try {
      const health = await fetch(`${baseUrl}/healthz`);
      expect(health.status).toBe(503);
      expect(health.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(await health.json()).toEqual({ status: 'unavailable', database: 'postgres' });
      const create = await createCompany();
      expect(create.status).toBe(503);
      expect(create.headers.get('retry-after')).toMatch(/^\d+$/);
      expect((await create.json()).error.code).toBe('unavailable');
    } finally {
      cluster.start();
    }

    await expect.poll(async () => (await fetch(`${baseUrl}/healthz`)).status, { timeout: 20_000 }).toBe(200);
    expect((await createCompany()).status).toBe(201);
    // The worker backed off while the database was gone and delivers again now.
    const to = `${unique('after-restart')}@customer.test`;
    const queued = await fetch(`${baseUrl}/api/staff/notification-test-messages`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'email', to }),
    });
    expect(queued.status).toBe(202);
    await expect
      .poll(() => smtp.received.filter((mail) => mail.to.includes(to)).length, {
        timeout: 30_000,
        message: worker.output(),
      })
      .toBe(1);
    expect(serve.alive() && worker.alive()).toBe(true);
  });
});
