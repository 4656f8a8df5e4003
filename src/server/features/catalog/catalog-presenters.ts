import type { FloorplansTable, ProsTable, ServicesTable, UnitsTable } from '../../db/schema/catalog.ts';
import type { Floorplan, Pro, Service, Unit } from '../../../shared/catalog-contracts.ts';
import { tenthsToBathrooms } from './catalog-rules.ts';

export function presentService(service: ServicesTable): Service {
  return {
    id: service.id,
    accountId: service.accountId,
    name: service.name,
    code: service.code,
    providerCategory: service.providerCategory,
    kind: service.kind,
    defaultDayOffset: service.defaultDayOffset,
    active: service.active === 1,
    parentServiceId: service.parentServiceId ?? null,
  };
}

export function presentFloorplan(
  floorplan: FloorplansTable & { standardPriceCount?: number; addOnPriceCount?: number; unitCount?: number },
): Floorplan {
  return {
    id: floorplan.id,
    accountId: floorplan.accountId,
    name: floorplan.name,
    bedrooms: floorplan.bedrooms,
    bathrooms: tenthsToBathrooms(floorplan.bathroomsTenths),
    squareFeet: floorplan.squareFeet,
    standardPriceCount: floorplan.standardPriceCount ?? 0,
    addOnPriceCount: floorplan.addOnPriceCount ?? 0,
    unitCount: floorplan.unitCount ?? 0,
    version: floorplan.version ?? 1,
  };
}

export function presentUnit(unit: UnitsTable & { floorplanName?: string | null }): Unit {
  return {
    id: unit.id,
    accountId: unit.accountId,
    number: unit.number,
    floorplanId: unit.floorplanId,
    floorplanName: unit.floorplanName ?? null,
    notes: unit.notes,
    version: unit.version ?? 1,
  };
}

export function presentPro(pro: ProsTable & { serviceIds: string[] }): Pro {
  return {
    id: pro.id,
    name: pro.name,
    phone: pro.phone,
    email: pro.email,
    active: pro.active === 1,
    dailyCapacity: pro.dailyCapacity,
    serviceIds: pro.serviceIds,
    version: pro.version ?? 1,
  };
}
