import type { Db, Trx } from '../../db/database.ts';
import type { UnitsTable } from '../../db/schema/catalog.ts';

export function listUnits(db: Db | Trx, accountId: string) {
  return (
    db
      .selectFrom('units')
      .leftJoin('floorplans', 'floorplans.id', 'units.floorplanId')
      .selectAll('units')
      .select('floorplans.name as floorplanName')
      .where('units.accountId', '=', accountId)
      .execute()
      // Natural order: 2 before 10, 101A after 101.
      .then((rows) => rows.sort((left, right) => left.number.localeCompare(right.number, 'en', { numeric: true })))
  );
}

export function findUnit(db: Db | Trx, unitId: string) {
  return db
    .selectFrom('units')
    .leftJoin('floorplans', 'floorplans.id', 'units.floorplanId')
    .selectAll('units')
    .select('floorplans.name as floorplanName')
    .where('units.id', '=', unitId)
    .executeTakeFirst();
}

export function findUnitNumbers(db: Db | Trx, accountId: string, numbers: string[]) {
  return db
    .selectFrom('units')
    .select(['id', 'number'])
    .where('accountId', '=', accountId)
    .where('number', 'in', numbers)
    .execute();
}

export function insertUnits(db: Db | Trx, units: UnitsTable[]) {
  return db.insertInto('units').values(units).execute();
}

export function updateUnit(db: Db | Trx, unitId: string, changes: Partial<UnitsTable>) {
  return db
    .updateTable('units')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('id', '=', unitId)
    .execute();
}

export function deleteUnit(db: Db | Trx, unitId: string) {
  return db.deleteFrom('units').where('id', '=', unitId).execute();
}
