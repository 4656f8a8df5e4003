import type { ActorContext } from '../../actor.ts';
import type { Trx } from '../../db/database.ts';
import { isUniqueViolation } from '../../db/unique-violation.ts';
import type { CalendarDate, TurnAddOnsTable, TurnServiceLinesTable, TurnsTable } from '../../db/schema/turns.ts';
import { AppError, fieldError, notFound } from '../../errors.ts';
import { newId } from '../../ids.ts';
import {
  CLOSED_TURNS_WINDOW_DAYS,
  ServiceLineStatusSchema,
  type CreateTurnBodyParsed,
  type ListTurnsQuery,
  type TurnCountsQuery,
  type TurnPreviewBodyParsed,
} from '../../../shared/turn-contracts.ts';
import { recordAudit } from '../audit/index.ts';
import { actorKindOf, groupByTurn, type TurnContext, type TurnScope } from './turn-context.ts';
import { type AssignablePro, choosePro, needsPro, type ProPreference } from './pro-assignment-rules.ts';
import { proWorkOf } from './turn-notices.ts';
import { presentTurnSummary } from './turn-presenters.ts';
import {
  addOnFitsService,
  addDays,
  backScheduledDate,
  checkManualDate,
  checkPurchaseOrders,
  checkTurnDates,
  readyByDate,
} from './turn-rules.ts';
import { decodeCursor, encodeCursor } from './turn-cursor.ts';
import * as pages from './turn-pages-repository.ts';
import * as repository from './turns-repository.ts';

function duplicateOrder(existingTurnId?: string) {
  return new AppError(
    'conflict',
    'This unit already has an open turn for these dates. Open it, or order anyway.',
    existingTurnId ? { existingTurnId } : undefined,
  );
}

