import { type Kysely, sql } from 'kysely';

// The retention purge deletes by age in small batches; without these each batch would scan its table.
// The desk's move-in order (every account, or the inbox) read every turn and sorted them (EXPLAIN at 1M).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('sessions_expires').on('sessions').column('expires_at').execute();
  await db.schema.createIndex('login_throttles_last_failure').on('login_throttles').column('last_failure_at').execute();
  await db.schema.createIndex('access_tokens_expires').on('access_tokens').column('expires_at').execute();
  await db.schema.createIndex('pro_access_tokens_expires').on('pro_access_tokens').column('expires_at').execute();
  await db.schema
    .createIndex('add_on_approval_links_expires')
    .on('add_on_approval_links')
    .column('expires_at')
    .execute();
  await db.schema
    .createIndex('outbox_messages_finished')
    .on('outbox_messages')
    .columns(['status', 'updated_at'])
    .execute();
  await db.schema.createIndex('audit_events_occurred').on('audit_events').column('occurred_at').execute();
  await sql`create index turns_desk_move_in on turns (coalesce(move_in_date, '9999-12-31'), id)`.execute(db);
  await sql`create index turns_desk_inbox_move_in on turns (coalesce(move_in_date, '9999-12-31'), id) where acknowledged_at is null`.execute(
    db,
  );
}
