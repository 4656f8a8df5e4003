import type { ActorContext } from '../../actor.ts';
import { AppError, fieldError } from '../../errors.ts';
import type { DeskQuery, DeskTurn } from '../../../shared/desk-contracts.ts';
import { recordAudit } from '../audit/index.ts';
import { isAtRisk } from './desk-rules.ts';
import * as desk from './desk-repository.ts';
import { needsPro } from './pro-assignment-rules.ts';
import { groupByTurn, type TurnContext } from './turn-context.ts';
import { decodeDeskCursor, encodeDeskCursor } from './turn-cursor.ts';
import { isOpenLine } from './turn-rules.ts';
import * as repository from './turns-repository.ts';

/** The staff turns desk: every account's turns, the inbox staff acknowledge, and who does each service. */
export function createDeskService(context: TurnContext) {
  const { db, clock, catalog, notices, now, requireLine, lockTurnRow, loadTurn } = context;
  const today = () => clock.now().toISOString().slice(0, 10);

  return {
    async listDesk(query: DeskQuery) {
      if (query.moveInFrom && query.moveInTo && query.moveInTo < query.moveInFrom)
        throw fieldError('moveInTo', 'The end of the window must not be before its start');
      const rows = await desk.listDeskPage(
        db,
        { ...query, inboxOnly: query.view === 'inbox', today: today() },
        { sort: query.sort, after: query.cursor ? decodeDeskCursor(query.cursor) : null, limit: query.limit + 1 },
      );
      const page = rows.slice(0, query.limit);
      const ids = page.map((row) => row.id);
      // By id, not through the page query: re-running the desk's filters (search, at risk) would do
      // the page's work three times over to save one round trip.
      const [lines, pending] = await Promise.all([
        repository.listServiceLines(db, ids),
        desk.listPendingAddOns(db, ids),
      ]);
      const linesOf = groupByTurn(lines);
      const pendingOf = groupByTurn(pending);
      const items: DeskTurn[] = page.map((row) => {
        const own = linesOf.get(row.id) ?? [];
        const waiting = pendingOf.get(row.id) ?? [];
        return {
          id: row.id,
          accountId: row.accountId,
          propertyName: row.propertyName,
          companyName: row.companyName,
          unitNumber: row.unitNumber,
          floorplanName: row.floorplanName,
          moveOutDate: row.moveOutDate,
          moveInDate: row.moveInDate,
          status: row.status,
          createdAt: row.createdAt,
          acknowledgedAt: row.acknowledgedAt ?? null,
          needsPro: own.some(needsPro),
          atRisk: isAtRisk(row.atRiskFrom, today()),
          poMissing: row.poUnknown === 1 && isOpenLine(row.status),
          addOnWaiting: waiting.length > 0,
          addOnOverdue: waiting.some((addOn) => addOn.staffAlertedAt),
          lines: own.map((line) => ({
            id: line.id,
            name: line.serviceName,
            providerCategory: line.providerCategory,
            status: line.status,
            scheduledDate: line.scheduledDate,
            proId: line.assignedProId,
            proName: line.proName,
            needsPro: needsPro(line),
          })),
        };
      });
      const last = page.at(-1);
      return {
        items,
        nextCursor:
          rows.length > query.limit && last
            ? encodeDeskCursor([query.sort === 'newest' ? last.createdAt : last.boardDate, last.id])
            : null,
      };
    },

    /** Staff take a new or changed turn in hand; the property's contacts hear that it was received. */
    async acknowledgeTurn(turnId: string, actor: ActorContext) {
      await db.transaction().execute(async (trx) => {
        const turn = await lockTurnRow({ kind: 'staff' }, trx, turnId);
        const staffId = actor.actorKind === 'staff' ? actor.actorId : null;
        if (!(await desk.acknowledgeTurn(trx, turnId, staffId, now())))
          throw new AppError('conflict', 'This turn was already acknowledged.');
        await recordAudit(trx, clock, actor, {
          action: 'turn.acknowledged',
          subjectType: 'turn',
          subjectId: turnId,
          accountId: turn.accountId,
          after: { status: turn.status },
        });
        // Said once per turn: a later change that returns it to the inbox is not "received" again.
        await notices.notifyCustomers(trx, 'turn_acknowledged', turn, null, {
          dedupeKey: `turn_acknowledged:${turn.id}`,
        });
      });
      return loadTurn(db, turnId);
    },

    /** Staff give an open service of ours to another pro (or to nobody); both pros hear of it. */
    async assignPro(serviceLineId: string, proId: string | null, actor: ActorContext) {
      if (proId) {
        const pro = await catalog.pros.findPro(proId);
        if (!pro) throw fieldError('proId', 'Choose one of the pros');
        if (pro.active !== 1) throw fieldError('proId', 'This pro is inactive');
      }
      const { turnId } = await requireLine({ kind: 'staff' }, serviceLineId);
      await db.transaction().execute(async (trx) => {
        const turn = await lockTurnRow({ kind: 'staff' }, trx, turnId);
        const line = await requireLine({ kind: 'staff' }, serviceLineId, trx);
        if (line.providerCategory !== 'rent_ready')
          throw new AppError('conflict', 'Only our own services get a pro; this one is done by others.');
        if (!isOpenLine(line.status))
          throw new AppError('conflict', `This service is ${line.status.replace('_', ' ')}; its pro can't change.`);
        if (line.assignedProId === proId) return;
        await repository.updateServiceLine(trx, serviceLineId, { assignedProId: proId, updatedAt: now() });
        await recordAudit(trx, clock, actor, {
          action: 'service_line.pro_assigned',
          subjectType: 'turn_service_line',
          subjectId: serviceLineId,
          accountId: line.accountId,
          before: { proId: line.assignedProId },
          after: { proId },
        });
        const work = { serviceName: line.serviceName, scheduledDate: line.scheduledDate };
        if (line.assignedProId)
          await notices.notifyPros(trx, 'canceled', turn, [{ ...work, proId: line.assignedProId }]);
        if (proId) await notices.notifyPros(trx, 'assigned', turn, [{ ...work, proId }]);
      });
      return loadTurn(db, turnId);
    },
  };
}
