import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../src/server/config.ts';
import { createDatabase } from '../../src/server/db/database.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';
import { createDeps } from '../../src/server/deps.ts';
import { createStaffMember, unique } from '../factories.ts';
import { freePort } from '../postgres-cluster.ts';
import { startPortico, type PorticoProcess } from '../portico-process.ts';
import { testDatabaseKind } from '../test-database.ts';
import { signInOverHttp, startLoad } from './load.ts';

const SECRET_KEY = 'sqlite-fault-secret-key-0123456789abcdef';

/** Two `serve` processes, each delivering the outbox, writing to one SQLite file at once. */
describe.skipIf(testDatabaseKind() !== 'sqlite')('two processes on one SQLite file', () => {
  let directory: string;
  const servers: PorticoProcess[] = [];
  const baseUrls: string[] = [];
  let cookie: string;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'portico-sqlite-'));
    const path = join(directory, 'portico.db');
    const database = createDatabase({ kind: 'sqlite', path });
    await migrateToLatest(database.db);
    const deps = createDeps(testConfig({ database: { kind: 'sqlite', path }, secretKey: SECRET_KEY }), {
      database,
      logger: pino({ level: 'silent' }),
    });
    const staff = await createStaffMember(deps);
    await database.close();
    for (let index = 0; index < 2; index += 1) {
      const port = await freePort();
      baseUrls.push(`http://127.0.0.1:${port}`);
      servers.push(
        startPortico(['serve'], {
          SQLITE_PATH: path,
          SECRET_KEY,
          PORT: String(port),
          OUTBOX_IN_PROCESS: 'true',
          OUTBOX_POLL_MILLISECONDS: '50',
        }),
      );
    }
    await Promise.all(servers.map((server) => server.waitFor(/Portico is running/)));
    cookie = await signInOverHttp(baseUrls[0]!, staff);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    rmSync(directory, { recursive: true, force: true });
  });

  it('answers every concurrent write on both processes (no SQLITE_BUSY)', { timeout: 120_000 }, async () => {
    const post = (iteration: number, path: string, body: unknown) =>
      fetch(`${baseUrls[iteration % 2]}${path}`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const load = startLoad(8, (iteration) =>
      iteration % 3
        ? post(iteration, '/api/staff/management-companies', { name: unique('Busy Co') })
        : post(iteration, '/api/staff/notification-test-messages', { channel: 'email', to: 'busy@customer.test' }),
    );
    await Promise.race([load.successesReached(300), ...servers.map((server) => server.crashed)]);
    const result = await load.stop();
    const failures = [...result.statuses].filter(([status]) => !(status >= 200 && status < 300));
    expect(failures, servers.map((server) => server.output()).join('\n')).toEqual([]);
  });
});
