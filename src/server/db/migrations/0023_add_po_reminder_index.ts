import { sql, type Kysely } from 'kysely';

// The PO reminder sweep reads turns whose PO is "I don't know yet" by when they were last reminded (or
// ordered); without this it would scan every turn each run.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index turns_po_waiting on turns (coalesce(po_reminded_at, created_at)) where po_unknown = 1`.execute(
    db,
  );
}
