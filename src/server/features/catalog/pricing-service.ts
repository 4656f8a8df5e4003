import type { ActorContext } from '../../actor.ts';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import type { AccountPricingConfigsTable, FloorplansTable, PricelistSource } from '../../db/schema/catalog.ts';
import { AppError, notFound } from '../../errors.ts';
import { newId } from '../../ids.ts';
import type { PriceEntry, SetupCheck } from '../../../shared/catalog-contracts.ts';
import { recordAudit, refuseStaleEdit } from '../audit/index.ts';
import { findAccount, findChildPropertyIds } from './catalog-repository.ts';
import { bathroomsToTenths, checkPriceEntries } from './catalog-rules.ts';
import { listAccountServices, listVendorServices } from './service-catalog-repository.ts';
import { findServiceProfile } from './service-profile-repository.ts';
import {
  countUnitsOfFloorplan,
  deleteFloorplan,
  findFloorplan,
  findFloorplanByName,
  findMasterPricelistVersion,
  findPricingConfig,
  insertFloorplan,
  MASTER_PRICELIST_ID,
  listFloorplanPrices,
  listFloorplansWithCounts,
  listMasterPrices,
  listPriceOverrides,
  replaceFloorplanPrices,
  replaceMasterPrices,
  savePricingConfig,
  updateFloorplan,
} from './pricing-repository.ts';

export interface FloorplanInput {
  name: string;
  bedrooms: number;
  bathrooms: number;
  squareFeet: number | null;
}

const byServiceId = (prices: Array<{ serviceId: string; priceCents: number }>) =>
  new Map(prices.map((price) => [price.serviceId, price.priceCents]));

