import { AppError } from '../errors.ts';
import { notificationKinds } from './kinds/notifications-kinds.ts';
import { portalAccessKinds } from './kinds/portal-access-kinds.ts';
import { proAccessKinds } from './kinds/pro-access-kinds.ts';
import { registrationKinds } from './kinds/registration-kinds.ts';
import { turnEventsKinds } from './kinds/turn-events-kinds.ts';
import { turnsKinds } from './kinds/turns-kinds.ts';
import type { MessageKind } from './message-kind.ts';

/** Every message kind the system can send; each feature contributes its own file under kinds/. */
export const MESSAGE_KINDS: readonly MessageKind[] = [
  ...notificationKinds,
  ...portalAccessKinds,
  ...proAccessKinds,
  ...registrationKinds,
  ...turnsKinds,
  ...turnEventsKinds,
];

const BY_ID = new Map(MESSAGE_KINDS.map((kind) => [kind.id, kind]));

export function findMessageKind(id: string): MessageKind {
  const kind = BY_ID.get(id);
  if (!kind) throw new AppError('not_found', `Unknown message kind ${id}`);
  return kind;
}
