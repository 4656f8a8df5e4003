import type { Clock } from '../clock.ts';
import type { Db, Trx } from '../db/database.ts';
import type { ProviderCategory, ServiceKind } from '../db/schema/catalog.ts';
import { newId } from '../ids.ts';

// Code, name, provider, kind, days before move-in, master price (cents), at typical US make-ready prices.
const SERVICES: Array<[string, string, ProviderCategory, ServiceKind, number, number]> = [
  ['PAINT_TOUCH', 'Touch-up paint', 'rent_ready', 'standard', 5, 15000],
  ['PAINT_FULL', 'Full paint', 'rent_ready', 'standard', 5, 65000],
  ['REPAIRS', 'Repairs and punch', 'in_house', 'standard', 4, 0],
  ['RESURFACE', 'Tub and counter resurfacing', 'other_vendor', 'standard', 4, 0],
  ['CARPET_CLEAN', 'Carpet cleaning', 'rent_ready', 'standard', 2, 12000],
  ['CLEAN', 'Clean', 'rent_ready', 'standard', 2, 18000],
  ['FINAL_WALK', 'Final walk', 'in_house', 'standard', 1, 0],
  ['PRIMER', 'Primer coat', 'rent_ready', 'add_on', 5, 7500],
  ['EXTRA_COAT', 'Extra paint coat', 'rent_ready', 'add_on', 5, 9500],
  ['HEAVY_SHAMPOO', 'Heavy shampoo', 'rent_ready', 'add_on', 2, 6500],
  ['ODOR_ENZYME', 'Odor enzyme treatment', 'rent_ready', 'add_on', 2, 4500],
  ['APPLIANCE_DEEP', 'Appliance deep clean', 'rent_ready', 'add_on', 2, 6500],
];

// Add-ons offered only with one service; the others go with any.
const ADD_ON_PARENTS: Array<[string, string]> = [
  ['HEAVY_SHAMPOO', 'CARPET_CLEAN'],
  ['APPLIANCE_DEEP', 'CLEAN'],
];

// Name, bedrooms, bathrooms in tenths, square feet, price factor against the master price.
const FLOORPLANS: Array<[string, number, number, number, number]> = [
  ['Studio', 0, 10, 520, 0.8],
  ['1 bed / 1 bath', 1, 10, 720, 1],
  ['2 bed / 2 bath', 2, 20, 1050, 1.35],
  ['3 bed / 2 bath', 3, 20, 1280, 1.6],
];

const PROS: Array<[string, string, string, string[]]> = [
  ['Ana Ruiz', '+15125550101', 'ana.ruiz@pros.portico.test', ['PAINT_TOUCH', 'PAINT_FULL', 'PRIMER', 'EXTRA_COAT']],
  ['Marcus Bell', '+15125550102', 'marcus.bell@pros.portico.test', ['PAINT_TOUCH', 'PAINT_FULL', 'EXTRA_COAT']],
  ['Lin Zhao', '+12145550103', 'lin.zhao@pros.portico.test', ['CLEAN', 'APPLIANCE_DEEP', 'ODOR_ENZYME']],
  ['Rosa Medina', '+12145550104', 'rosa.medina@pros.portico.test', ['CLEAN', 'CARPET_CLEAN', 'HEAVY_SHAMPOO']],
  ['Tom Becker', '+14695550105', 'tom.becker@pros.portico.test', ['CARPET_CLEAN', 'HEAVY_SHAMPOO', 'ODOR_ENZYME']],
  ['Kofi Mensah', '+17135550106', 'kofi.mensah@pros.portico.test', ['PAINT_TOUCH', 'CLEAN']],
];

// Preferred and secondary pro per service at every current property.
const PREFERENCES: Array<[string, string, string]> = [
  ['PAINT_TOUCH', 'Ana Ruiz', 'Marcus Bell'],
  ['PAINT_FULL', 'Marcus Bell', 'Ana Ruiz'],
  ['CLEAN', 'Lin Zhao', 'Rosa Medina'],
  ['CARPET_CLEAN', 'Rosa Medina', 'Tom Becker'],
];

/**
 * The vendor catalog, master prices, pros, and per property: floorplans with pricelists, units, a
 * pricing configuration, a service profile and pro preferences. The prospect is left half set up, so
 * the setup status has something to show.
 */
