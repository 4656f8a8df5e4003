import type { Db, Trx } from '../../db/database.ts';
import type { AccountBillingProfilesTable } from '../../db/schema/back-office.ts';

export function findBillingProfile(db: Db | Trx, accountId: string) {
  return db.selectFrom('accountBillingProfiles').selectAll().where('accountId', '=', accountId).executeTakeFirst();
}

export async function saveBillingProfile(trx: Trx, profile: AccountBillingProfilesTable) {
  const { accountId, createdAt: _createdAt, ...changes } = profile;
  await trx
    .insertInto('accountBillingProfiles')
    .values(profile)
    .onConflict((conflict) => conflict.column('accountId').doUpdateSet(changes))
    .execute();
}
