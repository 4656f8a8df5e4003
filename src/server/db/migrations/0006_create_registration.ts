import type { Kysely } from 'kysely';

// Fixed ids for the default steps, so every installation starts with the same three rows.
const DEFAULT_STEPS = [
  { id: '01930000-0000-7000-8000-000000000001', position: 1, name: 'Match to account', action: 'none' },
  { id: '01930000-0000-7000-8000-000000000002', position: 2, name: 'Send portal key', action: 'send_portal_key' },
  { id: '01930000-0000-7000-8000-000000000003', position: 3, name: 'Closed', action: 'close' },
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('registration_settings')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('self_registration_enabled', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('reply_staff_role', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();

  await db.schema
    .createTable('registration_steps')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('position', 'integer', (column) => column.notNull())
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('action', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .execute();

  await db.schema
    .createTable('registration_requests')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('first_name', 'text', (column) => column.notNull())
    .addColumn('last_name', 'text', (column) => column.notNull())
    .addColumn('email', 'text', (column) => column.notNull())
    .addColumn('email_normalized', 'text', (column) => column.notNull())
    .addColumn('phone', 'text')
    .addColumn('address', 'text')
    .addColumn('property_name', 'text')
    .addColumn('submitted_account_number', 'text')
    .addColumn('state', 'text', (column) => column.notNull())
    .addColumn('close_reason', 'text')
    .addColumn('account_id', 'text', (column) => column.references('accounts.id').onDelete('set null'))
    .addColumn('contact_id', 'text', (column) => column.references('contacts.id').onDelete('set null'))
    .addColumn('current_step_id', 'text', (column) => column.references('registration_steps.id').onDelete('set null'))
    .addColumn('assigned_staff_id', 'text', (column) => column.references('staff_members.id'))
    .addColumn('ip_address', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .addColumn('matched_at', 'text')
    .addColumn('portal_key_sent_at', 'text')
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema
    .createIndex('registration_requests_state')
    .on('registration_requests')
    .columns(['state', 'created_at'])
    .execute();
  await db.schema
    .createIndex('registration_requests_email')
    .on('registration_requests')
    .column('email_normalized')
    .execute();

  await db.schema
    .createTable('registration_request_events')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('request_id', 'text', (column) =>
      column.notNull().references('registration_requests.id').onDelete('cascade'),
    )
    .addColumn('occurred_at', 'text', (column) => column.notNull())
    .addColumn('actor_kind', 'text', (column) => column.notNull())
    .addColumn('actor_staff_id', 'text', (column) => column.references('staff_members.id'))
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('detail', 'text')
    .execute();
  await db.schema
    .createIndex('registration_request_events_request')
    .on('registration_request_events')
    .columns(['request_id', 'occurred_at'])
    .execute();

  const now = new Date().toISOString();
  await db
    .insertInto('registration_settings')
    .values({ id: 'default', self_registration_enabled: 0, reply_staff_role: 'support', updated_at: now })
    .execute();
  await db
    .insertInto('registration_steps')
    .values(DEFAULT_STEPS.map((step) => ({ ...step, created_at: now })))
    .execute();
}
