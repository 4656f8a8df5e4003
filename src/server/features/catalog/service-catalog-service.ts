import type { ActorContext } from '../../actor.ts';
import type { Clock } from '../../clock.ts';
import type { Db, Trx } from '../../db/database.ts';
import type { ServicesTable } from '../../db/schema/catalog.ts';
import { AppError, fieldError, notFound } from '../../errors.ts';
import { newId } from '../../ids.ts';
import type { ServiceFields } from '../../../shared/catalog-contracts.ts';
import { recordAudit } from '../audit/index.ts';
import { findAccount } from './catalog-repository.ts';
import { mergeServiceOrder } from './catalog-rules.ts';
import {
  findService,
  findServiceByCode,
  insertService,
  listAccountServices,
  listVendorServices,
  replaceAccountServiceOrder,
  updateService,
} from './service-catalog-repository.ts';

type ServiceInput = Required<Omit<ServiceFields, 'active' | 'parentServiceId'>> & {
  active: boolean;
  parentServiceId?: string | null;
};

function auditView(service: ServicesTable) {
  const { createdAt: _createdAt, updatedAt: _updatedAt, ...rest } = service;
  return rest;
}

export function createServiceCatalogService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  async function requireAccount(accountId: string) {
    const account = await findAccount(db, accountId);
    if (!account) throw notFound('Account');
    return account;
  }

  async function requireFreeCode(code: string, exceptServiceId?: string) {
    const existing = await findServiceByCode(db, code);
    if (existing && existing.id !== exceptServiceId) {
      throw new AppError('conflict', `The code ${code} is already used by another service.`, {
        fields: [{ path: 'code', message: 'Already used by another service' }],
      });
    }
  }

  /**
   * Only an add-on has a parent, and it must be a standard service the same accounts can order: a vendor
   * add-on goes with a vendor service, a property's own add-on with a vendor service or one of its own.
   */
  async function checkParent(trx: Trx, accountId: string | null, input: ServiceInput) {
    const parentId = input.kind === 'add_on' ? (input.parentServiceId ?? null) : null;
    if (!parentId) return null;
    const parent = await findService(trx, parentId);
    const reachable = parent && (parent.accountId === null || parent.accountId === accountId);
    if (!reachable || parent.kind !== 'standard')
      throw fieldError('parentServiceId', 'Choose a standard service this add-on goes with');
    return parentId;
  }

  async function create(accountId: string | null, input: ServiceInput, actor: ActorContext) {
    const code = input.code.toUpperCase();
    await requireFreeCode(code);
    const now = clock.now().toISOString();
    const service: ServicesTable = {
      id: newId(),
      accountId,
      name: input.name,
      code,
      providerCategory: input.providerCategory,
      kind: input.kind,
      defaultDayOffset: input.defaultDayOffset,
      active: input.active ? 1 : 0,
      parentServiceId: null,
      createdAt: now,
      updatedAt: now,
    };
    await db.transaction().execute(async (trx) => {
      service.parentServiceId = await checkParent(trx, accountId, input);
      await insertService(trx, service);
      await recordAudit(trx, clock, actor, {
        action: 'service.created',
        subjectType: 'service',
        subjectId: service.id,
        accountId,
        after: auditView(service),
      });
    });
    return service;
  }

  return {
    listVendorServices: (options: { includeInactive: boolean }) => listVendorServices(db, options),

    createVendorService: (input: ServiceInput, actor: ActorContext) => create(null, input, actor),

    async createAccountService(accountId: string, input: ServiceInput, actor: ActorContext) {
      await requireAccount(accountId);
      return create(accountId, input, actor);
    },

    async updateService(serviceId: string, input: ServiceInput, actor: ActorContext) {
      const before = await findService(db, serviceId);
      if (!before) throw notFound('Service');
      const code = input.code.toUpperCase();
      await requireFreeCode(code, serviceId);
      const after: ServicesTable = {
        ...before,
        name: input.name,
        code,
        providerCategory: input.providerCategory,
        kind: input.kind,
        defaultDayOffset: input.defaultDayOffset,
        active: input.active ? 1 : 0,
        updatedAt: clock.now().toISOString(),
      };
      await db.transaction().execute(async (trx) => {
        after.parentServiceId = await checkParent(trx, before.accountId, input);
        if (after.parentServiceId === serviceId) throw fieldError('parentServiceId', 'An add-on cannot go with itself');
        await updateService(trx, serviceId, after);
        await recordAudit(trx, clock, actor, {
          action: 'service.updated',
          subjectType: 'service',
          subjectId: serviceId,
          accountId: before.accountId,
          before: auditView(before),
          after: auditView(after),
        });
      });
      return after;
    },

    async listAccountServices(accountId: string) {
      await requireAccount(accountId);
      return listAccountServices(db, accountId);
    },

    async reorderAccountServices(accountId: string, serviceIds: string[], actor: ActorContext) {
      await requireAccount(accountId);
      return db.transaction().execute(async (trx) => {
        const current = await listAccountServices(trx, accountId);
        const order = mergeServiceOrder(
          current.map((service) => service.id),
          serviceIds,
        );
        await replaceAccountServiceOrder(trx, accountId, order);
        await recordAudit(trx, clock, actor, {
          action: 'account.services_reordered',
          subjectType: 'account',
          subjectId: accountId,
          accountId,
          before: current.map((service) => service.code),
          after: order.map((serviceId) => current.find((service) => service.id === serviceId)!.code),
        });
        return listAccountServices(trx, accountId);
      });
    },
  };
}
