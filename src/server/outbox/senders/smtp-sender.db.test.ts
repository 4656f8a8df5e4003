import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpTestServer } from '../../../../test/smtp-test-server.ts';
import { createTestApp, type TestApp } from '../../../../test/test-app.ts';
import { createDispatcher } from '../dispatcher.ts';
import { enqueue } from '../outbox.ts';
import { captureSender } from './capture-sender.ts';
import { createSmtpSender } from './smtp-sender.ts';

describe('SMTP delivery', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp();
  });
  afterAll(() => testApp.close());

  const enqueueTo = (to: string[]) =>
    testApp.deps.db.transaction().execute((trx) =>
      enqueue(trx, testApp.clock, {
        kind: 'staff_test_email',
        to,
        payload: { staff: { name: 'Jordan <b>' }, consoleUrl: 'http://portico.test/console' },
      }),
    );
  const dispatcherFor = (port: number) => {
    const smtp = createSmtpSender({
      url: `smtp://127.0.0.1:${port}`,
      from: 'Portico <no-reply@portico.test>',
      timeoutMilliseconds: 5000,
    });
    return {
      smtp,
      dispatcher: createDispatcher({
        db: testApp.deps.db,
        databaseKind: testApp.deps.database.kind,
        clock: testApp.clock,
        logger: pino({ level: 'silent' }),
        senders: { email: smtp, sms: captureSender },
        publicUrl: 'http://portico.test',
        random: () => 0,
      }),
    };
  };
  const row = (id: string) =>
    testApp.deps.db.selectFrom('outboxMessages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('delivers to every recipient over SMTP and keeps no rendered copy or payload', async () => {
    const server = await startSmtpTestServer();
    const { dispatcher, smtp } = dispatcherFor(server.port);
    const id = await enqueueTo(['pat@customer.test', 'pat.home@customer.test']);
    await dispatcher.runOnce();
    smtp.close();
    await server.close();
    expect(server.received).toHaveLength(1);
    expect(server.received[0]!.to).toEqual(['pat@customer.test', 'pat.home@customer.test']);
    expect(server.received[0]!.raw).toContain(`Message-ID: <${id}@portico.outbox>`);
    expect(server.received[0]!.raw).toContain('Subject: Portico test email');
    expect(server.received[0]!.raw).toContain('Jordan &lt;b&gt;');
    // Both parts: the styled HTML and the plain text, as one multipart/alternative message.
    expect(server.received[0]!.raw).toMatch(/Content-Type: multipart\/alternative/i);
    expect(server.received[0]!.raw).toMatch(/Content-Type: text\/plain/i);
    expect(server.received[0]!.raw).toMatch(/Content-Type: text\/html/i);
    expect(server.received[0]!.raw).toContain('Sent by Portico.');
    expect(await row(id!)).toMatchObject({
      status: 'sent',
      captured: 0,
      renderedHtml: null,
      renderedText: null,
      payloadJson: null,
    });
  });

  it('rides out an outage: retries while the server is down, delivers once it is back', async () => {
    const probe = await startSmtpTestServer();
    const port = probe.port;
    await probe.close();
    const { dispatcher, smtp } = dispatcherFor(port);
    const id = await enqueueTo(['outage@customer.test']);
    for (let attempt = 1; attempt <= 3; attempt++) {
      await dispatcher.runOnce();
      const failed = await row(id!);
      expect(failed).toMatchObject({ status: 'queued', attempts: attempt });
      expect(failed.lastError).toMatch(/ECONNREFUSED|connect/i);
      testApp.clock.advanceSeconds(3600);
    }
    const server = await startSmtpTestServer({ port });
    await dispatcher.runOnce();
    smtp.close();
    await server.close();
    expect(await row(id!)).toMatchObject({ status: 'sent', attempts: 4 });
    expect(server.received.map((mail) => mail.to)).toEqual([['outage@customer.test']]);
  });

  it('dead-letters a recipient the server rejects permanently (550) after one attempt', async () => {
    const server = await startSmtpTestServer({ rejectRecipient: 'gone@customer.test' });
    const { dispatcher, smtp } = dispatcherFor(server.port);
    const id = await enqueueTo(['gone@customer.test']);
    await dispatcher.runOnce();
    smtp.close();
    await server.close();
    const dead = await row(id!);
    expect(dead).toMatchObject({ status: 'dead', attempts: 1 });
    expect(dead.lastError).toMatch(/550/);
    expect(server.received).toHaveLength(0);
  });
});
