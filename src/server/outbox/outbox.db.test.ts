import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffMember } from '../../../test/factories.ts';
import { capturedTo, deliverOutbox } from '../../../test/outbox-helpers.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { testDatabaseKind } from '../../../test/test-database.ts';
import { createDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { DeliveryError } from './delivery-rules.ts';
import { createDispatcher, type DispatcherOptions } from './dispatcher.ts';
import { enqueue } from './outbox.ts';
import type { RenderedMessage, Sender, Senders } from './senders/sender.ts';

function recordingSender(
  behaviour: (message: RenderedMessage, call: number) => void = () => {},
): Sender & { sent: RenderedMessage[]; calls: number } {
  const sender = {
    captures: false,
    sent: [] as RenderedMessage[],
    calls: 0,
    async send(message: RenderedMessage) {
      sender.calls += 1;
      behaviour(message, sender.calls);
      sender.sent.push(message);
    },
  };
  return sender;
}

describe('outbox', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp();
  });
  afterAll(() => testApp.close());

  const email = () => `${Math.random().toString(36).slice(2)}@customer.test`;
  const testPayload = { staff: { name: 'Jordan' }, consoleUrl: 'http://portico.test/console' };
  const dispatcherWith = (senders: Senders, overrides: Partial<DispatcherOptions> = {}) =>
    createDispatcher({
      db: testApp.deps.db,
      databaseKind: testApp.deps.database.kind,
      clock: testApp.clock,
      logger: pino({ level: 'silent' }),
      senders,
      publicUrl: 'http://portico.test',
      random: () => 0.5,
      ...overrides,
    });
  const enqueueOne = (to: string, extra: { expiresAt?: Date; accessTokenId?: string; dedupeKey?: string } = {}) =>
    testApp.deps.db
      .transaction()
      .execute((trx) =>
        enqueue(trx, testApp.clock, { kind: 'staff_test_email', to: [to], payload: testPayload, ...extra }),
      );
  const row = (id: string) =>
    testApp.deps.db.selectFrom('outboxMessages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('leaves no message behind when the enqueuing transaction rolls back', async () => {
    const to = email();
    const sender = recordingSender();
    await expect(
      testApp.deps.db.transaction().execute(async (trx) => {
        await enqueue(trx, testApp.clock, { kind: 'staff_test_email', to: [to], payload: testPayload });
        throw new Error('the business change failed');
      }),
    ).rejects.toThrow('the business change failed');
    const rows = await testApp.deps.db
      .selectFrom('outboxMessages')
      .select('id')
      .where('recipientsJson', 'like', `%${to}%`)
      .execute();
    expect(rows).toHaveLength(0);
    await dispatcherWith({ email: sender, sms: sender }).runOnce();
    expect(sender.sent.filter((message) => message.to.includes(to))).toHaveLength(0);
  });

  it('captures a message with its rendered template when no provider is configured, and drops the payload', async () => {
    const to = email();
    const id = await enqueueOne(to);
    expect(await deliverOutbox(testApp.deps)).toBeGreaterThanOrEqual(1);
    const [captured] = await capturedTo(testApp.deps, to.toUpperCase());
    expect(captured).toMatchObject({ id, subject: 'Portico test email', to: [to] });
    expect(captured!.text).toContain('sent by Jordan');
    expect(captured!.links).toEqual(['http://portico.test/console']);
    expect(await row(id!)).toMatchObject({
      status: 'sent',
      attempts: 1,
      payloadJson: null,
      captured: 1,
      lockedBy: null,
    });
  });

  it('keeps one message per dedupe key and returns its id', async () => {
    const to = email();
    const first = await enqueueOne(to, { dedupeKey: `welcome:${to}` });
    const second = await enqueueOne(to, { dedupeKey: `welcome:${to}` });
    expect(second).toBe(first);
    const rows = await testApp.deps.db
      .selectFrom('outboxMessages')
      .select('id')
      .where('dedupeKey', '=', `welcome:${to}`)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('stores nothing and returns null for a kind the vendor switched off; security kinds ignore the switch', async () => {
    await testApp.deps.db
      .insertInto('notificationSettings')
      .values({
        kind: 'outbox_dead_letter_alert',
        enabled: 0,
        updatedAt: testApp.clock.now().toISOString(),
        updatedByStaffId: null,
      })
      .execute();
    const payload = {
      message: { kindLabel: 'x', recipients: 'y', error: 'z' },
      outboxUrl: 'http://portico.test/console/outbox',
    };
    const disabled = await testApp.deps.db
      .transaction()
      .execute((trx) =>
        enqueue(trx, testApp.clock, { kind: 'outbox_dead_letter_alert', to: ['ops@portico.test'], payload }),
      );
    expect(disabled).toBeNull();
    await testApp.deps.db
      .insertInto('notificationSettings')
      .values({
        kind: 'staff_test_email',
        enabled: 0,
        updatedAt: testApp.clock.now().toISOString(),
        updatedByStaffId: null,
      })
      .execute();
    expect(await enqueueOne(email())).toEqual(expect.any(String));
    await testApp.deps.db.deleteFrom('notificationSettings').execute();
  });

  it('rejects recipients that are not email addresses or E.164 numbers', async () => {
    await expect(enqueueOne('not-an-address')).rejects.toThrow(/valid email address/);
    await expect(
      testApp.deps.db
        .transaction()
        .execute((trx) =>
          enqueue(trx, testApp.clock, { kind: 'staff_test_sms', to: ['512-555-0123'], payload: testPayload }),
        ),
    ).rejects.toThrow(/E.164/);
  });

  it('redelivers a message whose worker died after the claim, once the lease runs out', async () => {
    await deliverOutbox(testApp.deps);
    const to = email();
    const id = await enqueueOne(to);
    const sender = recordingSender();
    const crashed = dispatcherWith({ email: sender, sms: sender }, { leaseSeconds: 60 });
    const claimed = await crashed.claim();
    expect(claimed.map((message) => message.id)).toContain(id);
    // The crashed worker never sends. Another worker must leave the claim alone until the lease ends.
    const survivor = dispatcherWith({ email: sender, sms: sender }, { leaseSeconds: 60 });
    expect(await survivor.runOnce()).toBe(0);
    testApp.clock.advanceSeconds(61);
    expect(await survivor.runOnce()).toBeGreaterThanOrEqual(1);
    expect(sender.sent.filter((message) => message.id === id)).toHaveLength(1);
    expect(await row(id!)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('ignores the late result of a worker that lost its lease', async () => {
    await deliverOutbox(testApp.deps);
    const id = await enqueueOne(email());
    const slow = dispatcherWith(recordingSenders(), { leaseSeconds: 30 });
    await slow.claim();
    testApp.clock.advanceSeconds(31);
    const fast = recordingSender();
    await dispatcherWith({ email: fast, sms: fast }).runOnce();
    const { finishClaimedMessage } = await import('./outbox-repository.ts');
    expect(await finishClaimedMessage(testApp.deps.db, id!, slow.workerId, { status: 'dead' })).toBe(false);
    expect((await row(id!)).status).toBe('sent');
  });

  it('retries transient failures with backoff and jitter, delivering on attempt 4', async () => {
    await deliverOutbox(testApp.deps);
    const id = await enqueueOne(email());
    const sender = recordingSender((message, call) => {
      if (message.id === id && call <= 3) throw new DeliveryError('provider answered 503', false);
    });
    const dispatcher = dispatcherWith(
      { email: sender, sms: sender },
      { retryPolicy: { maxAttempts: 5, baseDelaySeconds: 30, maxDelaySeconds: 3600 }, random: () => 0.25 },
    );
    const expectedDelays = [30 * 0.625, 60 * 0.625, 120 * 0.625];
    for (const delay of expectedDelays) {
      const before = testApp.clock.now().getTime();
      await dispatcher.runOnce();
      const failed = await row(id!);
      expect(failed).toMatchObject({ status: 'queued', lastError: 'provider answered 503' });
      expect(new Date(failed.nextAttemptAt).getTime() - before).toBe(delay * 1000);
      expect(await dispatcher.runOnce()).toBe(0);
      testApp.clock.advanceSeconds(delay);
    }
    await dispatcher.runOnce();
    expect(await row(id!)).toMatchObject({ status: 'sent', attempts: 4, lastError: null });
    expect(sender.sent.filter((message) => message.id === id)).toHaveLength(1);
  });

  it('marks the sent messages of a claim together; one that failed in it is retried, every one sent exactly once', async () => {
    await deliverOutbox(testApp.deps);
    const ids: string[] = [];
    for (let index = 0; index < 6; index += 1) ids.push((await enqueueOne(email()))!);
    const failing = ids[2];
    let failed = false;
    const sender = recordingSender((message) => {
      if (message.id !== failing || failed) return;
      failed = true;
      throw new DeliveryError('provider answered 421', false);
    });
    let sentWrites = 0;
    const db = testApp.deps.db.withPlugin({
      transformQuery({ node }) {
        if (node.kind === 'UpdateQueryNode' && JSON.stringify(node).includes('"sent"')) sentWrites += 1;
        return node;
      },
      transformResult: async ({ result }) => result,
    });
    const dispatcher = dispatcherWith({ email: sender, sms: sender }, { db, random: () => 0.5 });
    expect(await dispatcher.runOnce()).toBe(6);
    const statuses = async () => Promise.all(ids.map(async (id) => (await row(id)).status));
    expect(await statuses()).toEqual(ids.map((id) => (id === failing ? 'queued' : 'sent')));
    // One statement for the five, or two if the batch's wait ran out while the failure was written.
    expect(sentWrites).toBeGreaterThanOrEqual(1);
    expect(sentWrites).toBeLessThanOrEqual(2);
    expect(await row(failing!)).toMatchObject({ attempts: 1, lastError: 'provider answered 421' });

    testApp.clock.advanceSeconds(3600);
    expect(await dispatcher.runOnce()).toBe(1);
    expect(await statuses()).toEqual(ids.map(() => 'sent'));
    expect(ids.map((id) => sender.sent.filter((message) => message.id === id).length)).toEqual(ids.map(() => 1));
    expect(sender.calls).toBe(7);
  });

  it('dead-letters a permanent failure after one attempt, records it and alerts staff admins', async () => {
    await deliverOutbox(testApp.deps);
    const admin = await createStaffMember(testApp.deps, { role: 'admin' });
    const to = email();
    const id = await enqueueOne(to);
    const sender = recordingSender((message) => {
      if (message.id === id) throw new DeliveryError('SMTP: 550 mailbox unavailable', true);
    });
    await dispatcherWith({ email: sender, sms: sender }).runOnce();
    expect(await row(id!)).toMatchObject({ status: 'dead', attempts: 1, lastError: 'SMTP: 550 mailbox unavailable' });
    const audit = await testApp.deps.db
      .selectFrom('auditEvents')
      .selectAll()
      .where('subjectId', '=', id!)
      .where('action', '=', 'outbox.message_dead')
      .execute();
    expect(audit).toHaveLength(1);
    await deliverOutbox(testApp.deps);
    const [alert] = await capturedTo(testApp.deps, admin.email);
    expect(alert).toMatchObject({ kind: 'outbox_dead_letter_alert', subject: `Undeliverable: Test email to ${to}` });
    expect(alert!.text).toContain('550 mailbox unavailable');
  });

  it('gives up after the last attempt', async () => {
    await deliverOutbox(testApp.deps);
    const id = await enqueueOne(email());
    const sender = recordingSender((message) => {
      if (message.id === id) throw new Error('connection reset');
    });
    const dispatcher = dispatcherWith(
      { email: sender, sms: sender },
      { retryPolicy: { maxAttempts: 2, baseDelaySeconds: 10, maxDelaySeconds: 10 } },
    );
    await dispatcher.runOnce();
    testApp.clock.advanceSeconds(10);
    await dispatcher.runOnce();
    expect(await row(id!)).toMatchObject({ status: 'dead', attempts: 2, lastError: 'connection reset' });
  });

  it('skips a message whose link expired before it could be sent, and drops the link', async () => {
    await deliverOutbox(testApp.deps);
    const id = await enqueueOne(email(), { expiresAt: new Date(testApp.clock.now().getTime() + 15 * 60_000) });
    testApp.clock.advanceSeconds(16 * 60);
    const sender = recordingSender();
    await dispatcherWith({ email: sender, sms: sender }).runOnce();
    expect(sender.sent.filter((message) => message.id === id)).toHaveLength(0);
    expect(await row(id!)).toMatchObject({ status: 'skipped_expired', payloadJson: null });
  });

  it('lets several workers share the queue: every message sent exactly once', async () => {
    await deliverOutbox(testApp.deps);
    const count = testApp.deps.database.kind === 'postgres' ? 10_000 : 2_000;
    const ids = new Set<string>();
    const chunks = 10;
    await Promise.all(
      Array.from({ length: chunks }, (_, chunk) =>
        testApp.deps.db.transaction().execute(async (trx) => {
          for (let index = chunk; index < count; index += chunks) {
            const id = await enqueue(trx, testApp.clock, {
              kind: 'staff_test_email',
              to: [`bulk-${index}@customer.test`],
              payload: testPayload,
            });
            ids.add(id!);
          }
        }),
      ),
    );
    // On PostgreSQL each worker has its own connection pool, as separate processes would.
    const url = (testApp.deps.database as { url?: string | null }).url;
    const second = url ? createDatabase({ kind: 'postgres', url }) : testApp.deps.database;
    const deliveries = new Map<string, number>();
    const counting: Sender = {
      captures: false,
      async send(message) {
        deliveries.set(message.id, (deliveries.get(message.id) ?? 0) + 1);
      },
    };
    const senders = { email: counting, sms: counting };
    const workers = [
      dispatcherWith(senders, { batchSize: 250, concurrency: 25 }),
      dispatcherWith(senders, { batchSize: 250, concurrency: 25, db: second.db }),
    ];
    const drain = async (worker: (typeof workers)[number]) => {
      while ((await worker.runOnce()) > 0);
    };
    const started = Date.now();
    await Promise.all(workers.map(drain));
    if (second !== testApp.deps.database) await second.close();
    expect(Date.now() - started).toBeLessThan(45_000);
    expect([...ids].filter((id) => deliveries.get(id) !== 1)).toEqual([]);
    const left = await testApp.deps.db
      .selectFrom('outboxMessages')
      .select('id')
      .where('status', 'in', ['queued', 'processing'])
      .execute();
    expect(left).toEqual([]);
  });

  it.runIf(testDatabaseKind() === 'sqlite')(
    'on SQLite, workers on separate connections to one file never claim a message twice',
    async () => {
      const directory = mkdtempSync(join(tmpdir(), 'portico-outbox-'));
      const path = join(directory, 'portico.db');
      const first = createDatabase({ kind: 'sqlite', path });
      await migrateToLatest(first.db);
      const handles = [first, ...Array.from({ length: 3 }, () => createDatabase({ kind: 'sqlite', path }))];
      const ids: string[] = [];
      await first.db.transaction().execute(async (trx) => {
        for (let index = 0; index < 1000; index++) {
          ids.push(
            (await enqueue(trx, testApp.clock, {
              kind: 'staff_test_email',
              to: [`file-${index}@customer.test`],
              payload: testPayload,
            }))!,
          );
        }
      });
      const deliveries = new Map<string, number>();
      const counting: Sender = {
        captures: false,
        async send(message) {
          deliveries.set(message.id, (deliveries.get(message.id) ?? 0) + 1);
        },
      };
      const workers = handles.map((handle) =>
        dispatcherWith({ email: counting, sms: counting }, { db: handle.db, databaseKind: 'sqlite', batchSize: 40 }),
      );
      await Promise.all(
        workers.map(async (worker) => {
          while ((await worker.runOnce()) > 0);
        }),
      );
      const statuses = await first.db.selectFrom('outboxMessages').select('status').distinct().execute();
      await Promise.all(handles.map((handle) => handle.close()));
      rmSync(directory, { recursive: true, force: true });
      expect(ids.filter((id) => deliveries.get(id) !== 1)).toEqual([]);
      expect(statuses).toEqual([{ status: 'sent' }]);
    },
  );
});

function recordingSenders(): Senders {
  const sender = recordingSender();
  return { email: sender, sms: sender };
}
