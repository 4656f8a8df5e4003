import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStuckSmtpServer } from '../../../test/smtp-test-server.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { createDispatcher } from './dispatcher.ts';
import { enqueue } from './outbox.ts';
import type { Sender } from './senders/sender.ts';
import { createSmtpSender } from './senders/smtp-sender.ts';

const testPayload = { staff: { name: 'Jordan Staff' }, consoleUrl: 'http://portico.test/console' };
const portalKeyPayload = {
  contact: { firstName: 'Ada' },
  account: { name: 'Harbor Point Lofts', number: 'PR-2001', portalKey: 'K7Q2-AAAA' },
  link: 'http://portico.test/portal/sign-up',
};

/** Polls until `check` holds; fails after `milliseconds` (the bound, not a sleep asserted on). */
async function eventually(check: () => Promise<boolean>, milliseconds: number): Promise<void> {
  const deadline = Date.now() + milliseconds;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not true within ${milliseconds} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('delivery lanes', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp();
  });
  afterAll(() => testApp.close());

  const statuses = async (ids: string[]) =>
    testApp.deps.db
      .selectFrom('outboxMessages')
      .select(['id', 'status', 'lockedBy', 'lockedUntil', 'attempts'])
      .where('id', 'in', ids)
      .execute();

  it('claims access messages before bulk mail queued earlier', async () => {
    const ids = await testApp.deps.db.transaction().execute(async (trx) => [
      await enqueue(trx, testApp.clock, { kind: 'staff_test_email', to: ['bulk@portico.test'], payload: testPayload }),
      await enqueue(trx, testApp.clock, {
        kind: 'registration.portal_key',
        to: ['ada@customer.test'],
        payload: portalKeyPayload,
      }),
    ]);
    const dispatcher = createDispatcher({
      db: testApp.deps.db,
      databaseKind: testApp.deps.database.kind,
      clock: testApp.clock,
      logger: pino({ level: 'silent' }),
      senders: { email: { captures: true, async send() {} }, sms: { captures: true, async send() {} } },
      publicUrl: 'http://portico.test',
    });
    const [first] = await dispatcher.claim(1);
    expect(first?.id).toBe(ids[1]);
    await dispatcher.runOnce();
  });

  it('delivers an SMS while every email is stuck on a mail server that never answers, and hands the emails back on stop', async () => {
    const stuckServer = await startStuckSmtpServer();
    // Far longer than the test may take: the SMS must not wait for it.
    const smtp = createSmtpSender({
      url: stuckServer.url,
      from: 'Portico <no-reply@portico.test>',
      timeoutMilliseconds: 60_000,
      connections: 2,
    });
    const smsSent: string[] = [];
    const sms: Sender = {
      captures: false,
      async send(message) {
        smsSent.push(message.id);
      },
    };
    const dispatcher = createDispatcher({
      db: testApp.deps.db,
      databaseKind: testApp.deps.database.kind,
      clock: testApp.clock,
      logger: pino({ level: 'silent' }),
      senders: { email: smtp, sms },
      publicUrl: 'http://portico.test',
      pollIntervalMilliseconds: 50,
    });
    const emailIds = await testApp.deps.db.transaction().execute(async (trx) => {
      const ids: string[] = [];
      for (let index = 0; index < 4; index += 1)
        ids.push(
          (await enqueue(trx, testApp.clock, {
            kind: 'staff_test_email',
            to: [`stuck${index}@portico.test`],
            payload: testPayload,
          }))!,
        );
      return ids;
    });
    dispatcher.start();
    // Both pooled connections hang in DATA before the SMS is even queued.
    await eventually(async () => stuckServer.stuckAtData() === 2, 10_000);
    const smsId = await testApp.deps.db
      .transaction()
      .execute((trx) =>
        enqueue(trx, testApp.clock, { kind: 'staff_test_sms', to: ['+15125550123'], payload: testPayload }),
      );
    await eventually(async () => (await statuses([smsId!]))[0]?.status === 'sent', 10_000);
    expect(smsSent).toEqual([smsId]);
    expect((await statuses(emailIds)).map((row) => row.status)).toEqual(Array(4).fill('processing'));

    await dispatcher.stop(0);
    const released = await statuses(emailIds);
    expect(released.map((row) => [row.status, row.lockedBy, row.lockedUntil])).toEqual(
      Array(4).fill(['queued', null, null]),
    );
    // The two sends that reached the server keep their attempt; the two never handed over get it back.
    expect(released.map((row) => row.attempts).sort()).toEqual([0, 0, 1, 1]);
    smtp.close();
    await stuckServer.close();
    await testApp.deps.db
      .updateTable('outboxMessages')
      .set({ status: 'cancelled' })
      .where('id', 'in', emailIds)
      .execute();
  });
});
