import type { Clock } from '../clock.ts';
import type { Trx } from '../db/database.ts';
import { newId } from '../ids.ts';
import { findMessageKind } from './message-kinds.ts';

export interface OutboxMessage {
  /** A MessageKind id; the payload is validated against its schema here, not at send time. */
  kind: string;
  /** Email addresses (every primary address of a contact) or E.164 phone numbers. */
  to: string[];
  payload: unknown;
  /** Enqueuing the same key twice keeps the first message (at-most-one logical send). */
  dedupeKey?: string;
  /** When the link inside stops working; an undelivered message is skipped after it. */
  expiresAt?: Date | null;
  accountId?: string | null;
  contactId?: string | null;
  accessTokenId?: string | null;
}

/**
 * Adds a message to the outbox inside the caller's transaction: it commits with the change that
 * caused it, or not at all. Only a Transaction is accepted, so the message can't be written on its own.
 */
export async function enqueue(trx: Trx, clock: Clock, message: OutboxMessage): Promise<string> {
  const kind = findMessageKind(message.kind);
  const payload = kind.payloadSchema.parse(message.payload);
  const now = clock.now().toISOString();
  const id = newId();
  await trx
    .insertInto('outboxMessages')
    .values({
      id,
      kind: kind.id,
      channel: kind.channel,
      recipientsJson: JSON.stringify(message.to),
      payloadJson: JSON.stringify(payload),
      dedupeKey: message.dedupeKey ?? null,
      status: 'queued',
      attempts: 0,
      nextAttemptAt: now,
      lockedBy: null,
      lockedUntil: null,
      lastError: null,
      expiresAt: message.expiresAt?.toISOString() ?? null,
      accountId: message.accountId ?? null,
      contactId: message.contactId ?? null,
      accessTokenId: message.accessTokenId ?? null,
      createdAt: now,
      updatedAt: now,
      sentAt: null,
    })
    .onConflict((conflict) => conflict.column('dedupeKey').doNothing())
    .execute();
  return id;
}

/**
 * A superseded or revoked link must not go out: cancels the undelivered messages carrying it and
 * drops their payload (which holds the link).
 */
export async function cancelOutboxMessagesForToken(trx: Trx, clock: Clock, accessTokenId: string): Promise<void> {
  await trx
    .updateTable('outboxMessages')
    .set({ status: 'cancelled', payloadJson: null, updatedAt: clock.now().toISOString() })
    .where('accessTokenId', '=', accessTokenId)
    .where('status', '=', 'queued')
    .execute();
}
