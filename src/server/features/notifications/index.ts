import type { BaseDeps } from '../../deps.ts';

/** Outbox delivery (dispatcher, senders), templates and notification settings. */
export function createNotificationsFeature(_deps: BaseDeps) {
  return {};
}
