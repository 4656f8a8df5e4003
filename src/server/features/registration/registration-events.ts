import type { ActorContext } from '../../actor.ts';
import type { Clock } from '../../clock.ts';
import type { Trx } from '../../db/database.ts';
import type { RegistrationEventKind } from '../../db/schema/registration.ts';
import { newId } from '../../ids.ts';
import { insertEvent } from './registration-repository.ts';

/** Adds one line to a request's history, in the caller's transaction. */
export async function recordRequestEvent(
  trx: Trx,
  clock: Clock,
  actor: ActorContext,
  requestId: string,
  kind: RegistrationEventKind,
  detail: string | null = null,
): Promise<void> {
  await insertEvent(trx, {
    id: newId(),
    requestId,
    occurredAt: clock.now().toISOString(),
    actorKind: actor.actorKind === 'staff' ? 'staff' : actor.actorKind === 'system' ? 'system' : 'anonymous',
    actorStaffId: actor.actorKind === 'staff' ? actor.actorId : null,
    kind,
    detail,
  });
}
