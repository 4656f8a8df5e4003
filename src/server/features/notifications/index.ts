import type { BaseDeps } from '../../base-deps.ts';
import { createDispatcher } from '../../outbox/dispatcher.ts';
import { createSenders } from '../../outbox/senders/index.ts';
import { createNotificationsService } from './notifications-service.ts';

/** Outbox delivery (dispatcher, senders), templates and notification settings. */
export function createNotificationsFeature(deps: BaseDeps) {
  const service = createNotificationsService({ db: deps.db, clock: deps.clock, publicUrl: deps.config.publicUrl });
  // Built here, started only by `serve` (OUTBOX_IN_PROCESS) or `worker`.
  const dispatcher = createDispatcher({
    db: deps.db,
    databaseKind: deps.database.kind,
    clock: deps.clock,
    logger: deps.logger,
    senders: createSenders(deps.config),
    publicUrl: deps.config.publicUrl,
  });
  return { service, dispatcher };
}
