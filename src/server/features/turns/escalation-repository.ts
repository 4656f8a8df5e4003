import { sql } from 'kysely';
import type { Db, Trx } from '../../db/database.ts';
import type { AddOnApprovalLinksTable } from '../../db/schema/turns.ts';

type Executor = Db | Trx;

const OPEN_STATUSES = ['pending', 'scheduled', 'in_progress'] as const;
// The same expression as the turns_po_waiting index, so the sweep reads it instead of every turn.
const LAST_PO_NUDGE = sql<string>`coalesce(turns.po_reminded_at, turns.created_at)`;

/** Add-ons still waiting on the customer since before `requestedBefore` that staff were not alerted about. */
export function listWaitingAddOns(db: Executor, requestedBefore: string, limit: number) {
  return db
    .selectFrom('turnAddOns as addOn')
    .innerJoin('turns', 'turns.id', 'addOn.turnId')
    .innerJoin('accounts as property', 'property.id', 'addOn.accountId')
    .leftJoin('serviceProfiles as profile', 'profile.accountId', 'addOn.accountId')
    .select([
      'addOn.id',
      'addOn.turnId',
      'addOn.accountId',
      'addOn.serviceName',
      'addOn.priceCents',
      'addOn.requestedAt',
      'addOn.escalatedAt',
      'addOn.staffAlertedAt',
      'turns.unitNumber',
      'property.name as propertyName',
      'profile.addonEscalationMinutes',
      'profile.backupNotificationPhone',
    ])
    .where('addOn.status', '=', 'pending')
    .where('addOn.approver', '=', 'customer')
    .where('addOn.staffAlertedAt', 'is', null)
    .where('addOn.requestedAt', '<=', requestedBefore)
    .orderBy('addOn.requestedAt')
    .orderBy('addOn.id')
    .limit(limit)
    .execute();
}

/** Takes the backup-phone step of one add-on; false when another worker took it or it was decided. */
export async function claimEscalation(trx: Trx, addOnId: string, at: string) {
  const result = await trx
    .updateTable('turnAddOns')
    .set({ escalatedAt: at })
    .where('id', '=', addOnId)
    .where('status', '=', 'pending')
    .where('escalatedAt', 'is', null)
    .where('staffAlertedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Takes the staff-alert step of one add-on; false when another worker took it or it was decided. */
export async function claimStaffAlert(trx: Trx, addOnId: string, at: string) {
  const result = await trx
    .updateTable('turnAddOns')
    .set({ staffAlertedAt: at })
    .where('id', '=', addOnId)
    .where('status', '=', 'pending')
    .where('staffAlertedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Open turns whose PO is "I don't know yet", last reminded (or ordered) before `before`. */
export function listPoWaitingTurns(db: Executor, before: string, limit: number) {
  return db
    .selectFrom('turns')
    .leftJoin('serviceProfiles as profile', 'profile.accountId', 'turns.accountId')
    .select([
      'turns.id',
      'turns.accountId',
      'turns.unitNumber',
      'turns.moveInDate',
      'turns.createdAt',
      'turns.poRemindedAt',
      'profile.poReminderDays',
    ])
    .where('turns.poUnknown', '=', 1)
    .where(LAST_PO_NUDGE, '<=', before)
    .where('turns.status', 'in', OPEN_STATUSES)
    .orderBy(LAST_PO_NUDGE)
    .orderBy('turns.id')
    .limit(limit)
    .execute();
}

/** Records a PO reminder unless another worker sent one since `dueBefore` or the PO was set meanwhile. */
export async function claimPoReminder(trx: Trx, turnId: string, at: string, dueBefore: string) {
  const result = await trx
    .updateTable('turns')
    .set({ poRemindedAt: at })
    .where('id', '=', turnId)
    .where('poUnknown', '=', 1)
    .where('status', 'in', OPEN_STATUSES)
    .where(LAST_PO_NUDGE, '<=', dueBefore)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertApprovalLink(trx: Trx, link: AddOnApprovalLinksTable) {
  await trx.insertInto('addOnApprovalLinks').values(link).execute();
}

export function findApprovalLinkByHash(db: Executor, tokenHash: string) {
  return db.selectFrom('addOnApprovalLinks').selectAll().where('tokenHash', '=', tokenHash).executeTakeFirst();
}

export async function markApprovalLinkOpened(db: Executor, id: string, at: string) {
  await db
    .updateTable('addOnApprovalLinks')
    .set({ openedAt: at })
    .where('id', '=', id)
    .where('openedAt', 'is', null)
    .execute();
}

/** Uses a link exactly once: the guarded UPDATE runs in the transaction that decides the add-on. */
export function consumeApprovalLink(trx: Trx, tokenHash: string, now: string) {
  return trx
    .updateTable('addOnApprovalLinks')
    .set({ consumedAt: now })
    .where('tokenHash', '=', tokenHash)
    .where('consumedAt', 'is', null)
    .where('expiresAt', '>', now)
    .returningAll()
    .executeTakeFirst();
}

/** Retention: up to `limit` add-on approval links that expired before `before` (used or not). */
export async function deleteApprovalLinksExpiredBefore(db: Db, before: string, limit: number): Promise<number> {
  const batch = db.selectFrom('addOnApprovalLinks').select('id').where('expiresAt', '<=', before).limit(limit);
  const result = await db.deleteFrom('addOnApprovalLinks').where('id', 'in', batch).executeTakeFirst();
  return Number(result.numDeletedRows);
}
