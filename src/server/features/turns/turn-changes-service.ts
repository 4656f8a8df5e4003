import type { ActorContext } from '../../actor.ts';
import type { Trx } from '../../db/database.ts';
import type { CalendarDate, TurnServiceLinesTable, TurnsTable } from '../../db/schema/turns.ts';
import { AppError, fieldError } from '../../errors.ts';
import type { SetTurnPurchaseOrdersBodyParsed, UpdateTurnBodyParsed } from '../../../shared/turn-contracts.ts';
import { recordAudit } from '../audit/index.ts';
import type { CustomersFeature } from '../customers/index.ts';
import { returnTurnToInbox } from './desk-repository.ts';
import { actorKindOf, type TurnContext, type TurnScope } from './turn-context.ts';
import { type ProWork, proWorkOf } from './turn-notices.ts';
import {
  backScheduledDate,
  checkManualDate,
  checkPurchaseOrders,
  checkStatusChange,
  checkTurnDates,
  isOpenLine,
} from './turn-rules.ts';
import * as repository from './turns-repository.ts';

/**
 * Changes to an ordered turn and its services. Each runs in one transaction that first locks the turn,
 * then reads the turn and its services it decides on, so two changes at the same moment take turns.
 */
export const SCHEDULE_CHANGE_FORBIDDEN =
  'You can order and view turns, but rescheduling, removing a service or canceling a turn needs schedule permission. Ask your main point of contact or your Portico PSM.';

const CUSTOMER_EVENT_OF_STATUS = {
  scheduled: 'service_scheduled',
  in_progress: 'service_started',
  completed: 'service_completed',
} as const;

