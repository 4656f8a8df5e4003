import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pino from 'pino';
import { buildApp } from '../src/server/app.ts';
import { testConfig, type Config } from '../src/server/config.ts';
import type { DatabaseOptions } from '../src/server/db/database.ts';
import { createDeps, type Deps } from '../src/server/deps.ts';
import { FakeClock } from './fake-clock.ts';
import { createTestDatabase } from './test-database.ts';

export interface TestApp {
  app: FastifyInstance;
  deps: Deps;
  clock: FakeClock;
  close(): Promise<void>;
}

/** The real app on a fresh test database with a fake clock; requests go through app.inject(). */
export async function createTestApp(
  overrides: Partial<Config> = {},
  appOptions: Parameters<typeof buildApp>[1] = { serveWeb: false },
  databaseOptions: DatabaseOptions = {},
): Promise<TestApp> {
  const database = await createTestDatabase(databaseOptions);
  const clock = new FakeClock();
  const deps = createDeps(testConfig(overrides), { clock, database, logger: pino({ level: 'silent' }) });
  const app = await buildApp(deps, appOptions);
  await app.ready();
  return {
    app,
    deps,
    clock,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** The session cookie from a response, as a Cookie request header value. */
export function sessionCookie(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find(
    (candidate) => candidate.name.startsWith('portico_') || candidate.name.startsWith('__Host-portico_'),
  );
  if (!cookie) throw new Error(`no session cookie in response (${response.statusCode}: ${response.body})`);
  return `${cookie.name}=${cookie.value}`;
}
