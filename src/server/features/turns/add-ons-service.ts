import type { ActorContext } from '../../actor.ts';
import type { Trx } from '../../db/database.ts';
import { isUniqueViolation } from '../../db/unique-violation.ts';
import type { AddOnStatus, TurnAddOnsTable, TurnServiceLinesTable, TurnsTable } from '../../db/schema/turns.ts';
import { AppError, fieldError, notFound } from '../../errors.ts';
import { newId } from '../../ids.ts';
import { enqueue } from '../../outbox/outbox.ts';
import { formatCents, type RequestAddOnBodyParsed } from '../../../shared/turn-contracts.ts';
import { recordAudit } from '../audit/index.ts';
import { actorKindOf, type TurnContext, type TurnScope } from './turn-context.ts';
import { addOnFitsService, checkAddOnPhotoPolicy, contactDelivery, decideAddOnRequest } from './turn-rules.ts';
import * as repository from './turns-repository.ts';

/** How a request from the field differs from one staff relay. */
export interface FieldRequestOptions {
  /** The account sends pro requests to staff first ("official channels"). */
  toStaffFirst?: boolean;
  /** Photos sent with the request; a staff relay has none to send. */
  photoCount?: number;
  /** Runs inside the request's transaction, after the add-on row exists (its photos are attached there). */
  afterInsert?: (trx: Trx, addOn: TurnAddOnsTable) => Promise<void>;
}

/** Add-ons requested after the order: who approves them, the messages that ask, and the decisions. */
export function createAddOnsService(context: TurnContext, publicUrl: string) {
  const { db, clock, catalog, canSee, now, requireLine, requireTurnRow, lockTurnRow, loadTurn, orderableServices } =
    context;

  function checkLineTakesAddOns(line: TurnServiceLinesTable) {
    if (line.status === 'canceled' || line.status === 'completed')
      throw new AppError('conflict', `This service is ${line.status}; add-ons can no longer be requested.`);
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
    const emails = approver ? (await repository.listPrimaryEmails(trx, [approver.id])).map((row) => row.email) : [];
    const delivery = approver ? contactDelivery(approver, emails) : null;
    if (approver && delivery)
      await enqueue(trx, clock, {
        kind: delivery.channel === 'sms' ? 'add_on_approval_requested_sms' : 'add_on_approval_requested',
        to: delivery.to,
        payload: { ...payload, contact: { firstName: approver.firstName } },
        dedupeKey: `add_on_approval_requested:${record.addOn.id}`,
        accountId: record.turn.accountId,
        contactId: approver.id,
      });
    // The backup phone is texted too, unless it is the number the approver was just texted on.
    if (
      profile.backupNotificationPhone &&
      !(delivery?.channel === 'sms' && delivery.to[0] === profile.backupNotificationPhone)
    ) {
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
    const by = actorKindOf(actor);
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

  return {
    /**
     * Staff relay a pro's request for extra work. The account's approval method decides: approved now
     * (under the limit), pending for staff, or pending for the customer (email + SMS to the backup phone).
     */
    async requestAddOn(
      serviceLineId: string,
      input: RequestAddOnBodyParsed,
      actor: ActorContext,
      options: FieldRequestOptions = {},
    ) {
      const line = await requireLine({ kind: 'staff' }, serviceLineId);
      checkLineTakesAddOns(line);
      const turn = await requireTurnRow({ kind: 'staff' }, line.turnId);
      if (await repository.findPendingAddOn(db, serviceLineId))
        throw new AppError('conflict', 'This service already has an add-on waiting for approval.');
      const services = await orderableServices(turn.accountId, turn.floorplanId ?? '');
      const service = services.addOns.find(
        (candidate) => candidate.id === input.serviceId && addOnFitsService(candidate, line.serviceId),
      );
      if (!service)
        throw fieldError('serviceId', `Choose an add-on offered with ${line.serviceName} for this floorplan`);
      const profile = await catalog.serviceProfiles.getServiceProfile(turn.accountId);
      checkAddOnPhotoPolicy(profile.addonPhotosRequired, options.photoCount);
      // "Official channels": a pro's request waits for staff, whatever the account's approval method.
      const decision = options.toStaffFirst
        ? ({ status: 'pending', approver: 'staff' } as const)
        : decideAddOnRequest(profile.addonApprovalMethod, profile.addonAutoApproveLimitCents, service.orderPriceCents);
      const requestedAt = now();
      const by = actorKindOf(actor);
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
        // The service may have been canceled or completed since it was read above.
        await lockTurnRow({ kind: 'staff' }, trx, turn.id);
        checkLineTakesAddOns(await requireLine({ kind: 'staff' }, serviceLineId, trx));
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
        await options.afterInsert?.(trx, addOn);
        if (addOn.status === 'pending' && addOn.approver === 'customer')
          await notifyApprovers(trx, profile, { turn, line, addOn, propertyName: property?.name ?? '' });
      });
      return loadTurn(db, turn.id);
    },

    approveAddOn: (scope: TurnScope, addOnId: string, note: string | null, actor: ActorContext) =>
      decideAddOn(scope, addOnId, 'approved', note, actor),
    declineAddOn: (scope: TurnScope, addOnId: string, note: string | null, actor: ActorContext) =>
      decideAddOn(scope, addOnId, 'declined', note, actor),
  };
}
