import type { Kysely } from 'kysely';

// Migrations are frozen in time: they take Kysely<any> and never import application code.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('portal_logins')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('contact_id', 'text', (column) =>
      column.notNull().unique().references('contacts.id').onDelete('cascade'),
    )
    .addColumn('username', 'text')
    .addColumn('username_normalized', 'text', (column) => column.unique())
    .addColumn('portal_email', 'text', (column) => column.notNull())
    .addColumn('portal_email_normalized', 'text', (column) => column.notNull().unique())
    .addColumn('password_hash', 'text')
    .addColumn('password_changed_at', 'text')
    .addColumn('security_stamp', 'text', (column) => column.notNull())
    .addColumn('must_change_password', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('temporary_password_expires_at', 'text')
    .addColumn('email_verification_required', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('email_verified_at', 'text')
    .addColumn('enabled', 'integer', (column) => column.notNull().defaultTo(1))
    .addColumn('deactivated_at', 'text')
    .addColumn('last_sign_in_at', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();

  await db.schema
    .createTable('access_tokens')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('purpose', 'text', (column) => column.notNull())
    .addColumn('token_hash', 'text', (column) => column.notNull().unique())
    .addColumn('login_id', 'text', (column) => column.notNull().references('portal_logins.id').onDelete('cascade'))
    .addColumn('contact_id', 'text', (column) => column.notNull())
    .addColumn('created_by_staff_id', 'text')
    .addColumn('security_stamp', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('expires_at', 'text', (column) => column.notNull())
    .addColumn('opened_at', 'text')
    .addColumn('consumed_at', 'text')
    .addColumn('superseded_at', 'text')
    .execute();
  await db.schema.createIndex('access_tokens_login').on('access_tokens').columns(['login_id', 'purpose']).execute();
  await db.schema
    .createIndex('access_tokens_contact')
    .on('access_tokens')
    .columns(['contact_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('access_events')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('contact_id', 'text', (column) => column.notNull())
    .addColumn('login_id', 'text')
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('purpose', 'text')
    .addColumn('access_token_id', 'text')
    .addColumn('actor_kind', 'text', (column) => column.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('ip_address', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('detail', 'text')
    .addColumn('occurred_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('access_events_contact')
    .on('access_events')
    .columns(['contact_id', 'occurred_at'])
    .execute();
}
