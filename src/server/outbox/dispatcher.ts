import type { FastifyBaseLogger } from 'fastify';
import { randomUUID } from 'node:crypto';
import { systemActor } from '../actor.ts';
import { addSeconds, type Clock } from '../clock.ts';
import type { DatabaseKind, Db, Trx } from '../db/database.ts';
import { recordAudit } from '../features/audit/audit-repository.ts';
import { isDatabaseUnavailable } from '../db/unavailable.ts';
import {
  DEFAULT_RETRY_POLICY,
  DeliveryError,
  failureBackoffMilliseconds,
  outcomeOfFailure,
  type RetryPolicy,
} from './delivery-rules.ts';
import type { MessageTemplate } from './message-kind.ts';
import { MESSAGE_KINDS } from './message-kinds.ts';
import { outboxDeadLetterAlertKind } from './kinds/notifications-kinds.ts';
import { enqueue, outboxSignal } from './outbox.ts';
import { isEmailAddress } from './recipients.ts';
import {
  claimDueMessages,
  findAlertRecipients,
  findTemplateOverrides,
  finishClaimedMessage,
  finishClaimedMessages,
  type OutboxRow,
} from './outbox-repository.ts';
import type { Senders } from './senders/sender.ts';
import { renderTemplate } from './template-rules.ts';

export interface DispatcherOptions {
  db: Db;
  databaseKind: DatabaseKind;
  clock: Clock;
  logger: FastifyBaseLogger;
  senders: Senders;
  /** For links in staff alerts. */
  publicUrl: string;
  workerId?: string;
  /** How long a claim holds; must outlast sending the whole batch, or another worker re-sends its tail. */
  leaseSeconds?: number;
  batchSize?: number;
  /** Messages of one batch sent at the same time. */
  concurrency?: number;
  pollIntervalMilliseconds?: number;
  retryPolicy?: RetryPolicy;
  /** Jitter source; tests pin it. */
  random?: () => number;
}

/** The payload holds links (secrets): it goes once the message is sent. */
function sentChanges(sentAt: string) {
  return { status: 'sent' as const, sentAt, updatedAt: sentAt, payloadJson: null, lastError: null };
}

const KINDS_BY_ID = new Map(MESSAGE_KINDS.map((kind) => [kind.id, kind]));

/**
 * Delivers the outbox at least once: claim a batch (short transaction-free UPDATE … RETURNING), send
 * after the claim committed, record each result. A worker killed mid-batch leaves rows in `processing`;
 * once their lease runs out another worker claims them again.
 */
