import type { Kysely } from 'kysely';

// Versions on the rest of what staff edit in forms (units, pros, an account's pricing and the master
// pricelist), so a stale edit is refused with 409 as it is on accounts and contacts. The master
// pricelist is many rows with no parent row, so it gets a one-row table to carry its version.
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['units', 'pros', 'account_pricing_configs']) {
    await db.schema
      .alterTable(table)
      .addColumn('version', 'integer', (column) => column.notNull().defaultTo(1))
      .execute();
  }
  await db.schema
    .createTable('master_pricelists')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('version', 'integer', (column) => column.notNull().defaultTo(1))
    .execute();
  await db.insertInto('master_pricelists').values({ id: 'vendor', version: 1 }).execute();
}