export function createTurnChangesService(context: TurnContext, customers: CustomersFeature) {
  const { db, clock, notices, now, requireLine, lockTurnRow, loadTurn } = context;

  /** A change the customer makes puts the turn back in the staff desk's inbox, and the account's staff hear of it. */
  async function backToInboxIfCustomer(trx: Trx, scope: TurnScope, turnId: string) {
    if (scope.kind !== 'customer') return;
    await returnTurnToInbox(trx, turnId);
    // Read again: the message tells the dates as they now are (a canceled turn takes no other change).
    const changed = await repository.findTurn(trx, turnId);
    if (changed) await notices.notifyStaff(trx, changed.canceledAt ? 'canceled' : 'changed', changed);
  }

  /**
   * A per-contact portal permission set during the onboard ("who may change the schedule"). Read before
   * the turn's transaction: it is the caller's own setting, and SQLite has one connection to write with.
   */
  async function maySchedule(scope: TurnScope) {
    return scope.kind !== 'customer' || !scope.contactId || customers.contacts.mayChangeSchedule(scope.contactId);
  }

  async function requireScheduleChange(scope: TurnScope) {
    if (!(await maySchedule(scope))) throw new AppError('forbidden', SCHEDULE_CHANGE_FORBIDDEN);
  }

  async function changeTurn(
    scope: TurnScope,
    turnId: string,
    change: (trx: Trx, turn: TurnsTable, lines: TurnServiceLinesTable[]) => Promise<void>,
  ) {
    await db.transaction().execute(async (trx) => {
      const turn = await lockTurnRow(scope, trx, turnId);
      await change(trx, turn, await repository.listServiceLines(trx, [turnId]));
      await backToInboxIfCustomer(trx, scope, turnId);
    });
    return loadTurn(db, turnId);
  }

  async function changeLine(
    scope: TurnScope,
    serviceLineId: string,
    change: (trx: Trx, line: TurnServiceLinesTable, turn: TurnsTable) => Promise<void>,
  ) {
    const { turnId } = await requireLine(scope, serviceLineId);
    await db.transaction().execute(async (trx) => {
      const turn = await lockTurnRow(scope, trx, turnId);
      await change(trx, await requireLine(scope, serviceLineId, trx), turn);
      await backToInboxIfCustomer(trx, scope, turnId);
    });
    return loadTurn(db, turnId);
  }

  return {
    /**
     * Changes dates and notes. Services with back-scheduled dates follow a new move-in; dates someone
     * picked stay as they are (never silently reverted) unless the customer asks to re-flow.
     */
    updateTurn: async (scope: TurnScope, turnId: string, input: UpdateTurnBodyParsed, actor: ActorContext) => {
      const mayMoveServices = await maySchedule(scope);
      return changeTurn(scope, turnId, async (trx, turn, lines) => {
        if (turn.canceledAt) throw new AppError('conflict', 'This turn was canceled.');
        // New move dates (or a re-flow) move the services: that is rescheduling; notes alone are not.
        const movesServices =
          input.reflowSchedule || input.moveOutDate !== turn.moveOutDate || input.moveInDate !== turn.moveInDate;
        if (movesServices && !mayMoveServices) throw new AppError('forbidden', SCHEDULE_CHANGE_FORBIDDEN);
        checkTurnDates(input.moveOutDate, input.moveInDate);
        const updatedAt = now();
        await repository.updateTurn(trx, turnId, {
          moveOutDate: input.moveOutDate,
          moveInDate: input.moveInDate,
          notes: input.notes,
          updatedAt,
        });
        const moved: Array<{ service: string; from: string | null; to: string | null }> = [];
        const movedWork: ProWork[] = [];
        for (const line of lines.filter((candidate) => isOpenLine(candidate.status))) {
          if (line.dateIsManual === 1 && !input.reflowSchedule) continue;
          const scheduledDate = backScheduledDate(input.moveOutDate, input.moveInDate, line.defaultDayOffset);
          if (scheduledDate === line.scheduledDate && line.dateIsManual === 0) continue;
          // A confirmed visit on another day needs confirming again.
          await repository.updateServiceLine(trx, line.id, {
            scheduledDate,
            dateIsManual: 0,
            status: scheduledDate === line.scheduledDate ? line.status : 'pending',
            updatedAt,
          });
          moved.push({ service: line.serviceName, from: line.scheduledDate, to: scheduledDate });
          movedWork.push(...proWorkOf([{ ...line, scheduledDate }]));
        }
        await notices.notifyPros(trx, 'changed', { ...turn, moveInDate: input.moveInDate }, movedWork);
        await recordAudit(trx, clock, actor, {
          action: 'turn.updated',
          subjectType: 'turn',
          subjectId: turnId,
          accountId: turn.accountId,
          before: { moveOutDate: turn.moveOutDate, moveInDate: turn.moveInDate, notes: turn.notes },
          after: {
            moveOutDate: input.moveOutDate,
            moveInDate: input.moveInDate,
            notes: input.notes,
            reflowSchedule: input.reflowSchedule,
            moved,
          },
        });
      });
    },

    /** "How to change date for scheduling": the picked date sticks through later move-in changes. */
    rescheduleServiceLine: (
      scope: TurnScope,
      serviceLineId: string,
      scheduledDate: CalendarDate,
      actor: ActorContext,
    ) =>
      requireScheduleChange(scope).then(() =>
        changeLine(scope, serviceLineId, async (trx, line, turn) => {
          if (!isOpenLine(line.status))
            throw new AppError(
              'conflict',
              `This service is ${line.status.replace('_', ' ')}; its date can no longer change.`,
            );
          checkManualDate('scheduledDate', scheduledDate, turn.moveOutDate, turn.moveInDate);
          const suggested = backScheduledDate(turn.moveOutDate, turn.moveInDate, line.defaultDayOffset);
          await repository.updateServiceLine(trx, serviceLineId, {
            scheduledDate,
            dateIsManual: scheduledDate === suggested ? 0 : 1,
            status: scheduledDate === line.scheduledDate ? line.status : 'pending',
            updatedAt: now(),
          });
          await recordAudit(trx, clock, actor, {
            action: 'service_line.rescheduled',
            subjectType: 'turn_service_line',
            subjectId: serviceLineId,
            accountId: line.accountId,
            before: { scheduledDate: line.scheduledDate, status: line.status },
            after: { scheduledDate },
          });
          if (scheduledDate === line.scheduledDate) return;
          await notices.notifyPros(trx, 'changed', turn, proWorkOf([{ ...line, scheduledDate }]));
          await notices.notifyCustomers(trx, 'service_rescheduled', turn, {
            name: line.serviceName,
            date: scheduledDate,
          });
        }),
      ),

    /** "How to remove a specific service": an open service is canceled (kept for the record), with its pending add-ons. */
    removeServiceLine: (scope: TurnScope, serviceLineId: string, actor: ActorContext) =>
      requireScheduleChange(scope).then(() =>
        changeLine(scope, serviceLineId, async (trx, line, turn) => {
          if (!isOpenLine(line.status))
            throw new AppError('conflict', `This service is ${line.status.replace('_', ' ')} and can't be removed.`);
          await notices.notifyPros(trx, 'canceled', turn, proWorkOf([line]));
          const siblings = await repository.listServiceLines(trx, [line.turnId]);
          if (siblings.filter((sibling) => sibling.id !== line.id && sibling.status !== 'canceled').length === 0) {
            throw new AppError('conflict', 'This is the turn’s last service. Cancel the turn instead.');
          }
          const by = actorKindOf(actor);
          await repository.updateServiceLine(trx, serviceLineId, { status: 'canceled', updatedAt: now() });
          await repository.declinePendingAddOnsOfLines(trx, [serviceLineId], now(), by.kind, by.id);
          await recordAudit(trx, clock, actor, {
            action: 'service_line.removed',
            subjectType: 'turn_service_line',
            subjectId: serviceLineId,
            accountId: line.accountId,
            before: { service: line.serviceName, status: line.status },
            after: { status: 'canceled' },
          });
        }),
      ),

    /** Cancels the whole turn: every open service stops; work already started or done stays on record. */
    cancelTurn: (scope: TurnScope, turnId: string, reason: string | null, actor: ActorContext) =>
      requireScheduleChange(scope).then(() =>
        changeTurn(scope, turnId, async (trx, turn, lines) => {
          if (turn.canceledAt) throw new AppError('conflict', 'This turn is already canceled.');
          const started = lines.filter((line) => line.status === 'in_progress');
          if (started.length)
            throw new AppError(
              'conflict',
              `Work has started on ${started.map((line) => line.serviceName).join(', ')}. Call us to stop it.`,
            );
          const open = lines.filter((line) => isOpenLine(line.status));
          await notices.notifyPros(trx, 'canceled', turn, proWorkOf(open));
          const by = actorKindOf(actor);
          const canceledAt = now();
          for (const line of open)
            await repository.updateServiceLine(trx, line.id, { status: 'canceled', updatedAt: canceledAt });
          await repository.declinePendingAddOnsOfLines(
            trx,
            open.map((line) => line.id),
            canceledAt,
            by.kind,
            by.id,
          );
          await repository.updateTurn(trx, turnId, { canceledAt, cancelReason: reason, updatedAt: canceledAt });
          await recordAudit(trx, clock, actor, {
            action: 'turn.canceled',
            subjectType: 'turn',
            subjectId: turnId,
            accountId: turn.accountId,
            before: { lines: open.map((line) => ({ service: line.serviceName, status: line.status })) },
            after: { reason, canceledServices: open.length },
          });
        }),
      ),

    /** The default PO (or "I don't know yet") and each open service's own PO, set together. */
    setPurchaseOrders: (
      scope: TurnScope,
      turnId: string,
      input: SetTurnPurchaseOrdersBodyParsed,
      actor: ActorContext,
    ) =>
      changeTurn(scope, turnId, async (trx, turn, lines) => {
        if (turn.canceledAt) throw new AppError('conflict', 'This turn was canceled.');
        checkPurchaseOrders(input.defaultPoNumber, input.poUnknown);
        input.lines.forEach((entry, index) => {
          if (!lines.some((line) => line.id === entry.serviceLineId))
            throw fieldError(`lines.${index}.serviceLineId`, 'This service is not part of the turn');
        });
        const updatedAt = now();
        await repository.updateTurn(trx, turnId, {
          defaultPoNumber: input.defaultPoNumber,
          poUnknown: input.poUnknown ? 1 : 0,
          updatedAt,
        });
        for (const entry of input.lines) {
          const line = lines.find((candidate) => candidate.id === entry.serviceLineId)!;
          if (line.poNumber !== entry.poNumber)
            await repository.updateServiceLine(trx, line.id, { poNumber: entry.poNumber, updatedAt });
        }
        await recordAudit(trx, clock, actor, {
          action: 'turn.purchase_orders_set',
          subjectType: 'turn',
          subjectId: turnId,
          accountId: turn.accountId,
          before: {
            defaultPoNumber: turn.defaultPoNumber,
            poUnknown: turn.poUnknown === 1,
            lines: lines.map((line) => ({ serviceLineId: line.id, poNumber: line.poNumber })),
          },
          after: input,
        });
      }),

    /** Staff progress updates: scheduled, in progress, completed. */
    setServiceLineStatus: (
      serviceLineId: string,
      status: 'scheduled' | 'in_progress' | 'completed',
      actor: ActorContext,
    ) =>
      changeLine({ kind: 'staff' }, serviceLineId, async (trx, line, turn) => {
        if (turn.canceledAt) throw new AppError('conflict', 'This turn was canceled.');
        checkStatusChange(line.status, status, line.scheduledDate !== null);
        if (line.status === status) return;
        await repository.updateServiceLine(trx, serviceLineId, { status, updatedAt: now() });
        await recordAudit(trx, clock, actor, {
          action: 'service_line.status_set',
          subjectType: 'turn_service_line',
          subjectId: serviceLineId,
          accountId: line.accountId,
          before: { status: line.status },
          after: { status },
        });
        await notices.notifyCustomers(trx, CUSTOMER_EVENT_OF_STATUS[status], turn, {
          name: line.serviceName,
          date: line.scheduledDate,
        });
      }),
  };
}
