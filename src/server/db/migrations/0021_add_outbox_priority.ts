import type { Kysely } from 'kysely';

// Access messages (sign-in links, resets, invitations) are claimed before bulk mail: their links expire.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('outbox_messages')
    .addColumn('priority', 'integer', (column) => column.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('outbox_messages_claim')
    .on('outbox_messages')
    .columns(['status', 'channel', 'priority', 'next_attempt_at'])
    .execute();
}
