import type { OutboxChannel } from '../../db/schema/outbox.ts';

/** A message ready for a provider: rendered from its kind's template and merge data. */
export interface RenderedMessage {
  /** The outbox message id; providers that honour it get it as the idempotency key. */
  id: string;
  kind: string;
  channel: OutboxChannel;
  to: string[];
  /** Reply-To addresses; absent or empty replies to the sender. */
  replyTo?: string[];
  subject: string;
  html: string;
  text: string;
}

export interface Sender {
  /**
   * True for the capture sender: nothing leaves the system and the rendered message is kept for the
   * console's Outbox page, which is the mailbox.
   */
  readonly captures: boolean;
  /** Sends this provider takes at once per worker (an SMTP pool's connections); the dispatcher's default otherwise. */
  readonly concurrency?: number;
  /** Resolves once the provider accepted the message; throws DeliveryError (or anything, as transient). */
  send(message: RenderedMessage): Promise<void>;
}

export type Senders = Record<OutboxChannel, Sender>;
