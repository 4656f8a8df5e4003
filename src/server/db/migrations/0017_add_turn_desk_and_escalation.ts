import { sql, type Kysely } from 'kysely';

// The staff turns desk (acknowledging new and changed turns), the PO reminder, and add-on escalation:
// the windows per account, when each step ran, and the single-use approval links texted to the backup phone.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('turns').addColumn('acknowledged_at', 'text').execute();
  await db.schema.alterTable('turns').addColumn('acknowledged_by_staff_id', 'text').execute();
  await db.schema.alterTable('turns').addColumn('po_reminded_at', 'text').execute();
  // Turns ordered before the desk existed were handled already; only new ones land in the inbox.
  await sql`update turns set acknowledged_at = created_at`.execute(db);
  await db.schema.createIndex('turns_desk_created').on('turns').columns(['created_at', 'id']).execute();
  await sql`create index turns_desk_inbox on turns (created_at, id) where acknowledged_at is null`.execute(db);

  await db.schema.alterTable('turn_add_ons').addColumn('escalated_at', 'text').execute();
  await db.schema.alterTable('turn_add_ons').addColumn('staff_alerted_at', 'text').execute();
  await sql`create index turn_add_ons_waiting on turn_add_ons (requested_at) where status = 'pending'`.execute(db);

  await db.schema
    .alterTable('service_profiles')
    .addColumn('addon_escalation_minutes', 'integer', (column) => column.notNull().defaultTo(60))
    .execute();
  await db.schema
    .alterTable('service_profiles')
    .addColumn('po_reminder_days', 'integer', (column) => column.notNull().defaultTo(3))
    .execute();

  await db.schema
    .createTable('add_on_approval_links')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('token_hash', 'text', (column) => column.notNull().unique())
    .addColumn('add_on_id', 'text', (column) => column.notNull().references('turn_add_ons.id').onDelete('cascade'))
    .addColumn('phone', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('expires_at', 'text', (column) => column.notNull())
    .addColumn('opened_at', 'text')
    .addColumn('consumed_at', 'text')
    .execute();
  await db.schema.createIndex('add_on_approval_links_add_on').on('add_on_approval_links').column('add_on_id').execute();
}
