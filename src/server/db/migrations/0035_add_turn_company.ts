import { sql, type Kysely } from 'kysely';

// A management company's turns list (staff Turns tab, the desk's company filter) reads the turns of
// all its properties in board order. Through accounts that is one index range per property, merged by
// a sort of every open and recent turn (20 ms at 1M turns); with the company on the turn it is one
// index range per status, read only as far as the page goes.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('turns').addColumn('company_id', 'text').execute();
  await sql`update turns set company_id = (select parent_account_id from accounts where accounts.id = turns.account_id)`.execute(
    db,
  );
  await sql`create index turns_company_board on turns (company_id, status, (coalesce(move_in_date, '9999-12-31')), move_out_date, id)`.execute(
    db,
  );
}
