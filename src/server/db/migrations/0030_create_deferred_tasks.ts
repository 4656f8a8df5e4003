import type { Kysely } from 'kysely';

// Work a public request hands to the background so its answer does not depend on what it finds
// (forgot password, portal-key sign-up): the request writes one row, a worker does the rest.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('deferred_tasks')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('payload_json', 'text', (column) => column.notNull())
    .addColumn('attempts', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (column) => column.notNull())
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('deferred_tasks_due').on('deferred_tasks').column('next_attempt_at').execute();
}