export function createDispatcher(options: DispatcherOptions) {
  const { db, clock, senders } = options;
  const logger = options.logger.child({ module: 'outbox' });
  const workerId = options.workerId ?? `worker-${randomUUID()}`;
  const batchSize = options.batchSize ?? 50;
  const concurrency = options.concurrency ?? 8;
  // A batch is sent in ceil(batch / concurrency) rounds of provider calls that time out after 30 s.
  const leaseSeconds = options.leaseSeconds ?? Math.ceil(batchSize / concurrency) * 30 + 60;
  const pollInterval = options.pollIntervalMilliseconds ?? 1000;
  const retryPolicy = options.retryPolicy ?? DEFAULT_RETRY_POLICY;
  const random = options.random ?? Math.random;

  async function claim(limit = batchSize): Promise<OutboxRow[]> {
    const now = clock.now();
    return claimDueMessages(db, options.databaseKind, {
      workerId,
      now: now.toISOString(),
      lockedUntil: addSeconds(now, leaseSeconds).toISOString(),
      limit,
    });
  }

  /** Delivers one claimed message; returns its id when it was sent to a provider and still needs marking sent. */
  async function deliver(row: OutboxRow, templates: Map<string, MessageTemplate>): Promise<string | null> {
    const now = clock.now().toISOString();
    if (row.expiresAt && row.expiresAt <= now) {
      await finishClaimedMessage(db, row.id, workerId, {
        status: 'skipped_expired',
        payloadJson: null,
        updatedAt: now,
        lastError: 'The link expired before the message could be sent.',
      });
      return null;
    }
    const kind = KINDS_BY_ID.get(row.kind);
    if (!kind || row.payloadJson === null) {
      await markDead(row, kind ? 'The message content is missing.' : `Unknown message kind ${row.kind}.`);
      return null;
    }
    let rendered: MessageTemplate;
    try {
      rendered = renderTemplate(templates.get(kind.id) ?? kind.defaultTemplate, JSON.parse(row.payloadJson));
    } catch (error) {
      // Retrying cannot fix content that does not render; without this it would be reclaimed forever.
      await markDead(row, `Could not render the message: ${(error as Error).message}`);
      return null;
    }
    const sender = senders[row.channel];
    try {
      await sender.send({
        id: row.id,
        kind: row.kind,
        channel: row.channel,
        to: JSON.parse(row.recipientsJson) as string[],
        replyTo: row.replyToJson ? (JSON.parse(row.replyToJson) as string[]) : [],
        ...rendered,
      });
    } catch (error) {
      await recordFailure(
        row,
        error instanceof DeliveryError ? error : new DeliveryError((error as Error).message ?? String(error), false),
      );
      return null;
    }
    if (!sender.captures) return row.id;
    const sentAt = clock.now().toISOString();
    // Only a captured message keeps its rendering: the console is its mailbox.
    await finishClaimedMessage(db, row.id, workerId, {
      ...sentChanges(sentAt),
      captured: 1,
      renderedSubject: kind.channel === 'email' ? rendered.subject : null,
      renderedText: rendered.text,
      renderedHtml: kind.channel === 'email' ? rendered.html : null,
    });
    return null;
  }

  async function recordFailure(row: OutboxRow, error: DeliveryError): Promise<void> {
    const outcome = outcomeOfFailure(error, row.attempts, retryPolicy, random());
    if (outcome.status === 'dead') {
      await markDead(row, error.message);
      return;
    }
    const now = clock.now();
    logger.warn(
      { outboxMessageId: row.id, attempts: row.attempts, error: error.message },
      'outbox delivery failed; will retry',
    );
    await finishClaimedMessage(db, row.id, workerId, {
      status: 'queued',
      lastError: error.message,
      nextAttemptAt: addSeconds(now, outcome.delaySeconds).toISOString(),
      updatedAt: now.toISOString(),
    });
  }

  async function markDead(row: OutboxRow, reason: string): Promise<void> {
    const now = clock.now().toISOString();
    // A message carrying a one-time link loses it (staff re-send issues a new link); others keep their
    // merge data so staff can retry them as they are.
    const carriesLink = row.accessTokenId !== null || row.expiresAt !== null;
    const finished = await db.transaction().execute(async (trx) => {
      const updated = await finishClaimedMessage(trx, row.id, workerId, {
        status: 'dead',
        lastError: reason,
        updatedAt: now,
        ...(carriesLink ? { payloadJson: null } : {}),
      });
      if (updated) {
        await recordAudit(trx, clock, systemActor, {
          action: 'outbox.message_dead',
          subjectType: 'outbox_message',
          subjectId: row.id,
          accountId: row.accountId,
          after: { kind: row.kind, attempts: row.attempts, error: reason },
        });
        await enqueueAlert(trx, row, reason);
      }
      return updated;
    });
    if (finished)
      logger.error(
        { outboxMessageId: row.id, kind: row.kind, attempts: row.attempts, error: reason },
        'outbox message is dead',
      );
  }

  async function enqueueAlert(trx: Trx, row: OutboxRow, reason: string): Promise<void> {
    // An alert that itself dies raises no further alert (no loop while the mail server is down).
    if (row.kind === outboxDeadLetterAlertKind.id) return;
    const recipients = (await findAlertRecipients(trx)).filter(isEmailAddress);
    if (recipients.length === 0) return;
    await enqueue(trx, clock, {
      kind: outboxDeadLetterAlertKind.id,
      to: recipients,
      payload: {
        message: {
          kindLabel: KINDS_BY_ID.get(row.kind)?.label ?? row.kind,
          recipients: (JSON.parse(row.recipientsJson) as string[]).join(', '),
          error: reason,
        },
        outboxUrl: `${options.publicUrl}/console/outbox`,
      },
      dedupeKey: `dead-letter-alert:${row.id}:${row.attempts}`,
    });
  }

  /** Claims and delivers one batch; returns how many messages it claimed. */
  async function runOnce(): Promise<number> {
    const rows = await claim();
    if (rows.length === 0) return 0;
    const overrides = await findTemplateOverrides(db, [...new Set(rows.map((row) => row.kind))]);
    const templates = new Map(
      overrides.map((row) => [row.kind, { subject: row.subject, html: row.html, text: row.text }]),
    );
    for (let start = 0; start < rows.length; start += concurrency) {
      const sent = await Promise.all(rows.slice(start, start + concurrency).map((row) => deliver(row, templates)));
      // One statement for every message of the group that went to a provider.
      await finishClaimedMessages(
        db,
        sent.filter((id) => id !== null),
        workerId,
        sentChanges(clock.now().toISOString()),
      );
    }
    return rows.length;
  }

  let running: Promise<void> | null = null;
  let stopping = false;
  let wake: (() => void) | null = null;
  let wakeTimer: NodeJS.Timeout | null = null;
  // The signal fires inside the enqueuing transaction; a short delay lets it commit first.
  const onEnqueued = () => {
    wakeTimer ??= setTimeout(() => {
      wakeTimer = null;
      wake?.();
    }, 25);
  };

  async function loop(): Promise<void> {
    let failures = 0;
    while (!stopping) {
      let claimed = 0;
      try {
        claimed = await runOnce();
        failures = 0;
      } catch (error) {
        failures += 1;
        if (isDatabaseUnavailable(error))
          logger.warn({ err: error, failures }, 'outbox: database unreachable; backing off');
        else logger.error({ err: error }, 'outbox dispatch failed');
      }
      if ((claimed === batchSize && failures === 0) || stopping) continue;
      const delay = failures === 0 ? pollInterval : failureBackoffMilliseconds(failures, pollInterval, random());
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
  }

  return {
    workerId,
    claim,
    runOnce,
    /** Runs until stop(): polls, and wakes early when this process enqueues. */
    start(): void {
      if (running) return;
      stopping = false;
      outboxSignal.on('enqueued', onEnqueued);
      running = loop();
    },
    async stop(): Promise<void> {
      stopping = true;
      outboxSignal.off('enqueued', onEnqueued);
      if (wakeTimer) clearTimeout(wakeTimer);
      wakeTimer = null;
      wake?.();
      await running;
      running = null;
    },
  };
}
