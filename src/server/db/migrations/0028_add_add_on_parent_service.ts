import type { Kysely } from 'kysely';

// An add-on may belong to one standard service (carpet shampoo to carpet cleaning): it is then offered only
// with that service. Null keeps it offered with any service.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('services')
    .addColumn('parent_service_id', 'text', (column) => column.references('services.id').onDelete('set null'))
    .execute();
}
