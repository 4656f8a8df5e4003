import type { ActorContext } from '../../actor.ts';
import type { Clock } from '../../clock.ts';
import type { Db, Trx } from '../../db/database.ts';
import { isUniqueViolation } from '../../db/unique-violation.ts';
import type {
  AddOnStatus,
  CalendarDate,
  TurnAddOnsTable,
  TurnServiceLinesTable,
  TurnsTable,
} from '../../db/schema/turns.ts';
import { AppError, fieldError, notFound } from '../../errors.ts';
import { newId } from '../../ids.ts';
import { enqueue } from '../../outbox/outbox.ts';
import {
  formatCents,
  type CreateTurnBodyParsed,
  type CustomServiceBodyParsed,
  type ListTurnsQuery,
  type RequestAddOnBodyParsed,
  type SetTurnPurchaseOrdersBodyParsed,
  type TurnPreviewBodyParsed,
  type UpdatePropertyAddressBodyParsed,
  type UpdateTurnBodyParsed,
} from '../../../shared/turn-contracts.ts';
import { recordAudit } from '../audit/index.ts';
import type { CatalogFeature } from '../catalog/index.ts';
import { presentTurn, presentTurnSummary, type TurnRecord } from './turn-presenters.ts';
import {
  backScheduledDate,
  checkManualDate,
  checkPurchaseOrders,
  checkStatusChange,
  checkTurnDates,
  decideAddOnRequest,
  deriveTurnStatus,
  isOpenLine,
  readyByDate,
} from './turn-rules.ts';
import * as repository from './turns-repository.ts';

/**
 * Whose view a call runs in. A customer sees only the accounts of their session; any other id is
 * "not found", never "forbidden", so the portal does not reveal what exists elsewhere.
 */
export type TurnScope = { kind: 'customer'; accountIds: readonly string[] } | { kind: 'staff' };

const PENDING_OR_ACTIVE = new Set(['pending', 'scheduled', 'in_progress']);

