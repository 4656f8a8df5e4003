import { DEFAULT_MIGRATION_TABLE, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/test-database.ts';
import type { DatabaseHandle } from './database.ts';
import { migrationsFromNewerRelease, newerDatabaseMessage } from './migrate.ts';

describe('the schema version', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  it('is recognised when a newer release migrated the database, with a message saying what to do', async () => {
    expect(await migrationsFromNewerRelease(database.db)).toEqual([]);
    await sql`insert into ${sql.table(DEFAULT_MIGRATION_TABLE)} (name, timestamp) values (${'9999_from_a_newer_release'}, ${new Date().toISOString()})`.execute(
      database.db,
    );
    const unknown = await migrationsFromNewerRelease(database.db);
    expect(unknown).toEqual(['9999_from_a_newer_release']);
    expect(newerDatabaseMessage(unknown)).toMatch(/newer Portico release.*9999_from_a_newer_release.*older release/);
  });
});
