import type { Db, Trx } from '../../db/database.ts';
import type { ReworkRequestStatus, ReworkRequestsTable } from '../../db/schema/field-work.ts';

type Executor = Db | Trx;

export function insertReworkRequest(db: Executor, request: ReworkRequestsTable) {
  return db.insertInto('reworkRequests').values(request).execute();
}

export function findReworkRequest(db: Executor, id: string) {
  return db.selectFrom('reworkRequests').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The staff desk: newest first, one page (plus one row to tell whether more follow). */
export function listReworkRequests(
  db: Executor,
  query: { status?: ReworkRequestStatus | undefined; limit: number; offset: number },
) {
  return db
    .selectFrom('reworkRequests')
    .innerJoin('accounts', 'accounts.id', 'reworkRequests.accountId')
    .innerJoin('turns', 'turns.id', 'reworkRequests.turnId')
    .innerJoin('turnServiceLines', 'turnServiceLines.id', 'reworkRequests.serviceLineId')
    .leftJoin('pros', 'pros.id', 'turnServiceLines.assignedProId')
    .selectAll('reworkRequests')
    .select([
      'accounts.name as propertyName',
      'turns.unitNumber',
      'turnServiceLines.serviceName',
      'pros.name as originalProName',
    ])
    .$if(query.status !== undefined, (builder) => builder.where('reworkRequests.status', '=', query.status!))
    .orderBy('reworkRequests.createdAt', 'desc')
    .orderBy('reworkRequests.id', 'desc')
    .limit(query.limit + 1)
    .offset(query.offset)
    .execute();
}

/** Closes an open request once; returns nothing when someone closed it first. */
export function resolveReworkRequest(
  db: Executor,
  id: string,
  change: Pick<ReworkRequestsTable, 'status' | 'resolvedByStaffId' | 'resolvedAt' | 'reworkServiceLineId'>,
) {
  return db
    .updateTable('reworkRequests')
    .set(change)
    .where('id', '=', id)
    .where('status', '=', 'open')
    .returning('id')
    .executeTakeFirst();
}
