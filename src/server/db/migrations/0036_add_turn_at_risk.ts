import { sql, type Kysely } from 'kysely';

// The desk's "at risk" filter counted each open turn's open services against its days left on every
// read (1.2 s at 1M turns). The turn now stores the first day it is at risk, kept in step with its
// services and move-in, so the filter walks a small index
// of open turns with a deadline, in the desk's order. The same rule as atRiskFrom in
// desk-rules.ts, filled in here in JavaScript so one statement serves both databases.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('turns').addColumn('at_risk_from', 'text').execute();
  const open = sql`('pending', 'scheduled', 'in_progress')`;
  const { rows } = await sql<{ turnid: string; movein: string; servicesleft: number | string }>`
    select t.id as turnid, t.move_in_date as movein,
      (select count(*) from turn_service_lines l where l.turn_id = t.id and l.status in ${open}) as servicesleft
    from turns t where t.status in ${open} and t.move_in_date is not null`.execute(db);
  const byDay = new Map<string, string[]>();
  for (const row of rows) {
    const left = Number(row.servicesleft);
    if (left === 0) continue;
    const day = new Date(Date.parse(`${row.movein}T00:00:00Z`) + (1 - left) * 86_400_000).toISOString().slice(0, 10);
    byDay.set(day, [...(byDay.get(day) ?? []), row.turnid]);
  }
  for (const [day, ids] of byDay)
    for (let start = 0; start < ids.length; start += 500)
      await db
        .updateTable('turns')
        .set({ at_risk_from: day })
        .where('id', 'in', ids.slice(start, start + 500))
        .execute();
  // Open turns with a deadline, in each desk order: the few at risk come first in either.
  await sql`create index turns_at_risk_created on turns (created_at, id) where at_risk_from is not null`.execute(db);
  await sql`create index turns_at_risk_move_in on turns (coalesce(move_in_date, '9999-12-31'), id) where at_risk_from is not null`.execute(
    db,
  );
}
