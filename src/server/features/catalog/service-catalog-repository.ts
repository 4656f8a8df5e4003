import type { Db, Trx } from '../../db/database.ts';
import type { ServicesTable } from '../../db/schema/catalog.ts';

export function listVendorServices(db: Db | Trx, options: { includeInactive: boolean }) {
  let query = db.selectFrom('services').selectAll().where('accountId', 'is', null);
  if (!options.includeInactive) query = query.where('active', '=', 1);
  return query.orderBy('defaultDayOffset', 'desc').orderBy('name').execute();
}

export function findService(db: Db | Trx, serviceId: string) {
  return db.selectFrom('services').selectAll().where('id', '=', serviceId).executeTakeFirst();
}

export function findServiceByCode(db: Db | Trx, code: string) {
  return db.selectFrom('services').select('id').where('code', '=', code).executeTakeFirst();
}

export function insertService(db: Db | Trx, service: ServicesTable) {
  return db.insertInto('services').values(service).execute();
}

export function updateService(db: Db | Trx, serviceId: string, changes: Partial<ServicesTable>) {
  return db.updateTable('services').set(changes).where('id', '=', serviceId).execute();
}

/**
 * The active services an account can order (the vendor catalog plus its own custom services) with
 * the account's saved position; services never placed come last in schedule order.
 */
export async function listAccountServices(db: Db | Trx, accountId: string) {
  const rows = await db
    .selectFrom('services')
    .leftJoin('accountServicePositions', (join) =>
      join
        .onRef('accountServicePositions.serviceId', '=', 'services.id')
        .on('accountServicePositions.accountId', '=', accountId),
    )
    .selectAll('services')
    .select('accountServicePositions.position')
    .where('services.active', '=', 1)
    .where((eb) => eb.or([eb('services.accountId', 'is', null), eb('services.accountId', '=', accountId)]))
    .execute();
  return rows.sort((left, right) => {
    if (left.position !== null && right.position !== null) return left.position - right.position;
    if (left.position !== null) return -1;
    if (right.position !== null) return 1;
    return right.defaultDayOffset - left.defaultDayOffset || left.name.localeCompare(right.name);
  });
}

export async function replaceAccountServiceOrder(trx: Trx, accountId: string, serviceIds: string[]) {
  await trx.deleteFrom('accountServicePositions').where('accountId', '=', accountId).execute();
  if (serviceIds.length === 0) return;
  await trx
    .insertInto('accountServicePositions')
    .values(serviceIds.map((serviceId, position) => ({ accountId, serviceId, position })))
    .execute();
}