export function createPricingService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  async function requireAccount(accountId: string) {
    const account = await findAccount(db, accountId);
    if (!account) throw notFound('Account');
    return account;
  }

  async function requireProperty(accountId: string) {
    const account = await requireAccount(accountId);
    if (account.kind !== 'property')
      throw new AppError(
        'validation_failed',
        'Floorplans and units belong to a property, not to a management company.',
      );
    return account;
  }

  async function requireFloorplan(floorplanId: string) {
    const floorplan = await findFloorplan(db, floorplanId);
    if (!floorplan) throw notFound('Floorplan');
    return floorplan;
  }

  async function requireFreeName(accountId: string, name: string, exceptId?: string) {
    const existing = await findFloorplanByName(db, accountId, name);
    if (existing && existing.id !== exceptId) {
      throw new AppError('conflict', `This property already has a floorplan named ${name}.`, {
        fields: [{ path: 'name', message: 'Already used at this property' }],
      });
    }
  }

  /** The price an account pays for each service before any floorplan price: its own, else the master. */
  async function accountPricing(accountId: string) {
    const [services, masterPrices, config, overrides] = await Promise.all([
      listAccountServices(db, accountId),
      listMasterPrices(db),
      findPricingConfig(db, accountId),
      listPriceOverrides(db, accountId),
    ]);
    const master = byServiceId(masterPrices);
    const override = byServiceId(overrides);
    const pricelist: PricelistSource = config?.pricelist ?? 'master';
    return {
      accountId,
      exists: Boolean(config),
      pricelist,
      notes: config?.notes ?? null,
      /** 0 until the account's pricing is first saved. */
      version: config ? (config.version ?? 1) : 0,
      items: services.map((service) => {
        const masterPriceCents = master.get(service.id) ?? null;
        const overridePriceCents = override.get(service.id) ?? null;
        return {
          ...service,
          masterPriceCents,
          overridePriceCents,
          effectivePriceCents: (pricelist === 'account' ? overridePriceCents : null) ?? masterPriceCents,
        };
      }),
    };
  }

  async function withCounts(floorplan: FloorplansTable) {
    const rows = await listFloorplansWithCounts(db, [floorplan.accountId]);
    return rows.find((row) => row.id === floorplan.id)!;
  }

  async function floorplanPricelist(floorplanId: string) {
    const floorplan = await requireFloorplan(floorplanId);
    const [pricing, prices, counted] = await Promise.all([
      accountPricing(floorplan.accountId),
      listFloorplanPrices(db, floorplanId),
      withCounts(floorplan),
    ]);
    const own = byServiceId(prices);
    return {
      floorplan: counted,
      items: pricing.items.map(
        ({ masterPriceCents: _master, overridePriceCents: _override, effectivePriceCents, ...service }) => ({
          ...service,
          priceCents: own.get(service.id) ?? null,
          suggestedPriceCents: effectivePriceCents,
        }),
      ),
    };
  }

  return {
    async getMasterPricelist() {
      const [services, prices, version] = await Promise.all([
        listVendorServices(db, { includeInactive: false }),
        listMasterPrices(db),
        findMasterPricelistVersion(db),
      ]);
      const price = byServiceId(prices);
      const updatedAt =
        prices
          .map((row) => row.updatedAt)
          .sort()
          .at(-1) ?? null;
      return {
        items: services.map((service) => ({ ...service, priceCents: price.get(service.id) ?? null })),
        updatedAt,
        version,
      };
    },

    /** Replaces the master prices of every active vendor service with exactly the given list. */
    async setMasterPricelistPrices(prices: PriceEntry[], actor: ActorContext, basedOnVersion?: number) {
      const services = await listVendorServices(db, { includeInactive: false });
      const serviceIds = services.map((service) => service.id);
      checkPriceEntries(prices, new Set(serviceIds));
      await db.transaction().execute(async (trx) => {
        const key = { column: 'id', value: MASTER_PRICELIST_ID } as const;
        await refuseStaleEdit(trx, { table: 'master_pricelists', key, type: 'master_pricelist' }, basedOnVersion);
        const before = (await listMasterPrices(trx))
          .filter((row) => serviceIds.includes(row.serviceId))
          .map(({ serviceId, priceCents }) => ({ serviceId, priceCents }));
        await replaceMasterPrices(trx, serviceIds, prices, clock.now().toISOString());
        await recordAudit(trx, clock, actor, {
          action: 'master_pricelist.prices_set',
          subjectType: 'master_pricelist',
          subjectId: MASTER_PRICELIST_ID,
          before,
          after: prices,
        });
      });
    },

    async getAccountPricing(accountId: string) {
      await requireAccount(accountId);
      return accountPricing(accountId);
    },

    async updateAccountPricing(
      accountId: string,
      input: { pricelist: PricelistSource; notes: string | null; overrides: PriceEntry[] },
      actor: ActorContext,
      basedOnVersion?: number,
    ) {
      await requireAccount(accountId);
      const before = await accountPricing(accountId);
      // Account prices only apply with the account pricelist; with the master one they would be dead data.
      const overrides = input.pricelist === 'account' ? input.overrides : [];
      checkPriceEntries(overrides, new Set(before.items.map((service) => service.id)), 'overrides');
      const now = clock.now().toISOString();
      const config: AccountPricingConfigsTable = {
        accountId,
        pricelist: input.pricelist,
        notes: input.notes,
        createdAt: now,
        updatedAt: now,
      };
      await db.transaction().execute(async (trx) => {
        const key = { column: 'account_id', value: accountId } as const;
        await refuseStaleEdit(trx, { table: 'account_pricing_configs', key, type: 'account_pricing' }, basedOnVersion);
        await savePricingConfig(trx, config, overrides);
        await recordAudit(trx, clock, actor, {
          action: 'account_pricing.updated',
          subjectType: 'account_pricing',
          subjectId: accountId,
          accountId,
          before: before.exists
            ? {
                pricelist: before.pricelist,
                notes: before.notes,
                overrides: before.items
                  .filter((item) => item.overridePriceCents !== null)
                  .map((item) => ({ serviceId: item.id, priceCents: item.overridePriceCents })),
              }
            : null,
          after: { pricelist: input.pricelist, notes: input.notes, overrides },
        });
      });
      return accountPricing(accountId);
    },

    async listFloorplans(accountId: string) {
      await requireAccount(accountId);
      return listFloorplansWithCounts(db, [accountId]);
    },

    async createFloorplan(accountId: string, input: FloorplanInput, actor: ActorContext) {
      await requireProperty(accountId);
      await requireFreeName(accountId, input.name);
      const now = clock.now().toISOString();
      const floorplan: FloorplansTable = {
        id: newId(),
        accountId,
        name: input.name,
        bedrooms: input.bedrooms,
        bathroomsTenths: bathroomsToTenths(input.bathrooms),
        squareFeet: input.squareFeet,
        createdAt: now,
        updatedAt: now,
      };
      await db.transaction().execute(async (trx) => {
        await insertFloorplan(trx, floorplan);
        await recordAudit(trx, clock, actor, {
          action: 'floorplan.created',
          subjectType: 'floorplan',
          subjectId: floorplan.id,
          accountId,
          after: input,
        });
      });
      return floorplan;
    },

    async updateFloorplan(floorplanId: string, input: FloorplanInput, actor: ActorContext, basedOnVersion?: number) {
      const before = await requireFloorplan(floorplanId);
      await requireFreeName(before.accountId, input.name, floorplanId);
      const changes = {
        name: input.name,
        bedrooms: input.bedrooms,
        bathroomsTenths: bathroomsToTenths(input.bathrooms),
        squareFeet: input.squareFeet,
        updatedAt: clock.now().toISOString(),
      };
      await db.transaction().execute(async (trx) => {
        const key = { column: 'id', value: floorplanId } as const;
        await refuseStaleEdit(trx, { table: 'floorplans', key, type: 'floorplan' }, basedOnVersion);
        await updateFloorplan(trx, floorplanId, changes);
        await recordAudit(trx, clock, actor, {
          action: 'floorplan.updated',
          subjectType: 'floorplan',
          subjectId: floorplanId,
          accountId: before.accountId,
          before: {
            name: before.name,
            bedrooms: before.bedrooms,
            bathrooms: before.bathroomsTenths / 10,
            squareFeet: before.squareFeet,
          },
          after: input,
        });
      });
      return withCounts(before);
    },

    /** Refused while units use the floorplan, so no unit silently loses its floorplan. */
    async deleteFloorplan(floorplanId: string, actor: ActorContext) {
      const floorplan = await requireFloorplan(floorplanId);
      const units = await countUnitsOfFloorplan(db, floorplanId);
      if (units > 0)
        throw new AppError(
          'conflict',
          `${units} unit${units === 1 ? ' uses' : 's use'} this floorplan. Give ${units === 1 ? 'it' : 'them'} another floorplan first.`,
        );
      await db.transaction().execute(async (trx) => {
        const prices = await listFloorplanPrices(trx, floorplanId);
        await deleteFloorplan(trx, floorplanId);
        await recordAudit(trx, clock, actor, {
          action: 'floorplan.deleted',
          subjectType: 'floorplan',
          subjectId: floorplanId,
          accountId: floorplan.accountId,
          before: {
            name: floorplan.name,
            bedrooms: floorplan.bedrooms,
            bathrooms: floorplan.bathroomsTenths / 10,
            squareFeet: floorplan.squareFeet,
            prices,
          },
        });
      });
    },

    getFloorplanPrices: floorplanPricelist,

    /** What a turn is ordered at, per service: the floorplan's own price, else the account's (its override or the master price). */
    async getFloorplanOrderPrices(floorplanId: string) {
      const { floorplan, items } = await floorplanPricelist(floorplanId);
      return {
        floorplan,
        items: items.map(({ priceCents, suggestedPriceCents, ...service }) => ({
          ...service,
          orderPriceCents: priceCents ?? suggestedPriceCents,
        })),
      };
    },

    /** Replaces the floorplan's whole pricelist in one transaction: every entry is valid, or nothing changes. */
    async setFloorplanPrices(floorplanId: string, prices: PriceEntry[], actor: ActorContext, basedOnVersion?: number) {
      const floorplan = await requireFloorplan(floorplanId);
      const services = await listAccountServices(db, floorplan.accountId);
      checkPriceEntries(prices, new Set(services.map((service) => service.id)));
      await db.transaction().execute(async (trx) => {
        const key = { column: 'id', value: floorplanId } as const;
        await refuseStaleEdit(trx, { table: 'floorplans', key, type: 'floorplan' }, basedOnVersion);
        const before = await listFloorplanPrices(trx, floorplanId);
        await replaceFloorplanPrices(trx, floorplanId, prices);
        await recordAudit(trx, clock, actor, {
          action: 'floorplan.prices_set',
          subjectType: 'floorplan',
          subjectId: floorplanId,
          accountId: floorplan.accountId,
          before,
          after: prices,
        });
      });
      return floorplanPricelist(floorplanId);
    },

    /** "Floorplans or Addons Not Showing": everything the portal needs to show services and prices. */
    async getAccountSetupStatus(accountId: string) {
      const account = await requireAccount(accountId);
      const propertyIds = account.kind === 'property' ? [accountId] : await findChildPropertyIds(db, accountId);
      const [profile, services, masterPrices, config, floorplans] = await Promise.all([
        findServiceProfile(db, accountId),
        listAccountServices(db, accountId),
        listMasterPrices(db),
        findPricingConfig(db, accountId),
        listFloorplansWithCounts(db, propertyIds),
      ]);
      const unpriced = floorplans.filter((floorplan) => floorplan.standardPriceCount === 0);
      const where = account.kind === 'property' ? 'this property' : 'its properties';
      const checks: SetupCheck[] = [
        {
          key: 'service_profile',
          label: 'Service profile',
          ok: Boolean(profile),
          detail: profile ? 'Saved' : 'Not set up yet',
          fix: profile
            ? null
            : 'Fill in the Service profile tab: turn profile, add-on approval, backup phone and main approver.',
        },
        {
          key: 'services',
          label: 'Services',
          ok: services.length > 0,
          detail: `${services.length} active service${services.length === 1 ? '' : 's'}`,
          fix: services.length
            ? null
            : 'Add services to the vendor catalog (Services page) or custom services on the Services tab.',
        },
        {
          key: 'master_pricelist',
          label: 'Master pricelist',
          ok: masterPrices.length > 0,
          detail: `${masterPrices.length} price${masterPrices.length === 1 ? '' : 's'}`,
          fix: masterPrices.length ? null : 'Enter prices on the master pricelist (Services page).',
        },
        {
          key: 'pricing_configuration',
          label: 'Pricing configuration',
          ok: Boolean(config),
          detail: config
            ? config.pricelist === 'account'
              ? 'Master pricelist with account prices'
              : 'Master pricelist'
            : 'Not configured',
          fix: config ? null : 'Choose the pricelist for this account on the Pricing & floorplans tab.',
        },
        {
          key: 'floorplans',
          label: 'Floorplans',
          ok: floorplans.length > 0,
          detail: `${floorplans.length} floorplan${floorplans.length === 1 ? '' : 's'} at ${where}`,
          fix: floorplans.length ? null : `Add floorplans to ${where}.`,
        },
        {
          key: 'floorplan_prices',
          label: 'Floorplan prices',
          ok: floorplans.length > 0 && unpriced.length === 0,
          detail:
            floorplans.length === 0
              ? 'No floorplans yet'
              : unpriced.length
                ? `No standard prices: ${unpriced.map((floorplan) => floorplan.name).join(', ')}`
                : 'Every floorplan has standard prices',
          fix:
            floorplans.length > 0 && unpriced.length === 0
              ? null
              : 'Open each floorplan’s pricelist and enter the standard services and add-ons.',
        },
        {
          key: 'account_current',
          label: 'Account status',
          ok: account.status === 'current',
          detail: `Status is ${account.status}`,
          fix: account.status === 'current' ? null : 'Set the account status to current.',
        },
        {
          key: 'portal_access',
          label: 'Portal access',
          ok: account.portalAccessEnabled === 1,
          detail: account.portalAccessEnabled === 1 ? 'Activated' : 'Not activated',
          fix:
            account.portalAccessEnabled === 1
              ? null
              : 'Activate portal access on the account (if floorplans still do not show, deactivate then reactivate it).',
        },
      ];
      return { accountId, accountKind: account.kind, ready: checks.every((check) => check.ok), checks };
    },
  };
}
