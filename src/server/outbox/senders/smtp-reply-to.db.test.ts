import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpTestServer } from '../../../../test/smtp-test-server.ts';
import { createTestApp, type TestApp } from '../../../../test/test-app.ts';
import { createDispatcher } from '../dispatcher.ts';
import { enqueue } from '../outbox.ts';
import { captureSender } from './capture-sender.ts';
import { createSmtpSender } from './smtp-sender.ts';

describe('Reply-To over SMTP', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp();
  });
  afterAll(() => testApp.close());

  it('sends the reply-to addresses a message was enqueued with, and none otherwise', async () => {
    const server = await startSmtpTestServer();
    const smtp = createSmtpSender({
      url: `smtp://127.0.0.1:${server.port}`,
      from: 'Portico <no-reply@portico.test>',
      timeoutMilliseconds: 5000,
    });
    const dispatcher = createDispatcher({
      db: testApp.deps.db,
      databaseKind: testApp.deps.database.kind,
      clock: testApp.clock,
      logger: pino({ level: 'silent' }),
      senders: { email: smtp, sms: captureSender },
      publicUrl: 'http://portico.test',
      random: () => 0,
    });
    const payload = {
      contact: { firstName: 'Ada' },
      account: { name: 'Harbor Point Lofts', number: 'PR-2001', portalKey: 'K7Q2-AAAA' },
      link: 'http://portico.test/portal/sign-up',
    };
    await testApp.deps.db.transaction().execute(async (trx) => {
      await enqueue(trx, testApp.clock, {
        kind: 'registration.portal_key',
        to: ['ada@customer.test'],
        payload,
        replyTo: ['support.one@portico.test', 'support.two@portico.test'],
      });
      await enqueue(trx, testApp.clock, { kind: 'registration.portal_key', to: ['bo@customer.test'], payload });
    });
    await dispatcher.runOnce();
    smtp.close();
    await server.close();
    const toAda = server.received.find((mail) => mail.raw.includes('To: ada@customer.test'))?.raw;
    const toBo = server.received.find((mail) => mail.raw.includes('To: bo@customer.test'))?.raw;
    expect(toAda).toMatch(/Reply-To: support\.one@portico\.test, support\.two@portico\.test/);
    expect(toBo).toBeDefined();
    expect(toBo).not.toMatch(/Reply-To:/);
  });
});
