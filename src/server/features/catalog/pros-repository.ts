import type { Db, Trx } from '../../db/database.ts';
import type { ProPreferencesTable, ProsTable } from '../../db/schema/catalog.ts';

export async function listPros(db: Db | Trx) {
  const pros = await db.selectFrom('pros').selectAll().orderBy('name').execute();
  const skills = await db.selectFrom('proServices').select(['proId', 'serviceId']).execute();
  return pros.map((pro) => ({
    ...pro,
    serviceIds: skills.filter((skill) => skill.proId === pro.id).map((skill) => skill.serviceId),
  }));
}

export async function findPro(db: Db | Trx, proId: string) {
  const pro = await db.selectFrom('pros').selectAll().where('id', '=', proId).executeTakeFirst();
  if (!pro) return undefined;
  const skills = await db.selectFrom('proServices').select('serviceId').where('proId', '=', proId).execute();
  return { ...pro, serviceIds: skills.map((skill) => skill.serviceId) };
}

/** The pro a sign-in link may go to: matched on the E.164 phone or, case-insensitively, the email. */
export function findProByAddress(db: Db | Trx, address: { phone: string } | { email: string }) {
  const query = db.selectFrom('pros').selectAll();
  return (
    'phone' in address
      ? query.where('phone', '=', address.phone)
      : query.where((eb) => eb(eb.fn('lower', ['email']), '=', address.email.trim().toLowerCase()))
  )
    .orderBy('createdAt')
    .executeTakeFirst();
}

export async function savePro(trx: Trx, pro: ProsTable, serviceIds: string[]) {
  const { id, createdAt: _createdAt, ...changes } = pro;
  await trx
    .insertInto('pros')
    .values(pro)
    .onConflict((conflict) =>
      conflict.column('id').doUpdateSet((eb) => ({ ...changes, version: eb('pros.version', '+', 1) })),
    )
    .execute();
  await trx.deleteFrom('proServices').where('proId', '=', id).execute();
  if (serviceIds.length)
    await trx
      .insertInto('proServices')
      .values(serviceIds.map((serviceId) => ({ proId: id, serviceId })))
      .execute();
}

export function deletePro(db: Db | Trx, proId: string) {
  return db.deleteFrom('pros').where('id', '=', proId).execute();
}

export function findProIds(db: Db | Trx, proIds: string[]) {
  if (proIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('pros').select(['id', 'active']).where('id', 'in', proIds).execute();
}

export function listProPreferences(db: Db | Trx, accountId: string) {
  return db
    .selectFrom('proPreferences')
    .select(['serviceId', 'preferredProId', 'secondaryProId'])
    .where('accountId', '=', accountId)
    .execute();
}

export async function replaceProPreferences(
  trx: Trx,
  accountId: string,
  preferences: Omit<ProPreferencesTable, 'accountId'>[],
) {
  await trx.deleteFrom('proPreferences').where('accountId', '=', accountId).execute();
  if (preferences.length)
    await trx
      .insertInto('proPreferences')
      .values(preferences.map((preference) => ({ ...preference, accountId })))
      .execute();
}

/** Preferences that name the pro, for the audit record of a deletion. */
export function listPreferencesOfPro(db: Db | Trx, proId: string) {
  return db
    .selectFrom('proPreferences')
    .selectAll()
    .where((eb) => eb.or([eb('preferredProId', '=', proId), eb('secondaryProId', '=', proId)]))
    .execute();
}

/** Which of these accounts have at least one pro preference. */
export function listPreferencedAccountIds(db: Db | Trx, accountIds: string[]) {
  if (accountIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('proPreferences')
    .select('accountId')
    .distinct()
    .where('accountId', 'in', accountIds)
    .execute()
    .then((rows) => rows.map((row) => row.accountId));
}