/** Ordering turns and finding them again: the turn board, a turn's page, the new-turn form. */
export function createTurnOrdersService(context: TurnContext) {
  const { db, clock, catalog, notices, canSee, now, requireProperty, requireTurnRow, loadTurn, orderableServices } =
    context;

  /** 409 naming the open turn of the unit whose dates overlap, so the portal can open it or order anyway. */
  async function refuseOverlap(
    accountId: string,
    unitNumber: string,
    moveOutDate: CalendarDate,
    moveInDate: CalendarDate | null,
  ) {
    const existing = await repository.findOverlappingOpenTurn(db, accountId, unitNumber, moveOutDate, moveInDate);
    if (existing) throw duplicateOrder(existing.id);
  }

  /** Each service of ours gets the property's preferred pro, else the secondary, else none (flagged). */
  async function assignPros(
    trx: Trx,
    lines: TurnServiceLinesTable[],
    preferences: Array<ProPreference & { serviceId: string }>,
    pros: Array<{ id: string; active: number; dailyCapacity: number }>,
  ) {
    const byId = new Map<string, AssignablePro>(
      pros.map((pro) => [pro.id, { id: pro.id, active: pro.active === 1, dailyCapacity: pro.dailyCapacity }]),
    );
    const dates = [...new Set(lines.flatMap((line) => line.scheduledDate ?? []))];
    const booked = new Map(
      (await repository.countProBookings(trx, [...byId.keys()], dates)).map((row) => [
        `${row.proId} ${row.date}`,
        row.count,
      ]),
    );
    for (const line of lines) {
      if (!needsPro(line)) continue;
      const preference = preferences.find((candidate) => candidate.serviceId === line.serviceId);
      const choice = choosePro(
        preference,
        byId,
        (proId, date) => booked.get(`${proId} ${date}`) ?? 0,
        line.scheduledDate,
      );
      line.assignedProId = choice.proId;
      if (choice.proId && line.scheduledDate) {
        const key = `${choice.proId} ${line.scheduledDate}`;
        booked.set(key, (booked.get(key) ?? 0) + 1);
      }
    }
  }

  // An account's kind never changes and accounts are never deleted, so it is read once per account
  // (bounded: the oldest entry goes when full).
  const kinds = new Map<string, 'property' | 'management_company'>();
  async function accountKind(accountId: string) {
    const known = kinds.get(accountId);
    if (known) return known;
    const account = await repository.findAccountKind(db, accountId);
    if (!account) return undefined;
    if (kinds.size >= 10_000) kinds.delete(kinds.keys().next().value!);
    kinds.set(accountId, account.kind);
    return account.kind;
  }

  async function listScope(scope: TurnScope, accountId: string) {
    if (!canSee(scope, accountId)) throw notFound('Property');
    const kind = await accountKind(accountId);
    if (!kind) throw notFound('Property');
    // Staff open a management company's tab too: its properties' turns.
    return kind === 'property' ? { propertyId: accountId } : { companyId: accountId };
  }

  function filtersOf(query: TurnCountsQuery) {
    const today = clock.now().toISOString().slice(0, 10);
    return {
      search: query.search,
      closedSince: query.includeOlder ? null : addDays(today, -CLOSED_TURNS_WINDOW_DAYS),
    };
  }

  return {
    /** One page of the board or the staff Turns tab, filtered, windowed and ordered in the database. */
    async listTurns(scope: TurnScope, accountId: string, query: ListTurnsQuery) {
      const where = await listScope(scope, accountId);
      const page = pages.turnPageQuery(db, where, {
        ...filtersOf(query),
        status: query.status,
        after: query.cursor ? decodeCursor(query.cursor) : null,
        limit: query.limit + 1,
      });
      // Both read the page through its query, side by side: one round trip instead of two in a row.
      const [rows, services] = await Promise.all([
        pages.listTurnSummaries(db, page, pages.readsNewestFirst(query.status)),
        pages.listPageServices(db, page),
      ]);
      const servicesOf = groupByTurn(services);
      const items = rows.slice(0, query.limit).map((row) =>
        presentTurnSummary(
          row,
          (servicesOf.get(row.id) ?? []).map((line) => ({
            name: line.serviceName,
            status: line.status,
            scheduledDate: line.scheduledDate,
          })),
        ),
      );
      const last = rows.at(query.limit - 1);
      return {
        items,
        nextCursor:
          rows.length > query.limit && last ? encodeCursor([last.boardDate, last.moveOutDate, last.id]) : null,
      };
    },

    /** The board's column counts, one aggregate query under the same filters as the pages. */
    async countTurns(scope: TurnScope, accountId: string, query: TurnCountsQuery) {
      const where = await listScope(scope, accountId);
      const found = await pages.countTurnsByStatus(db, where, filtersOf(query));
      return {
        counts: ServiceLineStatusSchema.options.map((status) => ({
          status,
          count: found.find((row) => row.status === status)?.count ?? 0,
        })),
      };
    },

    async getTurn(scope: TurnScope, turnId: string) {
      await requireTurnRow(scope, turnId);
      return loadTurn(db, turnId);
    },

    /** What the new-turn form offers for a floorplan and dates; nothing is saved. */
    async previewTurn(scope: TurnScope, accountId: string, input: TurnPreviewBodyParsed) {
      await requireProperty(scope, accountId);
      checkTurnDates(input.moveOutDate, input.moveInDate);
      const services = await orderableServices(accountId, input.floorplanId);
      return {
        floorplanId: services.floorplan.id,
        floorplanName: services.floorplan.name,
        readyByDate: readyByDate(input.moveInDate),
        services: services.standard.map((service) => ({
          serviceId: service.id,
          name: service.name,
          providerCategory: service.providerCategory,
          priceCents: service.orderPriceCents,
          suggestedDate: backScheduledDate(input.moveOutDate, input.moveInDate, service.defaultDayOffset),
          inTurnProfile: service.inTurnProfile,
        })),
        addOns: services.addOns.map((addOn) => ({
          serviceId: addOn.id,
          name: addOn.name,
          providerCategory: addOn.providerCategory,
          priceCents: addOn.orderPriceCents,
          parentServiceId: addOn.parentServiceId ?? null,
        })),
        unpricedServiceNames: services.unpricedServiceNames,
      };
    },

    /**
     * Orders a turn: prices are snapshotted from the floorplan pricelist, dates back-scheduled from the
     * move-in unless picked, and add-ons chosen now count as approved by the customer placing the order.
     */
    async createTurn(scope: TurnScope, accountId: string, input: CreateTurnBodyParsed, actor: ActorContext) {
      await requireProperty(scope, accountId);
      checkTurnDates(input.moveOutDate, input.moveInDate);
      checkPurchaseOrders(input.defaultPoNumber, input.poUnknown);
      const units = await catalog.units.listUnits(accountId);
      const unit = input.unitId
        ? units.find((candidate) => candidate.id === input.unitId)
        : units.find((candidate) => candidate.number.toLowerCase() === input.unitNumber?.toLowerCase());
      if (input.unitId && !unit) throw fieldError('unitId', 'Choose a unit of this property');
      const unitNumber = unit?.number ?? input.unitNumber;
      if (!unitNumber) throw fieldError('unitNumber', 'Choose a unit or enter its number');
      const floorplanId = input.floorplanId ?? unit?.floorplanId ?? null;
      if (!floorplanId) throw fieldError('floorplanId', 'Choose the floorplan');
      const services = await orderableServices(accountId, floorplanId);
      if (!input.allowOverlap) await refuseOverlap(accountId, unitNumber, input.moveOutDate, input.moveInDate);
      const [preferences, pros] = await Promise.all([
        catalog.pros.listProPreferences(accountId),
        catalog.pros.listPros(),
      ]);

      const createdAt = now();
      const turn: Omit<TurnsTable, 'companyId'> = {
        id: newId(),
        accountId,
        unitId: unit?.id ?? null,
        unitNumber,
        floorplanId,
        floorplanName: services.floorplan.name,
        moveOutDate: input.moveOutDate,
        moveInDate: input.moveInDate,
        notes: input.notes,
        defaultPoNumber: input.defaultPoNumber,
        poUnknown: input.poUnknown ? 1 : 0,
        createdByKind: actorKindOf(actor).kind,
        createdById: actor.actorId,
        canceledAt: null,
        cancelReason: null,
        createdAt,
        updatedAt: createdAt,
        // Derived from the lines once they are inserted.
        status: 'pending',
      };
      const seen = new Set<string>();
      const lines: TurnServiceLinesTable[] = [];
      const addOns: TurnAddOnsTable[] = [];
      const by = actorKindOf(actor);
      input.lines.forEach((lineInput, index) => {
        const service = services.standard.find((candidate) => candidate.id === lineInput.serviceId);
        if (!service) throw fieldError(`lines.${index}.serviceId`, 'This service is not offered for this floorplan');
        if (seen.has(service.id)) throw fieldError(`lines.${index}.serviceId`, 'This service is listed twice');
        seen.add(service.id);
        const suggested = backScheduledDate(input.moveOutDate, input.moveInDate, service.defaultDayOffset);
        if (lineInput.scheduledDate)
          checkManualDate(`lines.${index}.scheduledDate`, lineInput.scheduledDate, input.moveOutDate, input.moveInDate);
        const scheduledDate = lineInput.scheduledDate ?? suggested;
        const line: TurnServiceLinesTable = {
          id: newId(),
          turnId: turn.id,
          accountId,
          serviceId: service.id,
          serviceName: service.name,
          providerCategory: service.providerCategory,
          position: services.standard.indexOf(service),
          defaultDayOffset: service.defaultDayOffset,
          scheduledDate,
          dateIsManual: lineInput.scheduledDate && lineInput.scheduledDate !== suggested ? 1 : 0,
          status: 'pending',
          priceCents: service.orderPriceCents,
          poNumber: lineInput.poNumber,
          assignedProId: null,
          createdAt,
          updatedAt: createdAt,
        };
        lines.push(line);
        new Set(lineInput.addOnServiceIds).forEach((addOnServiceId) => {
          const addOn = services.addOns.find((candidate) => candidate.id === addOnServiceId);
          if (!addOn)
            throw fieldError(`lines.${index}.addOnServiceIds`, 'This add-on is not offered for this floorplan');
          if (!addOnFitsService(addOn, service.id))
            throw fieldError(`lines.${index}.addOnServiceIds`, `${addOn.name} is not offered with ${service.name}`);
          addOns.push({
            id: newId(),
            serviceLineId: line.id,
            turnId: turn.id,
            accountId,
            serviceId: addOn.id,
            serviceName: addOn.name,
            priceCents: addOn.orderPriceCents,
            status: 'approved',
            approver: 'customer',
            reason: null,
            requestedByKind: by.kind,
            requestedById: by.id,
            requestedAt: createdAt,
            decidedByKind: by.kind,
            decidedById: by.id,
            decidedAt: createdAt,
            decisionNote: 'Ordered with the turn',
          });
        });
      });
      lines.sort((left, right) => left.position - right.position);

      // "Units we have served": a unit number not on file joins the property's units.
      turn.unitId ??= (
        await catalog.units.createUnit(accountId, { number: unitNumber, floorplanId, notes: null }, actor)
      ).id;
      await db.transaction().execute(async (trx) => {
        await assignPros(trx, lines, preferences, pros);
        await repository.insertTurn(trx, turn).catch((error: unknown) => {
          if (isUniqueViolation(error)) throw duplicateOrder();
          throw error;
        });
        await repository.insertServiceLines(trx, lines);
        await repository.insertAddOns(trx, addOns);
        await notices.notifyPros(trx, 'assigned', turn, proWorkOf(lines));
        // Staff ordering for a customer (or the demo seed) already know of it.
        if (scope.kind === 'customer') await notices.notifyStaff(trx, 'ordered', turn);
        await recordAudit(trx, clock, actor, {
          action: 'turn.created',
          subjectType: 'turn',
          subjectId: turn.id,
          accountId,
          after: {
            unitNumber,
            floorplan: turn.floorplanName,
            moveOutDate: turn.moveOutDate,
            moveInDate: turn.moveInDate,
            defaultPoNumber: turn.defaultPoNumber,
            poUnknown: input.poUnknown,
            lines: lines.map((line) => ({
              service: line.serviceName,
              scheduledDate: line.scheduledDate,
              priceCents: line.priceCents,
              poNumber: line.poNumber,
              proId: line.assignedProId,
            })),
            addOns: addOns.map((addOn) => ({ name: addOn.serviceName, priceCents: addOn.priceCents })),
          },
        });
      });
      return loadTurn(db, turn.id);
    },
  };
}
