import type { Db, Trx } from '../../db/database.ts';
import { type VersionedTable, versionMovedOn } from '../../db/versions.ts';
import { AppError } from '../../errors.ts';
import { findLastChange } from './audit-repository.ts';

const ACTOR_LABELS = { customer: 'A customer', pro: 'A pro', system: 'Portico', anonymous: 'Someone' } as const;

/**
 * The 409 for an edit based on an older version: who made the newer change and when, from the audit log.
 * The route adds the record's current state.
 */
async function staleVersion(
  db: Db | Trx,
  subject: { type: string; id: string; currentVersion: number },
): Promise<AppError> {
  const change = await findLastChange(db, subject.type, subject.id);
  const changedBy = change
    ? (change.actorName ?? (change.actorKind === 'staff' ? 'Another staff member' : ACTOR_LABELS[change.actorKind]))
    : 'Someone';
  return new AppError('stale_version', `${changedBy} changed this since you opened it.`, {
    changedBy,
    changedAt: change?.occurredAt ?? null,
    currentVersion: subject.currentVersion,
  });
}

/**
 * Refuses an edit based on an older version of the record (409 with who changed it and when); without a
 * version the write is unconditional. On success the row stays locked for the rest of the transaction.
 */
export async function refuseStaleEdit(
  trx: Trx,
  record: { table: VersionedTable; key: { column: 'id' | 'account_id'; value: string }; type: string },
  basedOnVersion: number | undefined,
): Promise<void> {
  if (basedOnVersion === undefined) return;
  const currentVersion = await versionMovedOn(trx, record.table, record.key, basedOnVersion);
  if (currentVersion !== null)
    throw await staleVersion(trx, { type: record.type, id: record.key.value, currentVersion });
}