export async function seedDemoCatalog(db: Db, clock: Clock): Promise<void> {
  const now = clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    const serviceIds = new Map<string, string>();
    for (const [code, name, providerCategory, kind, defaultDayOffset, priceCents] of SERVICES) {
      const id = newId();
      serviceIds.set(code, id);
      await trx
        .insertInto('services')
        .values({
          id,
          accountId: null,
          name,
          code,
          providerCategory,
          kind,
          defaultDayOffset,
          active: 1,
          createdAt: now,
          updatedAt: now,
        })
        .execute();
      // In-house and other-vendor work is not billed by us, so it has no master price.
      if (priceCents > 0)
        await trx.insertInto('masterPrices').values({ serviceId: id, priceCents, updatedAt: now }).execute();
    }
    for (const [addOn, parent] of ADD_ON_PARENTS)
      await trx
        .updateTable('services')
        .set({ parentServiceId: serviceIds.get(parent)! })
        .where('id', '=', serviceIds.get(addOn)!)
        .execute();
    const proIds = new Map<string, string>();
    for (const [name, phone, email, skills] of PROS) {
      const id = newId();
      proIds.set(name, id);
      await trx
        .insertInto('pros')
        .values({ id, name, phone, email, active: 1, dailyCapacity: 4, createdAt: now, updatedAt: now })
        .execute();
      await trx
        .insertInto('proServices')
        .values(skills.map((code) => ({ proId: id, serviceId: serviceIds.get(code)! })))
        .execute();
    }

    const properties = await trx
      .selectFrom('accounts')
      .select(['id', 'name', 'status', 'accountNumber'])
      .where('kind', '=', 'property')
      .orderBy('accountNumber')
      .execute();
    for (const [index, property] of properties.entries()) {
      await seedProperty(trx, now, property, index, serviceIds, proIds);
    }
  });
}

async function seedProperty(
  trx: Trx,
  now: string,
  property: { id: string; name: string; status: string },
  index: number,
  serviceIds: Map<string, string>,
  proIds: Map<string, string>,
) {
  const isProspect = property.status !== 'current';
  const floorplans = FLOORPLANS.slice(index % 2, (index % 2) + 3);
  const floorplanIds: string[] = [];
  for (const [name, bedrooms, bathroomsTenths, squareFeet, factor] of floorplans) {
    const id = newId();
    floorplanIds.push(id);
    await trx
      .insertInto('floorplans')
      .values({
        id,
        accountId: property.id,
        name,
        bedrooms,
        bathroomsTenths,
        squareFeet,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    if (isProspect) continue;
    const prices = SERVICES.filter(([, , providerCategory]) => providerCategory === 'rent_ready').map(
      ([code, , , , , master]) => ({
        floorplanId: id,
        serviceId: serviceIds.get(code)!,
        priceCents: Math.round((master * factor) / 500) * 500,
      }),
    );
    await trx.insertInto('floorplanPrices').values(prices).execute();
  }

  const floors = 2 + (index % 3);
  const units = [];
  for (let floor = 1; floor <= floors; floor++) {
    for (let door = 1; door <= 8; door++) {
      units.push({
        id: newId(),
        accountId: property.id,
        number: `${floor}${String(door).padStart(2, '0')}`,
        floorplanId: floorplanIds[(door - 1) % floorplanIds.length]!,
        notes: null,
        createdAt: now,
        updatedAt: now,
      });
    }
  }
  await trx.insertInto('units').values(units).execute();
  if (isProspect) return;

  await trx
    .insertInto('accountPricingConfigs')
    .values({
      accountId: property.id,
      pricelist: index === 0 ? 'account' : 'master',
      notes: index === 0 ? 'Negotiated clean price for 2026.' : null,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  if (index === 0)
    await trx
      .insertInto('accountPriceOverrides')
      .values({ accountId: property.id, serviceId: serviceIds.get('CLEAN')!, priceCents: 16500 })
      .execute();

  const approver = await trx
    .selectFrom('accountContacts')
    .select('contactId')
    .where('accountId', '=', property.id)
    .orderBy('createdAt')
    .executeTakeFirst();
  await trx
    .insertInto('serviceProfiles')
    .values({
      accountId: property.id,
      turnProfileAllServices: 1,
      addonApprovalMethod: index % 2 === 0 ? 'customer_approves' : 'auto_approve_under_limit',
      addonAutoApproveLimitCents: index % 2 === 0 ? null : 10000,
      backupNotificationPhone: `+1512555${String(200 + index).padStart(4, '0')}`,
      mainApproverContactId: approver?.contactId ?? null,
      addonPhotosRequired: 0,
      proRequestsDirect: 1,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  await trx
    .insertInto('proPreferences')
    .values(
      PREFERENCES.map(([code, preferred, secondary]) => ({
        accountId: property.id,
        serviceId: serviceIds.get(code)!,
        preferredProId: proIds.get(preferred)!,
        secondaryProId: proIds.get(secondary)!,
      })),
    )
    .execute();

  if (index === 0) {
    const id = newId();
    await trx
      .insertInto('services')
      .values({
        id,
        accountId: property.id,
        name: 'Balcony pressure wash',
        code: 'HPL_BALCONY',
        providerCategory: 'other_vendor',
        kind: 'add_on',
        defaultDayOffset: 3,
        active: 1,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
  }
}
