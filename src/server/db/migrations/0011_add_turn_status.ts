import { sql, type Kysely } from 'kysely';

/**
 * The turn's derived status, stored so the board, the home counts and the staff lists filter, count
 * and page in the database (computing it from the service lines meant loading every turn). The
 * service keeps it in step with the lines in the same transaction.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('turns')
    .addColumn('status', 'text', (column) => column.notNull().defaultTo('pending'))
    .execute();
  await backfillTurnStatus(db);
  // Board columns and per-status counts: one range per (property, status), in board order (move-in,
  // turns without one last, then move-out and id as the cursor's tie-breakers).
  await sql`create index turns_board on turns (account_id, status, (coalesce(move_in_date, '9999-12-31')), move_out_date, id)`.execute(
    db,
  );
  await db.schema
    .createIndex('turn_add_ons_account_status')
    .on('turn_add_ons')
    .columns(['account_id', 'status'])
    .execute();
}

/** The same rule as deriveTurnStatus, in SQL (both databases). */
export async function backfillTurnStatus(db: Kysely<any>): Promise<void> {
  const live = sql`select 1 from turn_service_lines l where l.turn_id = turns.id and l.status <> 'canceled'`;
  await sql`
    update turns set status = case
      when canceled_at is not null or not exists (${live}) then 'canceled'
      when not exists (${live} and l.status <> 'completed') then 'completed'
      when exists (${live} and l.status in ('in_progress', 'completed')) then 'in_progress'
      when exists (${live} and l.status = 'scheduled') then 'scheduled'
      else 'pending'
    end`.execute(db);
}
