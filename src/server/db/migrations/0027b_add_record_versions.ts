import type { Kysely } from 'kysely';

// A version on each record staff edit in forms: every write adds one, and an edit based on an older
// version is refused (409) instead of silently overwriting the other person's change.
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['accounts', 'contacts', 'service_profiles', 'floorplans']) {
    await db.schema
      .alterTable(table)
      .addColumn('version', 'integer', (column) => column.notNull().defaultTo(1))
      .execute();
  }
}
