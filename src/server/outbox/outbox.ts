import { EventEmitter } from 'node:events';
import type { Clock } from '../clock.ts';
import type { Db, Trx } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';
import { findMessageKind } from './message-kinds.ts';
import { isE164, isEmailAddress } from './recipients.ts';
import { mergeTagsIn, TEMPLATE_FIELDS } from './template-rules.ts';

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
  /** Where replies go (email only), e.g. the staff who answer visitors; the sender when absent. */
  replyTo?: string[];
}

/** Tells an in-process dispatcher that something was enqueued, so it need not wait for its next poll. */
export const outboxSignal = new EventEmitter();

/**
 * Adds a message to the outbox inside the caller's transaction: it commits with the change that
 * caused it, or not at all. Only a Transaction is accepted, so the message can't be written on its own.
 *
 * Returns the message id, the id of the message already holding the same dedupe key, or null when
 * the vendor switched this kind off in the notification settings (nothing is stored). Callers never
 * read the settings themselves.
 */
export async function enqueue(trx: Trx, clock: Clock, message: OutboxMessage): Promise<string | null> {
  const kind = findMessageKind(message.kind);
  const payload = kind.payloadSchema.parse(message.payload);
  if (kind.canBeDisabled) {
    const setting = await trx
      .selectFrom('notificationSettings')
      .select('enabled')
      .where('kind', '=', kind.id)
      .executeTakeFirst();
    if (setting?.enabled === 0) return null;
  }
  const to = [...new Set(message.to.map((recipient) => recipient.trim()))];
  if (to.length === 0) throw new AppError('validation_failed', `A ${kind.label} message needs at least one recipient.`);
  const invalid = to.filter((recipient) => (kind.channel === 'sms' ? !isE164(recipient) : !isEmailAddress(recipient)));
  if (invalid.length) {
    throw new AppError(
      'validation_failed',
      `Not a valid ${kind.channel === 'sms' ? 'E.164 phone number' : 'email address'}: ${invalid.join(', ')}`,
    );
  }
  const now = clock.now().toISOString();
  const id = newId();
  const result = await trx
    .insertInto('outboxMessages')
    .values({
      id,
      kind: kind.id,
      channel: kind.channel,
      recipientsJson: JSON.stringify(to),
      payloadJson: JSON.stringify(payload),
      dedupeKey: message.dedupeKey ?? null,
      status: 'queued',
      attempts: 0,
      priority: kind.access ? 1 : 0,
      nextAttemptAt: now,
      lockedBy: null,
      lockedUntil: null,
      lastError: null,
      expiresAt: message.expiresAt?.toISOString() ?? null,
      accountId: message.accountId ?? null,
      contactId: message.contactId ?? null,
      accessTokenId: message.accessTokenId ?? null,
      replyToJson: message.replyTo?.length ? JSON.stringify(message.replyTo) : null,
      createdAt: now,
      updatedAt: now,
      sentAt: null,
      captured: 0,
      renderedSubject: null,
      renderedText: null,
      renderedHtml: null,
    })
    .onConflict((conflict) => conflict.column('dedupeKey').doNothing())
    .executeTakeFirst();
  if (Number(result.numInsertedOrUpdatedRows ?? 1n) === 0 && message.dedupeKey) {
    const existing = await trx
      .selectFrom('outboxMessages')
      .select('id')
      .where('dedupeKey', '=', message.dedupeKey)
      .executeTakeFirstOrThrow();
    return existing.id;
  }
  outboxSignal.emit('enqueued');
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

/** The messages carrying some one-time links (one per recipient), oldest first, for the access timeline. */
export async function findMessagesForTokens(executor: Db | Trx, accessTokenIds: readonly string[]) {
  if (accessTokenIds.length === 0) return [];
  const rows = await executor
    .selectFrom('outboxMessages')
    .select(['accessTokenId', 'recipientsJson', 'status'])
    .where('accessTokenId', 'in', accessTokenIds)
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    accessTokenId: row.accessTokenId!,
    to: JSON.parse(row.recipientsJson) as string[],
    status: row.status,
  }));
}

/**
 * Whether the template in effect for a kind (the vendor's override, else the default) uses a merge tag,
 * so a secret such as the portal key enters a message's payload only when the message shows it.
 */
export async function templateUsesMergeTag(executor: Db | Trx, kindId: string, tag: string): Promise<boolean> {
  const override = await executor
    .selectFrom('messageTemplates')
    .select(['subject', 'html', 'text'])
    .where('kind', '=', kindId)
    .executeTakeFirst();
  const template = override ?? findMessageKind(kindId).defaultTemplate;
  return TEMPLATE_FIELDS.some((field) => mergeTagsIn(template[field]).includes(tag));
}
