import type { Db, Trx } from '../../db/database.ts';
import type { ServiceProfilesTable } from '../../db/schema/catalog.ts';

export function findServiceProfile(db: Db | Trx, accountId: string) {
  return db.selectFrom('serviceProfiles').selectAll().where('accountId', '=', accountId).executeTakeFirst();
}

export function listTurnProfileServiceIds(db: Db | Trx, accountId: string) {
  return db
    .selectFrom('turnProfileServices')
    .select('serviceId')
    .where('accountId', '=', accountId)
    .execute()
    .then((rows) => rows.map((row) => row.serviceId));
}

export async function saveServiceProfile(trx: Trx, profile: ServiceProfilesTable, turnProfileServiceIds: string[]) {
  const { accountId, createdAt: _createdAt, ...changes } = profile;
  await trx
    .insertInto('serviceProfiles')
    .values(profile)
    .onConflict((conflict) =>
      conflict
        .column('accountId')
        .doUpdateSet((eb) => ({ ...changes, version: eb('serviceProfiles.version', '+', 1) })),
    )
    .execute();
  await trx.deleteFrom('turnProfileServices').where('accountId', '=', accountId).execute();
  if (turnProfileServiceIds.length) {
    await trx
      .insertInto('turnProfileServices')
      .values(turnProfileServiceIds.map((serviceId) => ({ accountId, serviceId })))
      .execute();
  }
}
