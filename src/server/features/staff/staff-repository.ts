import type { Db, Trx } from '../../db/database.ts';
import type { StaffMembersTable } from '../../db/database-schema.ts';

export function findStaffByEmail(db: Db | Trx, email: string) {
  return db.selectFrom('staffMembers').selectAll().where('email', '=', email).executeTakeFirst();
}

export function findStaffById(db: Db | Trx, id: string) {
  return db.selectFrom('staffMembers').selectAll().where('id', '=', id).executeTakeFirst();
}

export function insertStaff(db: Db | Trx, staff: StaffMembersTable) {
  return db.insertInto('staffMembers').values(staff).execute();
}

export function updateStaffPassword(db: Db | Trx, id: string, passwordHash: string, mustChangePassword: 0 | 1) {
  return db.updateTable('staffMembers').set({ passwordHash, mustChangePassword }).where('id', '=', id).execute();
}

export async function countStaff(db: Db): Promise<number> {
  const row = await db
    .selectFrom('staffMembers')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
