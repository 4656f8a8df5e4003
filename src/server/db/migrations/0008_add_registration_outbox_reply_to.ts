import type { Kysely } from 'kysely';

// Replies to a message can go somewhere other than the sender (the portal-key email: a staff role).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox_messages').addColumn('reply_to_json', 'text').execute();
}
