import type { FastifyBaseLogger } from 'fastify';
import { hideLiveLinks } from './live-links.ts';
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
import type { OutboxChannel } from '../db/schema/outbox.ts';
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
  releaseClaims,
} from './outbox-repository.ts';
import type { Senders } from './senders/sender.ts';
import { renderMessage } from './email-layout.ts';
import { createSentBatches } from './sent-batches.ts';

export interface DispatcherOptions {
  db: Db;
  databaseKind: DatabaseKind;
  clock: Clock;
  logger: FastifyBaseLogger;
  senders: Senders;
  /** For links in staff alerts. */
  publicUrl: string;
  workerId?: string;
  /** How long a claim holds; must outlast the sends queued before it, or another worker re-sends it. */
  leaseSeconds?: number;
  /** Most claims one runOnce() takes; a running lane holds at most 4 × its concurrency. */
  batchSize?: number;
  /** Sends of one channel at the same time, unless its sender says (an SMTP pool's size). */
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
 * Delivers the outbox at least once: claim (short transaction-free UPDATE … RETURNING), send after the
 * claim committed, record each result (the sent ones in batches). Each channel claims and sends on its
 * own with bounded concurrency, claiming again while earlier sends are in flight. A worker killed
 * mid-send leaves rows in `processing`; once their lease runs out another worker claims them again. A
 * worker stopped by stop() hands its claims back at once.
 */
export function createDispatcher(options: DispatcherOptions) {
  const { db, clock, senders } = options;
  const logger = options.logger.child({ module: 'outbox' });
  const workerId = options.workerId ?? `worker-${randomUUID()}`;
  const batchSize = options.batchSize ?? 50;
  const concurrency = options.concurrency ?? 8;
  // A claim waits at most ceil(batch / concurrency) rounds of provider calls that time out after 30 s.
  const leaseSeconds = options.leaseSeconds ?? Math.ceil(batchSize / concurrency) * 30 + 60;
  const pollInterval = options.pollIntervalMilliseconds ?? 1000;
  const retryPolicy = options.retryPolicy ?? DEFAULT_RETRY_POLICY;
  const random = options.random ?? Math.random;

  async function claim(limit = batchSize, channel?: OutboxChannel): Promise<OutboxRow[]> {
    const now = clock.now();
    return claimDueMessages(db, options.databaseKind, {
      workerId,
      now: now.toISOString(),
      lockedUntil: addSeconds(now, leaseSeconds).toISOString(),
      limit,
      channel,
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
      rendered = await renderMessage(kind, templates.get(kind.id) ?? kind.defaultTemplate, JSON.parse(row.payloadJson));
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
    // Only a captured message keeps its rendering (the console is its mailbox), and never a live link.
    await finishClaimedMessage(db, row.id, workerId, {
      ...sentChanges(sentAt),
      captured: 1,
      renderedSubject: kind.channel === 'email' ? rendered.subject : null,
      renderedText: hideLiveLinks(rendered.text),
      renderedHtml: kind.channel === 'email' ? hideLiveLinks(rendered.html) : null,
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

  // Every claim this worker holds, until its outcome is written: what shutdown hands back.
  const held = new Map<string, { row: OutboxRow; started: boolean }>();

  const sentBatches = createSentBatches({
    write: (ids) => finishClaimedMessages(db, ids, workerId, sentChanges(clock.now().toISOString())),
  });
  // Sends started and not finished, across lanes: a sent batch waits for them (they would join it), no longer.
  let sendsUnderWay = 0;
  const moreSendsComing = () => sendsUnderWay > 0 || (!stopping && lanes.some((lane) => lane.waitingCount() > 0));

  async function templatesFor(rows: OutboxRow[]): Promise<Map<string, MessageTemplate>> {
    const overrides = await findTemplateOverrides(db, [...new Set(rows.map((row) => row.kind))]);
    return new Map(overrides.map((row) => [row.kind, { subject: row.subject, html: row.html, text: row.text }]));
  }

  /**
   * One lane per channel, each with its own bounded concurrency: a stuck mail server holds email
   * slots only, never an SMS. Within a lane access messages go first.
   */
  function createLane(channel: OutboxChannel) {
    const capacity = Math.max(1, senders[channel].concurrency ?? concurrency);
    const waiting: Array<{ row: OutboxRow; templates: Map<string, MessageTemplate>; done: () => void }> = [];
    let active = 0;
    let changed: (() => void) | null = null;
    const settled = new Set<Promise<void>>();

    function pump(): void {
      while (active < capacity && waiting.length && !stopping) {
        const entry = waiting.shift()!;
        const claim = held.get(entry.row.id);
        if (claim) claim.started = true;
        active += 1;
        sendsUnderWay += 1;
        const sending = run(entry).finally(() => settled.delete(sending));
        settled.add(sending);
      }
    }

    /** Sends one message, frees its slot, then waits for its outcome to be written (a sent batch). */
    async function run({ row, templates, done }: (typeof waiting)[number]): Promise<void> {
      let sentId: string | null = null;
      try {
        sentId = await deliver(row, templates);
      } catch (error) {
        logger.error({ err: error, outboxMessageId: row.id }, 'outbox delivery failed');
      }
      active -= 1;
      sendsUnderWay -= 1;
      const marked = sentId ? sentBatches.add(sentId) : undefined;
      if (!moreSendsComing()) sentBatches.flush();
      pump();
      changed?.();
      try {
        await marked;
      } catch (error) {
        logger.error({ err: error, outboxMessageId: row.id }, 'outbox: could not mark a sent message');
      }
      held.delete(row.id);
      done();
    }

    return {
      channel,
      capacity,
      /** Claims held here (waiting or sending); the lane claims more once half of them are done. */
      load: () => waiting.length + active,
      waitingCount: () => waiting.length,
      add(rows: OutboxRow[], templates: Map<string, MessageTemplate>): Promise<void>[] {
        const finished = rows.map(
          (row) =>
            new Promise<void>((done) => {
              held.set(row.id, { row, started: false });
              // Claims come in priority order; an access message still overtakes bulk mail already waiting.
              const at = row.priority > 0 ? waiting.findIndex((entry) => entry.row.priority === 0) : -1;
              waiting.splice(at === -1 ? waiting.length : at, 0, { row, templates, done });
            }),
        );
        pump();
        return finished;
      },
      /** Resolves after `milliseconds`, on a wake (enqueue, stop), or when a send finishes if `orSendFinished`. */
      wait(milliseconds: number, orSendFinished: boolean): Promise<void> {
        return new Promise<void>((resolve) => {
          const timer = setTimeout(done, milliseconds);
          function done() {
            clearTimeout(timer);
            if (changed === done) changed = null;
            wakers.delete(done);
            resolve();
          }
          if (orSendFinished) changed = done;
          wakers.add(done);
        });
      },
      drop: () => waiting.splice(0),
      sending: () => Promise.all(settled),
    };
  }

  let stopping = false;
  const wakers = new Set<() => void>();
  const lanes = (['email', 'sms'] as const).map(createLane);

  /** Claims a batch across channels and delivers it; returns how many messages it claimed. */
  async function runOnce(): Promise<number> {
    const rows = await claim();
    if (rows.length === 0) return 0;
    const templates = await templatesFor(rows);
    await Promise.all(
      lanes.flatMap((lane) =>
        lane.add(
          rows.filter((row) => row.channel === lane.channel),
          templates,
        ),
      ),
    );
    return rows.length;
  }

  /** Keeps a lane fed: claims again once half its claims are done, while the rest are still being sent. */
  async function feed(lane: ReturnType<typeof createLane>): Promise<void> {
    const target = Math.min(batchSize, lane.capacity * 4);
    let failures = 0;
    while (!stopping) {
      const room = target - lane.load();
      if (room < target / 2) {
        await lane.wait(pollInterval, true);
        continue;
      }
      try {
        const rows = await claim(room, lane.channel);
        failures = 0;
        if (rows.length) lane.add(rows, await templatesFor(rows));
        // A full claim means more is due: claim again as soon as there is room.
        if (rows.length === room) continue;
        if (!stopping) await lane.wait(pollInterval, false);
      } catch (error) {
        failures += 1;
        if (isDatabaseUnavailable(error))
          logger.warn({ err: error, failures }, 'outbox: database unreachable; backing off');
        else logger.error({ err: error }, 'outbox dispatch failed');
        if (!stopping) await lane.wait(failureBackoffMilliseconds(failures, pollInterval, random()), false);
      }
    }
  }

  let feeding: Promise<unknown> | null = null;
  let wakeTimer: NodeJS.Timeout | null = null;
  // The signal fires inside the enqueuing transaction; a short delay lets it commit first.
  const onEnqueued = () => {
    wakeTimer ??= setTimeout(() => {
      wakeTimer = null;
      for (const wake of [...wakers]) wake();
    }, 25);
  };

  /** Hands back every claim whose outcome is not written yet. */
  async function releaseHeld(): Promise<void> {
    for (const lane of lanes) lane.drop();
    const claims = [...held.values()];
    held.clear();
    await releaseClaims(db, workerId, clock.now().toISOString(), {
      unsent: claims.filter((claim) => !claim.started).map((claim) => claim.row.id),
      abandoned: claims.filter((claim) => claim.started).map((claim) => claim.row.id),
    });
    if (claims.length) logger.warn({ released: claims.length }, 'outbox: released unfinished claims at shutdown');
  }

  return {
    workerId,
    claim,
    runOnce,
    /** Runs until stop(): each channel claims and sends on its own, and wakes early when this process enqueues. */
    start(): void {
      if (feeding) return;
      stopping = false;
      outboxSignal.on('enqueued', onEnqueued);
      feeding = Promise.all(lanes.map(feed));
    },
    /**
     * Stops claiming, lets sends in flight finish for up to `graceMilliseconds`, then releases every
     * claim still held (lease cleared) so another worker takes it at once.
     */
    async stop(graceMilliseconds = Number.POSITIVE_INFINITY): Promise<void> {
      stopping = true;
      outboxSignal.off('enqueued', onEnqueued);
      if (wakeTimer) clearTimeout(wakeTimer);
      wakeTimer = null;
      for (const wake of [...wakers]) wake();
      let timer: NodeJS.Timeout | undefined;
      const graceOver = new Promise<void>((resolve) => {
        if (Number.isFinite(graceMilliseconds)) timer = setTimeout(resolve, graceMilliseconds);
      });
      const finished = Promise.all([feeding, ...lanes.map((lane) => lane.sending())]);
      await Promise.race([finished, graceOver]);
      clearTimeout(timer);
      // Sent ones are written as sent first: handed back, they would go out again.
      await sentBatches.settle();
      await releaseHeld();
      feeding = null;
    },
  };
}
