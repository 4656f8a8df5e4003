import { sql, type Kysely } from 'kysely';

// No two open turns for the same unit and move-out date, whatever the application checks first:
// a double-click or two tabs ordering at once meet this index. Unit numbers compare case-insensitively.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create unique index turns_open_unit_move_out on turns (account_id, lower(unit_number), move_out_date) where canceled_at is null`.execute(
    db,
  );
}
