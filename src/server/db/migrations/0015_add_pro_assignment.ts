import type { Kysely } from 'kysely';

// Each service line gets a pro (none until assigned); a pro takes up to `daily_capacity` services a day.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('turn_service_lines')
    .addColumn('assigned_pro_id', 'text', (column) => column.references('pros.id').onDelete('set null'))
    .execute();
  await db.schema
    .createIndex('turn_service_lines_pro_date')
    .on('turn_service_lines')
    .columns(['assigned_pro_id', 'scheduled_date'])
    .execute();
  await db.schema
    .alterTable('pros')
    .addColumn('daily_capacity', 'integer', (column) => column.notNull().defaultTo(4))
    .execute();
}
