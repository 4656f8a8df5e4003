import { addSeconds } from './clock.ts';
import type { Deps } from './deps.ts';
import { purgeInBatches } from './db/purge-batches.ts';
import { deleteAuditEventsBefore } from './features/audit/index.ts';
import { deleteFinishedMessagesBefore } from './outbox/outbox-repository.ts';

const DAY_SECONDS = 86_400;

/**
 * Retention, one of the minute jobs: each table's owner deletes what has aged out, in batches of
 * `batchSize` rows (a short statement each, so no run holds a lock for long) and at most `maxBatches`
 * per table per run. Several workers may run it at once: a row is deleted once, whoever gets it.
 */
export async function purgeRetained(deps: Deps): Promise<Record<string, number>> {
  const { retention } = deps.config;
  const limits = { batchSize: retention.batchSize, maxBatches: retention.maxBatches };
  const now = deps.clock.now();
  const daysAgo = (days: number) => addSeconds(now, -days * DAY_SECONDS).toISOString();
  const tokensBefore = daysAgo(retention.tokenDays);
  const outboxBefore = daysAgo(retention.outboxDays);
  return {
    expiredSessions: await deps.sessions.purgeExpired(limits),
    forgottenThrottles: await deps.throttle.purgeForgotten(limits),
    expiredAccessLinks: await deps.portalAccess.purgeExpiredLinks(tokensBefore, limits),
    expiredProLinks: await deps.proAccess.purgeExpiredLinks(tokensBefore, limits),
    expiredApprovalLinks: await deps.turns.purgeExpiredApprovalLinks(tokensBefore, limits),
    finishedOutboxMessages: await purgeInBatches(limits, (limit) =>
      deleteFinishedMessagesBefore(deps.db, outboxBefore, limit),
    ),
    oldAuditEvents:
      retention.auditDays === null
        ? 0
        : await purgeInBatches(limits, (limit) =>
            deleteAuditEventsBefore(deps.db, daysAgo(retention.auditDays!), limit),
          ),
  };
}
