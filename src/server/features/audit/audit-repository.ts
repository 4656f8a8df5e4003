import type { ActorContext } from '../../actor.ts';
import type { Clock } from '../../clock.ts';
import type { Db, Trx } from '../../db/database.ts';
import { newId } from '../../ids.ts';

export interface AuditEntry {
  action: string;
  subjectType: string;
  subjectId: string | null;
  accountId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Written in the caller's transaction, so an audited change and its record commit together. */
export async function recordAudit(trx: Trx | Db, clock: Clock, actor: ActorContext, entry: AuditEntry): Promise<void> {
  await trx
    .insertInto('auditEvents')
    .values({
      id: newId(),
      occurredAt: clock.now().toISOString(),
      actorKind: actor.actorKind,
      actorId: actor.actorId,
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId,
      accountId: entry.accountId ?? null,
      beforeJson: entry.before === undefined ? null : JSON.stringify(entry.before),
      afterJson: entry.after === undefined ? null : JSON.stringify(entry.after),
      ipAddress: actor.ipAddress,
      requestId: actor.requestId,
    })
    .execute();
}

export interface AuditQuery {
  subjectType?: string | undefined;
  subjectId?: string | undefined;
  accountId?: string | undefined;
  limit: number;
  offset: number;
}

export async function findAuditEvents(db: Db, query: AuditQuery) {
  let select = db.selectFrom('auditEvents').leftJoin('staffMembers', 'staffMembers.id', 'auditEvents.actorId');
  if (query.subjectType) select = select.where('auditEvents.subjectType', '=', query.subjectType);
  if (query.subjectId) select = select.where('auditEvents.subjectId', '=', query.subjectId);
  if (query.accountId) select = select.where('auditEvents.accountId', '=', query.accountId);
  return select
    .selectAll('auditEvents')
    .select('staffMembers.name as actorName')
    .orderBy('auditEvents.occurredAt', 'desc')
    .orderBy('auditEvents.id', 'desc')
    .limit(query.limit)
    .offset(query.offset)
    .execute();
}

/** The latest audited change of a record, with the staff member's name when staff made it. */
export function findLastChange(db: Db | Trx, subjectType: string, subjectId: string) {
  return db
    .selectFrom('auditEvents')
    .leftJoin('staffMembers', 'staffMembers.id', 'auditEvents.actorId')
    .select(['auditEvents.actorKind', 'auditEvents.occurredAt', 'staffMembers.name as actorName'])
    .where('auditEvents.subjectType', '=', subjectType)
    .where('auditEvents.subjectId', '=', subjectId)
    .orderBy('auditEvents.occurredAt', 'desc')
    .orderBy('auditEvents.id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Retention, only when configured (the audit log is kept by default): up to `limit` events before `before`. */
export async function deleteAuditEventsBefore(db: Db, before: string, limit: number): Promise<number> {
  const batch = db.selectFrom('auditEvents').select('id').where('occurredAt', '<=', before).limit(limit);
  const result = await db.deleteFrom('auditEvents').where('id', 'in', batch).executeTakeFirst();
  return Number(result.numDeletedRows);
}
