import type { Kysely } from 'kysely';

// Onboard answers that the product obeys: how each contact is notified, whether a portal user may change
// the schedule, and the account's add-on request policy (photos required, pros asking the customer directly).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('contacts')
    .addColumn('notification_channel', 'text', (column) => column.notNull().defaultTo('email'))
    .execute();
  // Existing portal users keep rescheduling and canceling as they did.
  await db.schema
    .alterTable('contacts')
    .addColumn('may_change_schedule', 'integer', (column) => column.notNull().defaultTo(1))
    .execute();
  await db.schema
    .alterTable('service_profiles')
    .addColumn('addon_photos_required', 'integer', (column) => column.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('service_profiles')
    .addColumn('pro_requests_direct', 'integer', (column) => column.notNull().defaultTo(1))
    .execute();
}
