import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Rendered copies exist only for captured messages (no SMTP/SMS configured): the console is the mailbox.
  await db.schema.alterTable('outbox_messages').addColumn('rendered_subject', 'text').execute();
  await db.schema.alterTable('outbox_messages').addColumn('rendered_text', 'text').execute();
  await db.schema.alterTable('outbox_messages').addColumn('rendered_html', 'text').execute();
  await db.schema
    .alterTable('outbox_messages')
    .addColumn('captured', 'integer', (column) => column.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('message_templates')
    .addColumn('kind', 'text', (column) => column.primaryKey())
    .addColumn('subject', 'text', (column) => column.notNull())
    .addColumn('html', 'text', (column) => column.notNull())
    .addColumn('text', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .addColumn('updated_by_staff_id', 'text')
    .execute();

  await db.schema
    .createTable('notification_settings')
    .addColumn('kind', 'text', (column) => column.primaryKey())
    .addColumn('enabled', 'integer', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .addColumn('updated_by_staff_id', 'text')
    .execute();
}