export function createTurnsService(deps: { db: Db; clock: Clock; catalog: CatalogFeature; publicUrl: string }) {
  const { db, clock, catalog, publicUrl } = deps;
  const now = () => clock.now().toISOString();

  const canSee = (scope: TurnScope, accountId: string) =>
    scope.kind === 'staff' || scope.accountIds.includes(accountId);

  async function requireProperty(scope: TurnScope, accountId: string) {
    if (!canSee(scope, accountId)) throw notFound('Property');
    const [property] = await repository.findProperties(db, [accountId]);
    if (!property) throw notFound('Property');
    return property;
  }

  async function requireTurnRow(scope: TurnScope, turnId: string, executor: Db | Trx = db) {
    const turn = await repository.findTurn(executor, turnId);
    if (!turn || !canSee(scope, turn.accountId)) throw notFound('Turn');
    return turn;
  }

  async function requireLine(scope: TurnScope, serviceLineId: string, executor: Db | Trx = db) {
    const line = await repository.findServiceLine(executor, serviceLineId);
    if (!line || !canSee(scope, line.accountId)) throw notFound('Service');
    return line;
  }

  async function loadRecords(executor: Db | Trx, turns: TurnsTable[]): Promise<TurnRecord[]> {
    const ids = turns.map((turn) => turn.id);
    const [lines, addOns, properties] = await Promise.all([
      repository.listServiceLines(executor, ids),
      repository.listAddOns(executor, ids),
      repository.findProperties(executor, [...new Set(turns.map((turn) => turn.accountId))]),
    ]);
    return turns.map((turn) => ({
      turn,
      propertyName: properties.find((property) => property.id === turn.accountId)?.name ?? '',
      lines: lines.filter((line) => line.turnId === turn.id),
      addOns: addOns.filter((addOn) => addOn.turnId === turn.id),
    }));
  }

  async function loadTurn(executor: Db | Trx, turnId: string) {
    const turn = await repository.findTurn(executor, turnId);
    if (!turn) throw notFound('Turn');
    const [record] = await loadRecords(executor, [turn]);
    return presentTurn(record!);
  }

  /** The floorplan's orderable services, priced and in the property's order (reusing the catalog's pricing). */
  async function orderableServices(accountId: string, floorplanId: string) {
    const floorplan = await catalog.pricing.getFloorplanOrderPrices(floorplanId).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'not_found')
        throw fieldError('floorplanId', 'Choose a floorplan of this property');
      throw error;
    });
    if (floorplan.floorplan.accountId !== accountId)
      throw fieldError('floorplanId', 'Choose a floorplan of this property');
    const profile = await catalog.serviceProfiles.getServiceProfile(accountId);
    const inProfile = (serviceId: string) =>
      profile.turnProfileAllServices || profile.turnProfileServiceIds.includes(serviceId);
    // A Rent Ready service without a price can't be quoted, so it is not offered (staff fix the pricelist).
    const offered = floorplan.items.filter(
      (item) => item.orderPriceCents !== null || item.providerCategory !== 'rent_ready',
    );
    return {
      floorplan: floorplan.floorplan,
      standard: offered
        .filter((item) => item.kind === 'standard')
        .map((item) => ({ ...item, inTurnProfile: inProfile(item.id) })),
      addOns: offered.filter((item) => item.kind === 'add_on'),
      unpricedServiceNames: floorplan.items.filter((item) => !offered.includes(item)).map((item) => item.name),
    };
  }

  function customerOf(actor: ActorContext) {
    return {
      kind:
        actor.actorKind === 'staff'
          ? ('staff' as const)
          : actor.actorKind === 'customer'
            ? ('customer' as const)
            : ('system' as const),
      id: actor.actorId,
    };
  }

  async function notifyApprovers(
    trx: Trx,
    profile: { mainApproverContactId: string | null; backupNotificationPhone: string | null },
    record: { turn: TurnsTable; line: TurnServiceLinesTable; addOn: TurnAddOnsTable; propertyName: string },
  ) {
    const payload = {
      property: { name: record.propertyName },
      turn: { unitNumber: record.turn.unitNumber },
      addOn: {
        name: record.addOn.serviceName,
        serviceName: record.line.serviceName,
        price: formatCents(record.addOn.priceCents),
        reason: record.addOn.reason ?? '',
      },
      link: `${publicUrl}/portal/turns/${record.turn.id}`,
    };
    const approver = profile.mainApproverContactId
      ? await repository.findContact(trx, profile.mainApproverContactId)
      : undefined;
    if (approver) {
      const emails = (await repository.listPrimaryEmails(trx, [approver.id])).map((row) => row.email);
      if (emails.length) {
        await enqueue(trx, clock, {
          kind: 'add_on_approval_requested',
          to: emails,
          payload: { ...payload, contact: { firstName: approver.firstName } },
          dedupeKey: `add_on_approval_requested:${record.addOn.id}`,
          accountId: record.turn.accountId,
          contactId: approver.id,
        });
      }
    }
    if (profile.backupNotificationPhone) {
      await enqueue(trx, clock, {
        kind: 'add_on_approval_requested_sms',
        to: [profile.backupNotificationPhone],
        payload: { ...payload, contact: { firstName: approver?.firstName ?? '' } },
        dedupeKey: `add_on_approval_requested_sms:${record.addOn.id}`,
        accountId: record.turn.accountId,
      });
    }
  }

  async function decideAddOn(
    scope: TurnScope,
    addOnId: string,
    status: Exclude<AddOnStatus, 'pending'>,
    note: string | null,
    actor: ActorContext,
  ) {
    const addOn = await repository.findAddOn(db, addOnId);
    if (!addOn || !canSee(scope, addOn.accountId)) throw notFound('Add-on request');
    // Customers decide the requests routed to them; staff decide theirs (and may act for a customer who phoned).
    if (scope.kind === 'customer' && addOn.approver !== 'customer')
      throw new AppError('conflict', 'Our staff approve this add-on for your account.');
    if (addOn.status !== 'pending') throw new AppError('conflict', `This add-on was already ${addOn.status}.`);
    const by = customerOf(actor);
    await db.transaction().execute(async (trx) => {
      const decided = await repository.decidePendingAddOn(trx, addOnId, {
        status,
        decidedByKind: by.kind,
        decidedById: by.id,
        decidedAt: now(),
        decisionNote: note,
      });
      if (!decided) throw new AppError('conflict', 'Someone else decided this add-on a moment ago.');
      await recordAudit(trx, clock, actor, {
        action: status === 'approved' ? 'add_on.approved' : 'add_on.declined',
        subjectType: 'turn_add_on',
        subjectId: addOnId,
        accountId: addOn.accountId,
        before: { status: 'pending' },
        after: { status, note },
      });
    });
    return loadTurn(db, addOn.turnId);
  }

  /** Properties with their open turns and the add-ons waiting for the customer. */
  async function listProperties(accountIds: readonly string[]) {
    const properties = await repository.findProperties(db, accountIds);
    const records = await loadRecords(
      db,
      await repository.listTurns(
        db,
        properties.map((property) => property.id),
      ),
    );
    return properties.map((property) => {
      const own = records.filter((record) => record.turn.accountId === property.id);
      return {
        ...property,
        openTurnCount: own.filter((record) =>
          PENDING_OR_ACTIVE.has(
            deriveTurnStatus(
              record.lines.map((line) => line.status),
              record.turn.canceledAt !== null,
            ),
          ),
        ).length,
        pendingAddOnCount: own
          .flatMap((record) => record.addOns)
          .filter((addOn) => addOn.status === 'pending' && addOn.approver === 'customer').length,
      };
    });
  }

  return {
    // ---- Properties (portal home and property settings) ----

    listProperties: (scope: TurnScope & { kind: 'customer' }) => listProperties(scope.accountIds),

    async getProperty(scope: TurnScope, accountId: string) {
      await requireProperty(scope, accountId);
      const [property] = await listProperties([accountId]);
      return property!;
    },

    async updatePropertyAddress(
      scope: TurnScope,
      accountId: string,
      input: UpdatePropertyAddressBodyParsed,
      actor: ActorContext,
    ) {
      const before = await requireProperty(scope, accountId);
      await db.transaction().execute(async (trx) => {
        await repository.updateAccountAddress(trx, accountId, { ...input, updatedAt: now() });
        await recordAudit(trx, clock, actor, {
          action: 'account.address_updated',
          subjectType: 'account',
          subjectId: accountId,
          accountId,
          before: {
            addressLine1: before.addressLine1,
            addressLine2: before.addressLine2,
            city: before.city,
            region: before.region,
            postalCode: before.postalCode,
          },
          after: input,
        });
      });
      const [property] = await listProperties([accountId]);
      return property!;
    },

    /** "Users": everyone with portal access to this property (through it or its management company), and who approves add-ons. */
    async listPropertyUsers(scope: TurnScope, accountId: string) {
      const property = await requireProperty(scope, accountId);
      const accountIds = property.parentAccountId ? [accountId, property.parentAccountId] : [accountId];
      const [users, profile] = await Promise.all([
        repository.listPortalUsers(db, accountIds),
        catalog.serviceProfiles.getServiceProfile(accountId),
      ]);
      return users.map((user) => ({
        contactId: user.id,
        name: `${user.firstName} ${user.lastName}`,
        title: user.title,
        emails: [user.portalEmail],
        isMainApprover: profile.mainApproverContactId === user.id,
      }));
    },

    async listPropertyServices(scope: TurnScope, accountId: string) {
      await requireProperty(scope, accountId);
      return catalog.services.listAccountServices(accountId);
    },

    /** A customer's own service (done in-house or by another vendor), so the board shows the whole turn. */
    async createCustomService(
      scope: TurnScope,
      accountId: string,
      input: CustomServiceBodyParsed,
      actor: ActorContext,
    ) {
      await requireProperty(scope, accountId);
      const code = `CUSTOM_${newId().replaceAll('-', '').slice(-12).toUpperCase()}`;
      return catalog.services.createAccountService(
        accountId,
        { ...input, code, kind: 'standard', active: true },
        actor,
      );
    },

    async reorderPropertyServices(scope: TurnScope, accountId: string, serviceIds: string[], actor: ActorContext) {
      await requireProperty(scope, accountId);
      return catalog.services.reorderAccountServices(accountId, serviceIds, actor);
    },

    async listPropertyFloorplans(scope: TurnScope, accountId: string) {
      await requireProperty(scope, accountId);
      return catalog.pricing.listFloorplans(accountId);
    },

    async getFloorplanPricelist(scope: TurnScope, floorplanId: string) {
      const pricelist = await catalog.pricing.getFloorplanPrices(floorplanId);
      if (!canSee(scope, pricelist.floorplan.accountId)) throw notFound('Floorplan');
      return pricelist;
    },

    async listPropertyUnits(scope: TurnScope, accountId: string) {
      await requireProperty(scope, accountId);
      return catalog.units.listUnits(accountId);
    },

    async getCalendar(scope: TurnScope, accountId: string, from: CalendarDate, to: CalendarDate) {
      await requireProperty(scope, accountId);
      if (to < from) throw fieldError('to', 'The end of the range must not be before its start');
      return repository.listCalendarLines(db, accountId, from, to);
    },

    // ---- Turns ----

    async listTurns(scope: TurnScope, accountId: string, query: ListTurnsQuery) {
      const account = await repository.findAccountKind(db, accountId);
      if (!account || !canSee(scope, accountId)) throw notFound('Property');
      // Staff open a management company's tab too: its properties' turns.
      const accountIds =
        account.kind === 'property' ? [accountId] : await repository.findChildPropertyIds(db, accountId);
      const records = await loadRecords(db, await repository.listTurns(db, accountIds, { search: query.search }));
      const summaries = records.map(presentTurnSummary);
      return query.status ? summaries.filter((summary) => summary.status === query.status) : summaries;
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

      const createdAt = now();
      const turn: TurnsTable = {
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
        createdByKind: customerOf(actor).kind,
        createdById: actor.actorId,
        canceledAt: null,
        cancelReason: null,
        createdAt,
        updatedAt: createdAt,
      };
      const seen = new Set<string>();
      const lines: TurnServiceLinesTable[] = [];
      const addOns: TurnAddOnsTable[] = [];
      const by = customerOf(actor);
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
          createdAt,
          updatedAt: createdAt,
        };
        lines.push(line);
        new Set(lineInput.addOnServiceIds).forEach((addOnServiceId) => {
          const addOn = services.addOns.find((candidate) => candidate.id === addOnServiceId);
          if (!addOn)
            throw fieldError(`lines.${index}.addOnServiceIds`, 'This add-on is not offered for this floorplan');
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

      await db.transaction().execute(async (trx) => {
        await repository.insertTurn(trx, turn);
        await repository.insertServiceLines(trx, lines);
        await repository.insertAddOns(trx, addOns);
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
            })),
            addOns: addOns.map((addOn) => ({ name: addOn.serviceName, priceCents: addOn.priceCents })),
          },
        });
      });
      return loadTurn(db, turn.id);
    },

    /**
     * Changes dates and notes. Services with back-scheduled dates follow a new move-in; dates someone
     * picked stay as they are (never silently reverted) unless the customer asks to re-flow.
     */
    async updateTurn(scope: TurnScope, turnId: string, input: UpdateTurnBodyParsed, actor: ActorContext) {
      const turn = await requireTurnRow(scope, turnId);
      if (turn.canceledAt) throw new AppError('conflict', 'This turn was canceled.');
      checkTurnDates(input.moveOutDate, input.moveInDate);
      const lines = await repository.listServiceLines(db, [turnId]);
      const updatedAt = now();
      await db.transaction().execute(async (trx) => {
        await repository.updateTurn(trx, turnId, {
          moveOutDate: input.moveOutDate,
          moveInDate: input.moveInDate,
          notes: input.notes,
          updatedAt,
        });
        const moved: Array<{ service: string; from: string | null; to: string | null }> = [];
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
        }
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
      return loadTurn(db, turnId);
    },

    /** "How to change date for scheduling": the picked date sticks through later move-in changes. */
    async rescheduleServiceLine(
      scope: TurnScope,
      serviceLineId: string,
      scheduledDate: CalendarDate,
      actor: ActorContext,
    ) {
      const line = await requireLine(scope, serviceLineId);
      const turn = await requireTurnRow(scope, line.turnId);
      if (!isOpenLine(line.status))
        throw new AppError(
          'conflict',
          `This service is ${line.status.replace('_', ' ')}; its date can no longer change.`,
        );
      checkManualDate('scheduledDate', scheduledDate, turn.moveOutDate, turn.moveInDate);
      const suggested = backScheduledDate(turn.moveOutDate, turn.moveInDate, line.defaultDayOffset);
      await db.transaction().execute(async (trx) => {
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
      });
      return loadTurn(db, line.turnId);
    },

    /** "How to remove a specific service": an open service is canceled (kept for the record), with its pending add-ons. */
    async removeServiceLine(scope: TurnScope, serviceLineId: string, actor: ActorContext) {
      const line = await requireLine(scope, serviceLineId);
      if (!isOpenLine(line.status))
        throw new AppError('conflict', `This service is ${line.status.replace('_', ' ')} and can't be removed.`);
      const siblings = await repository.listServiceLines(db, [line.turnId]);
      if (siblings.filter((sibling) => sibling.id !== line.id && sibling.status !== 'canceled').length === 0) {
        throw new AppError('conflict', 'This is the turn’s last service. Cancel the turn instead.');
      }
      const by = customerOf(actor);
      await db.transaction().execute(async (trx) => {
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
      });
      return loadTurn(db, line.turnId);
    },

    /** Cancels the whole turn: every open service stops; work already started or done stays on record. */
    async cancelTurn(scope: TurnScope, turnId: string, reason: string | null, actor: ActorContext) {
      const turn = await requireTurnRow(scope, turnId);
      if (turn.canceledAt) throw new AppError('conflict', 'This turn is already canceled.');
      const lines = await repository.listServiceLines(db, [turnId]);
      const started = lines.filter((line) => line.status === 'in_progress');
      if (started.length)
        throw new AppError(
          'conflict',
          `Work has started on ${started.map((line) => line.serviceName).join(', ')}. Call us to stop it.`,
        );
      const open = lines.filter((line) => isOpenLine(line.status));
      const by = customerOf(actor);
      const canceledAt = now();
      await db.transaction().execute(async (trx) => {
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
      });
      return loadTurn(db, turnId);
    },

    /** The default PO (or "I don't know yet") and each open service's own PO, set together. */
    async setPurchaseOrders(
      scope: TurnScope,
      turnId: string,
      input: SetTurnPurchaseOrdersBodyParsed,
      actor: ActorContext,
    ) {
      const turn = await requireTurnRow(scope, turnId);
      if (turn.canceledAt) throw new AppError('conflict', 'This turn was canceled.');
      checkPurchaseOrders(input.defaultPoNumber, input.poUnknown);
      const lines = await repository.listServiceLines(db, [turnId]);
      input.lines.forEach((entry, index) => {
        if (!lines.some((line) => line.id === entry.serviceLineId))
          throw fieldError(`lines.${index}.serviceLineId`, 'This service is not part of the turn');
      });
      const updatedAt = now();
      await db.transaction().execute(async (trx) => {
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
      });
      return loadTurn(db, turnId);
    },

    // ---- Add-ons requested after the order ----

    /**
     * Staff relay a pro's request for extra work. The account's approval method decides: approved now
     * (under the limit), pending for staff, or pending for the customer (email + SMS to the backup phone).
     */
    async requestAddOn(serviceLineId: string, input: RequestAddOnBodyParsed, actor: ActorContext) {
      const line = await requireLine({ kind: 'staff' }, serviceLineId);
      if (line.status === 'canceled' || line.status === 'completed')
        throw new AppError('conflict', `This service is ${line.status}; add-ons can no longer be requested.`);
      const turn = await requireTurnRow({ kind: 'staff' }, line.turnId);
      if (await repository.findPendingAddOn(db, serviceLineId))
        throw new AppError('conflict', 'This service already has an add-on waiting for approval.');
      const services = await orderableServices(turn.accountId, turn.floorplanId ?? '');
      const service = services.addOns.find((candidate) => candidate.id === input.serviceId);
      if (!service) throw fieldError('serviceId', 'Choose an add-on offered for this floorplan');
      const profile = await catalog.serviceProfiles.getServiceProfile(turn.accountId);
      const decision = decideAddOnRequest(
        profile.addonApprovalMethod,
        profile.addonAutoApproveLimitCents,
        service.orderPriceCents,
      );
      const requestedAt = now();
      const by = customerOf(actor);
      const addOn: TurnAddOnsTable = {
        id: newId(),
        serviceLineId,
        turnId: turn.id,
        accountId: turn.accountId,
        serviceId: service.id,
        serviceName: service.name,
        priceCents: service.orderPriceCents,
        status: decision.status,
        approver: decision.status === 'pending' ? decision.approver : 'customer',
        reason: input.reason,
        requestedByKind: by.kind,
        requestedById: by.id,
        requestedAt,
        decidedByKind: decision.status === 'approved' ? 'system' : null,
        decidedById: null,
        decidedAt: decision.status === 'approved' ? requestedAt : null,
        decisionNote: decision.status === 'approved' ? 'Approved automatically: under the account’s limit' : null,
      };
      const [property] = await repository.findProperties(db, [turn.accountId]);
      await db.transaction().execute(async (trx) => {
        await repository.insertAddOns(trx, [addOn]).catch((error: unknown) => {
          // The partial unique index caught a request made at the same moment.
          if (isUniqueViolation(error))
            throw new AppError('conflict', 'This service already has an add-on waiting for approval.');
          throw error;
        });
        await recordAudit(trx, clock, actor, {
          action: 'add_on.requested',
          subjectType: 'turn_add_on',
          subjectId: addOn.id,
          accountId: turn.accountId,
          after: {
            service: line.serviceName,
            addOn: addOn.serviceName,
            priceCents: addOn.priceCents,
            reason: addOn.reason,
            method: profile.addonApprovalMethod,
            status: addOn.status,
            approver: addOn.approver,
          },
        });
        if (addOn.status === 'pending' && addOn.approver === 'customer')
          await notifyApprovers(trx, profile, { turn, line, addOn, propertyName: property?.name ?? '' });
      });
      return loadTurn(db, turn.id);
    },

    approveAddOn: (scope: TurnScope, addOnId: string, note: string | null, actor: ActorContext) =>
      decideAddOn(scope, addOnId, 'approved', note, actor),
    declineAddOn: (scope: TurnScope, addOnId: string, note: string | null, actor: ActorContext) =>
      decideAddOn(scope, addOnId, 'declined', note, actor),

    // ---- Staff progress updates ----

    async setServiceLineStatus(
      serviceLineId: string,
      status: 'scheduled' | 'in_progress' | 'completed',
      actor: ActorContext,
    ) {
      const line = await requireLine({ kind: 'staff' }, serviceLineId);
      const turn = await requireTurnRow({ kind: 'staff' }, line.turnId);
      if (turn.canceledAt) throw new AppError('conflict', 'This turn was canceled.');
      checkStatusChange(line.status, status, line.scheduledDate !== null);
      if (line.status === status) return loadTurn(db, line.turnId);
      await db.transaction().execute(async (trx) => {
        await repository.updateServiceLine(trx, serviceLineId, { status, updatedAt: now() });
        await recordAudit(trx, clock, actor, {
          action: 'service_line.status_set',
          subjectType: 'turn_service_line',
          subjectId: serviceLineId,
          accountId: line.accountId,
          before: { status: line.status },
          after: { status },
        });
      });
      return loadTurn(db, line.turnId);
    },
  };
}

export type TurnsService = ReturnType<typeof createTurnsService>;
