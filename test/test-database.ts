import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createDatabase, type DatabaseHandle, type DatabaseOptions } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';

export type TestDatabaseKind = 'sqlite' | 'postgres';

export function testDatabaseKind(): TestDatabaseKind {
  return process.env.TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
}

/**
 * A fresh, migrated database for one test file: in-memory SQLite, or a new database on the throwaway
 * PostgreSQL cluster. Tests still create their own rows through factories, so they never depend on
 * each other's data.
 */
export async function createTestDatabase(
  options: DatabaseOptions = {},
): Promise<DatabaseHandle & { url: string | null }> {
  if (testDatabaseKind() === 'sqlite') {
    const handle = createDatabase({ kind: 'sqlite', path: ':memory:' }, options);
    await migrateToLatest(handle.db);
    return { ...handle, url: null };
  }
  const serverUrl = inject('postgresUrl');
  const name = `portico_test_${randomBytes(8).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = serverUrl.replace(/\/[^/]*$/, `/${name}`);
  const handle = createDatabase({ kind: 'postgres', url }, options);
  await migrateToLatest(handle.db);
  return { ...handle, url };
}
