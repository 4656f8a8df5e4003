import type { ActorContext } from '../../actor.ts';
import type { Trx } from '../../db/database.ts';
import type { CalendarDate, TurnServiceLinesTable } from '../../db/schema/turns.ts';
import { AppError } from '../../errors.ts';
import { newId } from '../../ids.ts';
import { recordAudit } from '../audit/index.ts';
import type { TurnContext, TurnScope } from './turn-context.ts';
import { addOnFitsService } from './turn-rules.ts';
import * as repository from './turns-repository.ts';

/** What work in the field needs from turns: a line with its turn, the add-ons on offer, punch-back lines. */
export function createFieldWorkService(context: TurnContext) {
  const { db, clock, now, requireLine, requireTurnRow, lockTurnRow, loadTurn, orderableServices } = context;

  async function findLine(scope: TurnScope, serviceLineId: string) {
    const line = await requireLine(scope, serviceLineId);
    const turn = await requireTurnRow(scope, line.turnId);
    return { line, turn };
  }

  return {
    /** A service line and its turn as the scope may see them; anything else is "not found". */
    findLine,

    /** Punch-back lines of an account's properties, counted against the pro and the service they rework. */
    async reworkSummary(accountId: string) {
      const rows = await repository.listReworkedLines(db, accountId);
      const count = <K extends string | null>(keyOf: (row: (typeof rows)[number]) => K) => {
        const counts = new Map<K, { row: (typeof rows)[number]; n: number }>();
        for (const row of rows) {
          const entry = counts.get(keyOf(row)) ?? { row, n: 0 };
          counts.set(keyOf(row), { ...entry, n: entry.n + 1 });
        }
        return [...counts.values()].sort((left, right) => right.n - left.n);
      };
      return {
        byPro: count((row) => row.proId).map(({ row, n }) => ({
          proId: row.proId,
          proName: row.proName,
          reworkCount: n,
        })),
        byService: count((row) => row.serviceId).map(({ row, n }) => ({
          serviceId: row.serviceId,
          serviceName: row.serviceName,
          reworkCount: n,
        })),
      };
    },

    /** A pro sees a turn while one of its services is theirs. */
    async proCanSeeTurn(proId: string, turnId: string) {
      const lines = await repository.listServiceLines(db, [turnId]);
      return lines.some((line) => line.assignedProId === proId);
    },

    /** The add-ons the floorplan's pricelist offers, at the price the customer would pay. */
    async addOnOptions(scope: TurnScope, serviceLineId: string) {
      const { turn, line } = await findLine(scope, serviceLineId);
      if (!turn.floorplanId) return [];
      const services = await orderableServices(turn.accountId, turn.floorplanId);
      return services.addOns
        .filter((addOn) => addOnFitsService(addOn, line.serviceId))
        .map((addOn) => ({
          serviceId: addOn.id,
          name: addOn.name,
          priceCents: addOn.orderPriceCents,
        }));
    },

    /**
     * A punch-back visit for a completed service, on the same turn at no charge, marked as rework of
     * the original so it can be counted. `afterInsert` runs in the same transaction (the caller's records).
     */
    async addReworkLine(
      reworkOfServiceLineId: string,
      input: { scheduledDate: CalendarDate | null; assignedProId: string | null },
      actor: ActorContext,
      afterInsert: (trx: Trx, line: TurnServiceLinesTable) => Promise<void>,
    ) {
      const staff: TurnScope = { kind: 'staff' };
      const { turn } = await findLine(staff, reworkOfServiceLineId);
      const created = await db.transaction().execute(async (trx) => {
        const locked = await lockTurnRow(staff, trx, turn.id);
        if (locked.canceledAt) throw new AppError('conflict', 'This turn was canceled.');
        const original = await requireLine(staff, reworkOfServiceLineId, trx);
        if (original.status !== 'completed')
          throw new AppError('conflict', 'Only a completed service can be reworked.');
        const lines = await repository.listServiceLines(trx, [turn.id]);
        const createdAt = now();
        const line: TurnServiceLinesTable = {
          id: newId(),
          turnId: turn.id,
          accountId: turn.accountId,
          serviceId: original.serviceId,
          serviceName: original.serviceName,
          providerCategory: original.providerCategory,
          position: Math.max(...lines.map((line) => line.position)) + 1,
          defaultDayOffset: original.defaultDayOffset,
          scheduledDate: input.scheduledDate,
          dateIsManual: input.scheduledDate ? 1 : 0,
          status: input.scheduledDate ? 'scheduled' : 'pending',
          // Rework is on us.
          priceCents: 0,
          poNumber: original.poNumber,
          reworkOfServiceLineId: original.id,
          assignedProId: input.assignedProId,
          createdAt,
          updatedAt: createdAt,
        };
        await repository.insertServiceLines(trx, [line]);
        await recordAudit(trx, clock, actor, {
          action: 'service_line.rework_added',
          subjectType: 'turn_service_line',
          subjectId: line.id,
          accountId: turn.accountId,
          after: {
            reworkOf: original.id,
            service: original.serviceName,
            scheduledDate: input.scheduledDate,
            assignedProId: input.assignedProId,
          },
        });
        await afterInsert(trx, line);
        return line;
      });
      return { line: created, turn: await loadTurn(db, turn.id) };
    },
  };
}
