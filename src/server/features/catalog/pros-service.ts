import type { ActorContext } from '../../actor.ts';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import type { ProsTable } from '../../db/schema/catalog.ts';
import { fieldError, notFound } from '../../errors.ts';
import { newId } from '../../ids.ts';
import { recordAudit, refuseStaleEdit } from '../audit/index.ts';
import { findAccount } from './catalog-repository.ts';
import { checkProPreferences, requirePhoneOrNull } from './catalog-rules.ts';
import { listAccountServices, listVendorServices } from './service-catalog-repository.ts';
import {
  deletePro,
  findPro,
  findProByAddress,
  findProIds,
  listPreferencesOfPro,
  listProPreferences,
  listPros,
  replaceProPreferences,
  savePro,
} from './pros-repository.ts';

export interface ProInput {
  name: string;
  phone: string | null;
  email: string | null;
  active: boolean;
  dailyCapacity?: number | undefined;
  serviceIds: string[];
}

export interface ProPreferenceInput {
  serviceId: string;
  preferredProId: string;
  secondaryProId: string | null;
}

export function createProsService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  /** Skills name vendor-wide services; custom services are one property's and no pro's specialty. */
  async function checkedInput(input: ProInput) {
    const phone = requirePhoneOrNull('phone', input.phone);
    const vendorServiceIds = new Set(
      (await listVendorServices(db, { includeInactive: true })).map((service) => service.id),
    );
    const serviceIds = [...new Set(input.serviceIds)];
    if (serviceIds.some((serviceId) => !vendorServiceIds.has(serviceId)))
      throw fieldError('serviceIds', 'Choose services from the catalog');
    return { phone, serviceIds };
  }

  async function save(
    pro: ProsTable,
    serviceIds: string[],
    actor: ActorContext,
    before: unknown,
    basedOnVersion?: number,
  ) {
    await db.transaction().execute(async (trx) => {
      const key = { column: 'id', value: pro.id } as const;
      await refuseStaleEdit(trx, { table: 'pros', key, type: 'pro' }, basedOnVersion);
      await savePro(trx, pro, serviceIds);
      await recordAudit(trx, clock, actor, {
        action: before ? 'pro.updated' : 'pro.created',
        subjectType: 'pro',
        subjectId: pro.id,
        before: before ?? undefined,
        after: {
          name: pro.name,
          phone: pro.phone,
          email: pro.email,
          active: pro.active === 1,
          dailyCapacity: pro.dailyCapacity,
          serviceIds,
        },
      });
    });
    return { ...pro, serviceIds };
  }

  return {
    listPros: () => listPros(db),

    async getPro(proId: string) {
      const pro = await findPro(db, proId);
      if (!pro) throw notFound('Pro');
      return pro;
    },

    findPro: (proId: string) => findPro(db, proId),

    findProByAddress: (address: { phone: string } | { email: string }) => findProByAddress(db, address),

    async createPro(input: ProInput, actor: ActorContext) {
      const { phone, serviceIds } = await checkedInput(input);
      const now = clock.now().toISOString();
      return save(
        {
          id: newId(),
          name: input.name,
          phone,
          email: input.email,
          active: input.active ? 1 : 0,
          dailyCapacity: input.dailyCapacity ?? 4,
          createdAt: now,
          updatedAt: now,
        },
        serviceIds,
        actor,
        null,
      );
    },

    async updatePro(proId: string, input: ProInput, actor: ActorContext, basedOnVersion?: number) {
      const before = await findPro(db, proId);
      if (!before) throw notFound('Pro');
      const { phone, serviceIds } = await checkedInput(input);
      const pro: ProsTable = {
        id: proId,
        name: input.name,
        phone,
        email: input.email,
        active: input.active ? 1 : 0,
        dailyCapacity: input.dailyCapacity ?? before.dailyCapacity,
        createdAt: before.createdAt,
        updatedAt: clock.now().toISOString(),
      };
      const beforeView = {
        name: before.name,
        phone: before.phone,
        email: before.email,
        active: before.active === 1,
        dailyCapacity: before.dailyCapacity,
        serviceIds: before.serviceIds,
      };
      const saved = await save(pro, serviceIds, actor, beforeView, basedOnVersion);
      return { ...saved, version: (before.version ?? 1) + 1 };
    },

    /** Deleting a pro also drops the property preferences naming them (the database cascades); the audit keeps them. */
    async deletePro(proId: string, actor: ActorContext) {
      const pro = await findPro(db, proId);
      if (!pro) throw notFound('Pro');
      await db.transaction().execute(async (trx) => {
        const preferences = await listPreferencesOfPro(trx, proId);
        await deletePro(trx, proId);
        await recordAudit(trx, clock, actor, {
          action: 'pro.deleted',
          subjectType: 'pro',
          subjectId: proId,
          before: { name: pro.name, phone: pro.phone, email: pro.email, serviceIds: pro.serviceIds, preferences },
        });
      });
    },

    async listProPreferences(accountId: string) {
      if (!(await findAccount(db, accountId))) throw notFound('Account');
      return listProPreferences(db, accountId);
    },

    /** Replaces the account's preferred and secondary pro per service in one transaction. */
    async setProPreferences(accountId: string, preferences: ProPreferenceInput[], actor: ActorContext) {
      if (!(await findAccount(db, accountId))) throw notFound('Account');
      checkProPreferences(preferences);
      const serviceIds = new Set((await listAccountServices(db, accountId)).map((service) => service.id));
      const proIds = [
        ...new Set(
          preferences.flatMap((preference) => [preference.preferredProId, preference.secondaryProId ?? []].flat()),
        ),
      ];
      const known = new Map((await findProIds(db, proIds)).map((pro) => [pro.id, pro.active]));
      preferences.forEach((preference, index) => {
        if (!serviceIds.has(preference.serviceId))
          throw fieldError(`preferences.${index}.serviceId`, 'This service is not offered to this account');
        if (known.get(preference.preferredProId) !== 1)
          throw fieldError(`preferences.${index}.preferredProId`, 'Choose an active pro');
        if (preference.secondaryProId && known.get(preference.secondaryProId) !== 1)
          throw fieldError(`preferences.${index}.secondaryProId`, 'Choose an active pro');
      });
      await db.transaction().execute(async (trx) => {
        const before = await listProPreferences(trx, accountId);
        await replaceProPreferences(trx, accountId, preferences);
        await recordAudit(trx, clock, actor, {
          action: 'pro_preferences.set',
          subjectType: 'pro_preferences',
          subjectId: accountId,
          accountId,
          before,
          after: preferences,
        });
      });
      return listProPreferences(db, accountId);
    },
  };
}
