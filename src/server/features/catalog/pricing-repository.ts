import type { Db, Trx } from '../../db/database.ts';
import type { AccountPricingConfigsTable, FloorplansTable } from '../../db/schema/catalog.ts';

type Price = { serviceId: string; priceCents: number };

export function listMasterPrices(db: Db | Trx) {
  return db.selectFrom('masterPrices').selectAll().execute();
}

/** The one row of `master_pricelists`: the master prices' version. */
export const MASTER_PRICELIST_ID = 'vendor';

export async function replaceMasterPrices(trx: Trx, serviceIds: string[], prices: Price[], now: string) {
  await trx
    .updateTable('masterPricelists')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', MASTER_PRICELIST_ID)
    .execute();
  if (serviceIds.length) await trx.deleteFrom('masterPrices').where('serviceId', 'in', serviceIds).execute();
  if (prices.length)
    await trx
      .insertInto('masterPrices')
      .values(prices.map((price) => ({ ...price, updatedAt: now })))
      .execute();
}

export async function findMasterPricelistVersion(db: Db | Trx): Promise<number> {
  const row = await db
    .selectFrom('masterPricelists')
    .select('version')
    .where('id', '=', MASTER_PRICELIST_ID)
    .executeTakeFirst();
  return row?.version ?? 1;
}

export function findPricingConfig(db: Db | Trx, accountId: string) {
  return db.selectFrom('accountPricingConfigs').selectAll().where('accountId', '=', accountId).executeTakeFirst();
}

export function listPriceOverrides(db: Db | Trx, accountId: string) {
  return db
    .selectFrom('accountPriceOverrides')
    .select(['serviceId', 'priceCents'])
    .where('accountId', '=', accountId)
    .execute();
}

export async function savePricingConfig(trx: Trx, config: AccountPricingConfigsTable, overrides: Price[]) {
  const { accountId, createdAt: _createdAt, ...changes } = config;
  await trx
    .insertInto('accountPricingConfigs')
    .values(config)
    .onConflict((conflict) =>
      conflict
        .column('accountId')
        .doUpdateSet((eb) => ({ ...changes, version: eb('accountPricingConfigs.version', '+', 1) })),
    )
    .execute();
  await trx.deleteFrom('accountPriceOverrides').where('accountId', '=', accountId).execute();
  if (overrides.length)
    await trx
      .insertInto('accountPriceOverrides')
      .values(overrides.map((price) => ({ ...price, accountId })))
      .execute();
}

export function findFloorplan(db: Db | Trx, floorplanId: string) {
  return db.selectFrom('floorplans').selectAll().where('id', '=', floorplanId).executeTakeFirst();
}

export function findFloorplanByName(db: Db | Trx, accountId: string, name: string) {
  return db
    .selectFrom('floorplans')
    .select('id')
    .where('accountId', '=', accountId)
    .where('name', '=', name)
    .executeTakeFirst();
}

export function insertFloorplan(db: Db | Trx, floorplan: FloorplansTable) {
  return db.insertInto('floorplans').values(floorplan).execute();
}

export function updateFloorplan(db: Db | Trx, floorplanId: string, changes: Partial<FloorplansTable>) {
  return db
    .updateTable('floorplans')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('id', '=', floorplanId)
    .execute();
}

export function deleteFloorplan(db: Db | Trx, floorplanId: string) {
  return db.deleteFrom('floorplans').where('id', '=', floorplanId).execute();
}

/** Floorplans of the given properties with how many standard and add-on prices and units each has. */
export async function listFloorplansWithCounts(db: Db | Trx, accountIds: string[]) {
  if (accountIds.length === 0) return [];
  const floorplans = await db
    .selectFrom('floorplans')
    .selectAll()
    .where('accountId', 'in', accountIds)
    .orderBy('bedrooms')
    .orderBy('bathroomsTenths')
    .orderBy('name')
    .execute();
  if (floorplans.length === 0) return [];
  const ids = floorplans.map((floorplan) => floorplan.id);
  const priceCounts = await db
    .selectFrom('floorplanPrices')
    .innerJoin('services', 'services.id', 'floorplanPrices.serviceId')
    .select(['floorplanPrices.floorplanId', 'services.kind', (eb) => eb.fn.countAll<string | number>().as('count')])
    .where('floorplanPrices.floorplanId', 'in', ids)
    .groupBy(['floorplanPrices.floorplanId', 'services.kind'])
    .execute();
  const unitCounts = await db
    .selectFrom('units')
    .select(['floorplanId', (eb) => eb.fn.countAll<string | number>().as('count')])
    .where('floorplanId', 'in', ids)
    .groupBy('floorplanId')
    .execute();
  return floorplans.map((floorplan) => ({
    ...floorplan,
    standardPriceCount: Number(
      priceCounts.find((row) => row.floorplanId === floorplan.id && row.kind === 'standard')?.count ?? 0,
    ),
    addOnPriceCount: Number(
      priceCounts.find((row) => row.floorplanId === floorplan.id && row.kind === 'add_on')?.count ?? 0,
    ),
    unitCount: Number(unitCounts.find((row) => row.floorplanId === floorplan.id)?.count ?? 0),
  }));
}

export function listFloorplanPrices(db: Db | Trx, floorplanId: string) {
  return db
    .selectFrom('floorplanPrices')
    .select(['serviceId', 'priceCents'])
    .where('floorplanId', '=', floorplanId)
    .execute();
}

export async function replaceFloorplanPrices(trx: Trx, floorplanId: string, prices: Price[]) {
  await trx.deleteFrom('floorplanPrices').where('floorplanId', '=', floorplanId).execute();
  await trx
    .updateTable('floorplans')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', floorplanId)
    .execute();
  if (prices.length)
    await trx
      .insertInto('floorplanPrices')
      .values(prices.map((price) => ({ ...price, floorplanId })))
      .execute();
}

export async function countUnitsOfFloorplan(db: Db | Trx, floorplanId: string): Promise<number> {
  const row = await db
    .selectFrom('units')
    .select((eb) => eb.fn.countAll<string | number>().as('count'))
    .where('floorplanId', '=', floorplanId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
