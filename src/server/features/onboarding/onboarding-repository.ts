import type { Db, Trx } from '../../db/database.ts';

export function listAnswers(db: Db | Trx, accountId: string) {
  return db
    .selectFrom('onboardingAnswers')
    .leftJoin('staffMembers', 'staffMembers.id', 'onboardingAnswers.answeredByStaffId')
    .selectAll('onboardingAnswers')
    .select('staffMembers.name as answeredByName')
    .where('onboardingAnswers.accountId', '=', accountId)
    .execute();
}

export function findAnswer(db: Db | Trx, accountId: string, questionKey: string) {
  return db
    .selectFrom('onboardingAnswers')
    .leftJoin('staffMembers', 'staffMembers.id', 'onboardingAnswers.answeredByStaffId')
    .selectAll('onboardingAnswers')
    .select('staffMembers.name as answeredByName')
    .where('onboardingAnswers.accountId', '=', accountId)
    .where('onboardingAnswers.questionKey', '=', questionKey)
    .executeTakeFirst();
}

/**
 * Writes the answer only if it is still at `expectedVersion` (0: not yet answered); false when another save
 * got there first. The conditional write is the lock: of two concurrent saves from one version, one wins.
 */
export async function claimAnswer(
  trx: Trx,
  row: {
    accountId: string;
    questionKey: string;
    valueJson: string | null;
    answeredByStaffId: string;
    answeredAt: string;
  },
  expectedVersion: number,
): Promise<boolean> {
  if (expectedVersion === 0) {
    const inserted = await trx
      .insertInto('onboardingAnswers')
      .values({ ...row, version: 1 })
      .onConflict((conflict) => conflict.columns(['accountId', 'questionKey']).doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
  }
  const updated = await trx
    .updateTable('onboardingAnswers')
    .set({
      valueJson: row.valueJson,
      answeredByStaffId: row.answeredByStaffId,
      answeredAt: row.answeredAt,
      version: expectedVersion + 1,
    })
    .where('accountId', '=', row.accountId)
    .where('questionKey', '=', row.questionKey)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}
