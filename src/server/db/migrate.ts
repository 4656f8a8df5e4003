import { DEFAULT_MIGRATION_TABLE, Migrator, sql, type MigrationProvider } from 'kysely';
import type { Db } from './database.ts';
import { migrations } from './migrations/index.ts';

const provider: MigrationProvider = { getMigrations: async () => migrations };
// Features are built on parallel branches, so a migration may land with a lower number than one a
// database already ran; each migration only adds its own objects, so running it late is safe.
const migratorOptions = { provider, allowUnorderedMigrations: true };

/** Brings the schema to the latest migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, ...migratorOptions });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error) {
    const where = failed ? ` (in ${failed.migrationName})` : '';
    throw new Error(`Migration failed${where}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
}

/** Names of migrations not yet applied (PostgreSQL deployments apply them with `portico migrate`). */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, ...migratorOptions });
  const all = await migrator.getMigrations();
  return all.filter((migration) => !migration.executedAt).map((migration) => migration.name);
}

/**
 * Stops an older release before it touches a database a newer one migrated (after a rollback of the
 * code, say): its queries would miss or misread the newer columns. Returns the unknown migrations.
 */
export async function migrationsFromNewerRelease(db: Db): Promise<string[]> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  if (!tables.some((table) => table.name === DEFAULT_MIGRATION_TABLE)) return [];
  const applied = await sql<{ name: string }>`select name from ${sql.table(DEFAULT_MIGRATION_TABLE)}`.execute(db);
  return applied.rows.map((row) => row.name).filter((name) => !(name in migrations));
}

export function newerDatabaseMessage(unknown: string[]): string {
  return `This database was migrated by a newer Portico release (migrations this release does not know: ${unknown.join(', ')}). Start that release or a later one; an older release must not run on it.`;
}
