import type { Kysely } from 'kysely';

// A keyed hash of a fixed text under the deployment's secret key: a restore or a new node started with
// another key is recognised at start, before it fails on the first sealed portal key or link.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('secret_key_checks')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('check_hash', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .execute();
}
