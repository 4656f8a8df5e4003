import type { ActorContext } from '../../actor.ts';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import type { PhotoPurpose, ReworkRequestsTable } from '../../db/schema/field-work.ts';
import type { CalendarDate } from '../../db/schema/turns.ts';
import { AppError, fieldError, notFound } from '../../errors.ts';
import { newId } from '../../ids.ts';
import type { Assignment } from '../../../shared/field-contracts.ts';
import { recordAudit } from '../audit/index.ts';
import type { CatalogFeature } from '../catalog/index.ts';
import type { PhotosFeature } from '../photos/index.ts';
import type { TurnsFeature } from '../turns/index.ts';
import * as repository from './field-repository.ts';
import { checkPhotoSelection, checkTurnOpen } from './field-rules.ts';

/** Who looks: a pro sees the turns they work on, a customer their accounts', staff everything. */
export type Viewer =
  | { kind: 'pro'; proId: string }
  | { kind: 'customer'; accountIds: readonly string[]; loginId: string }
  | { kind: 'staff' };

const STAFF = { kind: 'staff' } as const;
// The pro page shows today and the coming days; a longer window is refused rather than slow.
const MAX_WINDOW_DAYS = 31;

function formatAddress(row: {
  addressLine1: string | null;
  addressLine2: string | null;
  city: string | null;
  region: string | null;
  postalCode: string | null;
}) {
  const street = [row.addressLine1, row.addressLine2].filter(Boolean).join(', ');
  const place = [row.city, [row.region, row.postalCode].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  return [street, place].filter(Boolean).join(', ');
}

export function createFieldService(deps: {
  db: Db;
  clock: Clock;
  turns: TurnsFeature;
  photos: PhotosFeature;
  catalog: CatalogFeature;
}) {
  const { db, clock, turns, photos, catalog } = deps;

  /** A service of the pro's; anyone else's is "not found", so assignments do not leak between pros. */
  async function requireProLine(proId: string, serviceLineId: string) {
    const found = await turns.field.findLine(STAFF, serviceLineId);
    if (found.line.assignedProId !== proId) throw notFound('Service');
    return found;
  }

  async function mayView(viewer: Viewer, photo: { accountId: string; turnId: string }) {
    if (viewer.kind === 'staff') return true;
    if (viewer.kind === 'customer') return viewer.accountIds.includes(photo.accountId);
    return turns.field.proCanSeeTurn(viewer.proId, photo.turnId);
  }

  async function selectedPhotos(
    photoIds: readonly string[],
    serviceLineId: string,
    purpose: PhotoPurpose,
    uploadedById: string,
  ) {
    const rows = await photos.findPhotos(photoIds);
    checkPhotoSelection(photoIds, rows, { serviceLineId, purpose, uploadedById });
  }

  async function setStatus(
    proId: string,
    serviceLineId: string,
    status: 'in_progress' | 'completed',
    actor: ActorContext,
  ) {
    const { line, turn } = await requireProLine(proId, serviceLineId);
    checkTurnOpen(turn);
    if (status === 'in_progress' && line.status !== 'pending' && line.status !== 'scheduled')
      throw new AppError('conflict', `This service is ${line.status.replace('_', ' ')}; it cannot start again.`);
    if (status === 'completed' && line.status !== 'in_progress')
      throw new AppError('conflict', 'Start the service before completing it.');
    await turns.changes.setServiceLineStatus(serviceLineId, status, actor);
  }

  return {
    /** The pro's services in a window, with everything needed at the door. */
    async listAssignments(proId: string, from: CalendarDate, to: CalendarDate): Promise<Assignment[]> {
      const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
      if (days > MAX_WINDOW_DAYS) throw fieldError('to', `Ask for at most ${MAX_WINDOW_DAYS} days at a time`);
      const { items } = await turns.assignments.listProAssignments(proId, from, to);
      const turnIds = [...new Set(items.map((item) => item.turnId))];
      const turnById = new Map(
        await Promise.all(turnIds.map(async (turnId) => [turnId, await turns.orders.getTurn(STAFF, turnId)] as const)),
      );
      const accountIds = [...new Set(items.map((item) => item.accountId))];
      const units = (await Promise.all(accountIds.map((accountId) => catalog.units.listUnits(accountId)))).flat();
      const turnPhotos = await photos.listPhotosOfTurns(turnIds);
      return Promise.all(
        items.map(async (item) => {
          const turn = turnById.get(item.turnId)!;
          const line = turn.lines.find((candidate) => candidate.id === item.serviceLineId);
          const pending = line?.addOns.find((addOn) => addOn.status === 'pending');
          const unit = units.find((candidate) => candidate.id === turn.unitId);
          return {
            serviceLineId: item.serviceLineId,
            turnId: item.turnId,
            serviceName: item.serviceName,
            status: item.status,
            scheduledDate: item.scheduledDate,
            isRework: line?.reworkOfServiceLineId != null,
            propertyName: item.propertyName,
            address: formatAddress(item),
            unitNumber: item.unitNumber,
            floorplanName: turn.floorplanName,
            accessNotes: unit?.notes ?? null,
            turnNotes: item.notes,
            moveInDate: item.moveInDate,
            approvedAddOns: (line?.addOns ?? [])
              .filter((addOn) => addOn.status === 'approved')
              .map((addOn) => ({ name: addOn.name })),
            pendingAddOn: pending ? { name: pending.name, approver: pending.approver } : null,
            addOnOptions:
              item.status === 'canceled' || item.status === 'completed' || turn.canceledAt
                ? []
                : await turns.field.addOnOptions(STAFF, item.serviceLineId),
            photos: turnPhotos.filter((photo) => photo.serviceLineId === item.serviceLineId),
          };
        }),
      );
    },

    /** A before, after or add-on photo of one of the pro's services. */
    async uploadAsPro(proId: string, serviceLineId: string, purpose: PhotoPurpose, body: unknown) {
      const { line, turn } = await requireProLine(proId, serviceLineId);
      checkTurnOpen(turn);
      if (line.status === 'canceled') throw new AppError('conflict', 'This service was canceled.');
      return photos.savePhoto(
        {
          accountId: line.accountId,
          turnId: turn.id,
          serviceLineId,
          purpose,
          uploadedByKind: 'pro',
          uploadedById: proId,
        },
        body,
      );
    },

    startService: (proId: string, serviceLineId: string, actor: ActorContext) =>
      setStatus(proId, serviceLineId, 'in_progress', actor),
    completeService: (proId: string, serviceLineId: string, actor: ActorContext) =>
      setStatus(proId, serviceLineId, 'completed', actor),

    /**
     * Extra work found on site, priced from the floorplan's pricelist. The account's policy decides
     * whether photos are required and whether it goes to the customer's approval or to staff first.
     */
    async requestAddOn(
      proId: string,
      serviceLineId: string,
      input: { serviceId: string; note: string; photoIds: string[] },
      actor: ActorContext,
    ) {
      const { line, turn } = await requireProLine(proId, serviceLineId);
      checkTurnOpen(turn);
      const profile = await catalog.serviceProfiles.getServiceProfile(line.accountId);
      await selectedPhotos(input.photoIds, serviceLineId, 'add_on', proId);
      return turns.addOns.requestAddOn(serviceLineId, { serviceId: input.serviceId, reason: input.note }, actor, {
        toStaffFirst: !profile.proRequestsDirect,
        photoCount: input.photoIds.length,
        afterInsert: (trx, addOn) => photos.attachPhotos(trx, input.photoIds, { addOnId: addOn.id }),
      });
    },

    async listTurnPhotos(viewer: Viewer & { kind: 'customer' | 'staff' }, turnId: string) {
      await turns.orders.getTurn(
        viewer.kind === 'staff' ? STAFF : { kind: 'customer', accountIds: viewer.accountIds },
        turnId,
      );
      return photos.listPhotosOfTurns([turnId]);
    },

    async readPhoto(viewer: Viewer, photoId: string) {
      const photo = await photos.findPhoto(photoId);
      if (!photo || !(await mayView(viewer, photo))) throw notFound('Photo');
      return photos.readPhoto(photo);
    },

    /** A customer's photo of a problem with completed work, sent with "report an issue". */
    async uploadAsCustomer(viewer: Viewer & { kind: 'customer' }, serviceLineId: string, body: unknown) {
      const { line, turn } = await turns.field.findLine(
        { kind: 'customer', accountIds: viewer.accountIds },
        serviceLineId,
      );
      checkTurnOpen(turn);
      if (line.status !== 'completed') throw new AppError('conflict', 'Issues can be reported on completed services.');
      return photos.savePhoto(
        {
          accountId: line.accountId,
          turnId: turn.id,
          serviceLineId,
          purpose: 'issue',
          uploadedByKind: 'customer',
          uploadedById: viewer.loginId,
        },
        body,
      );
    },

    /** "Report an issue" on completed work: a rework request on the staff desk. */
    async reportIssue(
      viewer: Viewer & { kind: 'customer' },
      serviceLineId: string,
      input: { note: string; photoIds: string[] },
      actor: ActorContext,
    ) {
      const { line, turn } = await turns.field.findLine(
        { kind: 'customer', accountIds: viewer.accountIds },
        serviceLineId,
      );
      checkTurnOpen(turn);
      if (line.status !== 'completed') throw new AppError('conflict', 'Issues can be reported on completed services.');
      await selectedPhotos(input.photoIds, serviceLineId, 'issue', viewer.loginId);
      const request: ReworkRequestsTable = {
        id: newId(),
        accountId: line.accountId,
        turnId: turn.id,
        serviceLineId,
        note: input.note,
        status: 'open',
        reportedByKind: 'customer',
        reportedById: viewer.loginId,
        createdAt: clock.now().toISOString(),
        resolvedByStaffId: null,
        resolvedAt: null,
        reworkServiceLineId: null,
      };
      await db.transaction().execute(async (trx) => {
        await repository.insertReworkRequest(trx, request);
        await photos.attachPhotos(trx, input.photoIds, { reworkRequestId: request.id });
        await recordAudit(trx, clock, actor, {
          action: 'rework.reported',
          subjectType: 'rework_request',
          subjectId: request.id,
          accountId: line.accountId,
          after: { service: line.serviceName, note: input.note, photos: input.photoIds.length },
        });
      });
      return { id: request.id, status: 'open' as const };
    },

    async listReworkRequests(query: {
      status?: ReworkRequestsTable['status'] | undefined;
      limit: number;
      offset: number;
    }) {
      const rows = await repository.listReworkRequests(db, query);
      const page = rows.slice(0, query.limit);
      const turnPhotos = await photos.listPhotosOfTurns([...new Set(page.map((row) => row.turnId))]);
      return {
        hasMore: rows.length > query.limit,
        items: page.map((row) => ({
          id: row.id,
          accountId: row.accountId,
          propertyName: row.propertyName,
          turnId: row.turnId,
          unitNumber: row.unitNumber,
          serviceLineId: row.serviceLineId,
          serviceName: row.serviceName,
          originalProName: row.originalProName,
          note: row.note,
          status: row.status,
          createdAt: row.createdAt,
          reworkServiceLineId: row.reworkServiceLineId,
          photos: turnPhotos.filter((photo) => photo.reworkRequestId === row.id),
        })),
      };
    },

    /** Staff turn a rework request into a punch-back line on the same turn, assigned to a pro. */
    async createReworkLine(
      reworkRequestId: string,
      input: { proId: string | null; scheduledDate: CalendarDate | null },
      actor: ActorContext & { actorId: string },
    ) {
      const request = await repository.findReworkRequest(db, reworkRequestId);
      if (!request) throw notFound('Rework request');
      if (request.status !== 'open')
        throw new AppError('conflict', `This rework request is already ${request.status}.`);
      if (input.proId) {
        const pro = await catalog.pros.findPro(input.proId);
        if (pro?.active !== 1) throw fieldError('proId', 'Choose an active pro');
      }
      const { line, turn } = await turns.field.addReworkLine(
        request.serviceLineId,
        { scheduledDate: input.scheduledDate, assignedProId: input.proId },
        actor,
        async (trx, created) => {
          const resolved = await repository.resolveReworkRequest(trx, reworkRequestId, {
            status: 'converted',
            resolvedByStaffId: actor.actorId,
            resolvedAt: clock.now().toISOString(),
            reworkServiceLineId: created.id,
          });
          if (!resolved) throw new AppError('conflict', 'Someone else handled this rework request a moment ago.');
        },
      );
      return { reworkServiceLineId: line.id, turn };
    },

    /** Closes a request without a punch-back visit (a duplicate, or nothing to redo); the reason is audited. */
    async dismissReworkRequest(reworkRequestId: string, reason: string, actor: ActorContext & { actorId: string }) {
      await db.transaction().execute(async (trx) => {
        const request = await repository.findReworkRequest(trx, reworkRequestId);
        if (!request) throw notFound('Rework request');
        const resolved = await repository.resolveReworkRequest(trx, reworkRequestId, {
          status: 'dismissed',
          resolvedByStaffId: actor.actorId,
          resolvedAt: clock.now().toISOString(),
          reworkServiceLineId: null,
        });
        if (!resolved) throw new AppError('conflict', `This rework request is already ${request.status}.`);
        await recordAudit(trx, clock, actor, {
          action: 'rework.dismissed',
          subjectType: 'rework_request',
          subjectId: reworkRequestId,
          accountId: request.accountId,
          before: { status: 'open' },
          after: { status: 'dismissed', reason },
        });
      });
      return { id: reworkRequestId, status: 'dismissed' as const };
    },

    reworkSummary: (accountId: string) => turns.field.reworkSummary(accountId),
  };
}
