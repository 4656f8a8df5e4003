import type { ActorContext } from '../../actor.ts';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import type { UnitsTable } from '../../db/schema/catalog.ts';
import { AppError, fieldError, notFound } from '../../errors.ts';
import { newId } from '../../ids.ts';
import { recordAudit, refuseStaleEdit } from '../audit/index.ts';
import { findAccount } from './catalog-repository.ts';
import { parseUnitNumbers } from './catalog-rules.ts';
import { findFloorplan } from './pricing-repository.ts';
import { deleteUnit, findUnit, findUnitNumbers, insertUnits, listUnits, updateUnit } from './units-repository.ts';

export interface UnitInput {
  number: string;
  floorplanId: string | null;
  notes: string | null;
}

const auditView = (unit: UnitsTable) => ({ number: unit.number, floorplanId: unit.floorplanId, notes: unit.notes });

export function createUnitsService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  async function requireProperty(accountId: string) {
    const account = await findAccount(db, accountId);
    if (!account) throw notFound('Account');
    if (account.kind !== 'property')
      throw new AppError('validation_failed', 'Units belong to a property, not to a management company.');
  }

  async function requireOwnFloorplan(accountId: string, floorplanId: string | null) {
    if (!floorplanId) return;
    const floorplan = await findFloorplan(db, floorplanId);
    if (!floorplan || floorplan.accountId !== accountId)
      throw fieldError('floorplanId', 'Choose a floorplan of this property');
  }

  async function requireFreeNumbers(accountId: string, numbers: string[], exceptUnitId?: string) {
    const taken = (await findUnitNumbers(db, accountId, numbers)).filter((unit) => unit.id !== exceptUnitId);
    if (taken.length === 0) return;
    const list = taken
      .map((unit) => unit.number)
      .sort((left, right) => left.localeCompare(right, 'en', { numeric: true }));
    const path = exceptUnitId || numbers.length === 1 ? 'number' : 'numbers';
    throw new AppError('conflict', `Unit ${list.join(', ')} already exists at this property.`, {
      fields: [{ path, message: `Already exists: ${list.slice(0, 10).join(', ')}${list.length > 10 ? '…' : ''}` }],
    });
  }

  async function insert(
    accountId: string,
    numbers: string[],
    floorplanId: string | null,
    notes: string | null,
    actor: ActorContext,
  ) {
    const now = clock.now().toISOString();
    const units: UnitsTable[] = numbers.map((number) => ({
      id: newId(),
      accountId,
      number,
      floorplanId,
      notes,
      createdAt: now,
      updatedAt: now,
    }));
    await db.transaction().execute(async (trx) => {
      await insertUnits(trx, units);
      for (const unit of units) {
        await recordAudit(trx, clock, actor, {
          action: 'unit.created',
          subjectType: 'unit',
          subjectId: unit.id,
          accountId,
          after: auditView(unit),
        });
      }
    });
    return units;
  }

  async function getUnit(unitId: string) {
    const unit = await findUnit(db, unitId);
    if (!unit) throw notFound('Unit');
    return unit;
  }

  return {
    async listUnits(accountId: string) {
      if (!(await findAccount(db, accountId))) throw notFound('Account');
      return listUnits(db, accountId);
    },

    async createUnit(accountId: string, input: UnitInput, actor: ActorContext) {
      await requireProperty(accountId);
      await requireOwnFloorplan(accountId, input.floorplanId);
      await requireFreeNumbers(accountId, [input.number]);
      const [unit] = await insert(accountId, [input.number], input.floorplanId, input.notes, actor);
      return unit!;
    },

    /** Bulk add ("101-120"): every number is new, or none is added. */
    async createUnits(accountId: string, input: { numbers: string; floorplanId: string | null }, actor: ActorContext) {
      await requireProperty(accountId);
      const numbers = parseUnitNumbers(input.numbers);
      await requireOwnFloorplan(accountId, input.floorplanId);
      await requireFreeNumbers(accountId, numbers);
      return insert(accountId, numbers, input.floorplanId, null, actor);
    },

    getUnit,

    async updateUnit(unitId: string, input: UnitInput, actor: ActorContext, basedOnVersion?: number) {
      const before = await findUnit(db, unitId);
      if (!before) throw notFound('Unit');
      await requireOwnFloorplan(before.accountId, input.floorplanId);
      await requireFreeNumbers(before.accountId, [input.number], unitId);
      const after: UnitsTable = { ...before, ...input, updatedAt: clock.now().toISOString() };
      await db.transaction().execute(async (trx) => {
        const key = { column: 'id', value: unitId } as const;
        await refuseStaleEdit(trx, { table: 'units', key, type: 'unit' }, basedOnVersion);
        await updateUnit(trx, unitId, {
          number: after.number,
          floorplanId: after.floorplanId,
          notes: after.notes,
          updatedAt: after.updatedAt,
        });
        await recordAudit(trx, clock, actor, {
          action: 'unit.updated',
          subjectType: 'unit',
          subjectId: unitId,
          accountId: before.accountId,
          before: auditView(before),
          after: auditView(after),
        });
      });
      return getUnit(unitId);
    },

    async deleteUnit(unitId: string, actor: ActorContext) {
      const unit = await findUnit(db, unitId);
      if (!unit) throw notFound('Unit');
      await db.transaction().execute(async (trx) => {
        await deleteUnit(trx, unitId);
        await recordAudit(trx, clock, actor, {
          action: 'unit.deleted',
          subjectType: 'unit',
          subjectId: unitId,
          accountId: unit.accountId,
          before: auditView(unit),
        });
      });
    },
  };
}
