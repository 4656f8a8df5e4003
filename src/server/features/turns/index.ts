import type { BaseDeps } from '../../base-deps.ts';
import type { Trx } from '../../db/database.ts';
import { type PurgeLimits, purgeInBatches } from '../../db/purge-batches.ts';
import type { CatalogFeature } from '../catalog/index.ts';
import type { CustomersFeature } from '../customers/index.ts';
import { createAddOnsService } from './add-ons-service.ts';
import { createApprovalLinksService } from './approval-links-service.ts';
import { createDeskService } from './desk-service.ts';
import { createFieldWorkService } from './field-work-service.ts';
import { createProAssignmentsService } from './pro-assignments-service.ts';
import { createPropertyViewsService } from './property-views-service.ts';
import { createTurnChangesService } from './turn-changes-service.ts';
import { createTurnContext } from './turn-context.ts';
import { createTurnOrdersService } from './turn-orders-service.ts';
import { createTurnSweepsService } from './turn-sweeps-service.ts';
import { deleteApprovalLinksExpiredBefore } from './escalation-repository.ts';
import { refileTurnsOfProperty } from './turns-repository.ts';

/** Turns ordered in the customer portal: service lines, schedule, POs and add-on approvals. */
export function createTurnsFeature(deps: BaseDeps & { catalog: CatalogFeature; customers: CustomersFeature }) {
  const context = createTurnContext({
    db: deps.db,
    databaseKind: deps.database.kind,
    clock: deps.clock,
    catalog: deps.catalog,
    publicUrl: deps.config.publicUrl,
    turnNoticeStaffRole: deps.config.turnNoticeStaffRole,
  });
  return {
    /** Every account's turns for staff: the inbox, acknowledging, reassigning pros. */
    desk: createDeskService(context),
    properties: createPropertyViewsService(context, deps.customers),
    orders: createTurnOrdersService(context),
    changes: createTurnChangesService(context, deps.customers),
    addOns: createAddOnsService(context, deps.config.publicUrl),
    field: createFieldWorkService(context),
    /** A pro's services in a date window, for their day and week views. */
    assignments: createProAssignmentsService(context),
    /** The one-tap add-on links texted to the backup phone. */
    approvalLinks: createApprovalLinksService(context, { secretKey: deps.config.secretKey, throttle: deps.throttle }),
    /** Timed steps (add-on escalation, PO reminders), run on a schedule by the worker. */
    sweeps: createTurnSweepsService(context, { publicUrl: deps.config.publicUrl, secretKey: deps.config.secretKey }),
    /** Retention: add-on approval links expired before `before`. */
    purgeExpiredApprovalLinks: (before: string, limits: PurgeLimits) =>
      purgeInBatches(limits, (limit) => deleteApprovalLinksExpiredBefore(deps.db, before, limit)),
  };
}

export type TurnsFeature = ReturnType<typeof createTurnsFeature>;

/** Turns' part of the customers feature's account hooks: a property's turns follow it to another company. */
export const turnAccountHooks = {
  afterParentChange: (trx: Trx, change: { account: { id: string; parentAccountId: string | null } }) =>
    refileTurnsOfProperty(trx, change.account.id, change.account.parentAccountId),
};
