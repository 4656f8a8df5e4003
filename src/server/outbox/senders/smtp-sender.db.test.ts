import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/test-app.ts';
import { createDispatcher } from '../dispatcher.ts';
import { enqueue } from '../outbox.ts';
import { captureSender } from './capture-sender.ts';
import { createSmtpSender } from './smtp-sender.ts';

interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP server on 127.0.0.1; `rejectRecipient` answers RCPT TO with 550. */
function startSmtpServer(port = 0, options: { rejectRecipient?: string } = {}) {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address === options.rejectRecipient) {
        const error = Object.assign(new Error('5.1.1 mailbox unavailable'), { responseCode: 550 });
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: Buffer.concat(chunks).toString(),
        });
        callback();
      });
    },
  });
  return new Promise<{ port: number; received: ReceivedMail[]; close(): Promise<void> }>((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      resolve({
        port: (server.server.address() as AddressInfo).port,
        received,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}

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
    const server = await startSmtpServer();
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
    expect(await row(id!)).toMatchObject({
      status: 'sent',
      captured: 0,
      renderedHtml: null,
      renderedText: null,
      payloadJson: null,
    });
  });

  it('rides out an outage: retries while the server is down, delivers once it is back', async () => {
    const probe = await startSmtpServer();
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
    const server = await startSmtpServer(port);
    await dispatcher.runOnce();
    smtp.close();
    await server.close();
    expect(await row(id!)).toMatchObject({ status: 'sent', attempts: 4 });
    expect(server.received.map((mail) => mail.to)).toEqual([['outage@customer.test']]);
  });

  it('dead-letters a recipient the server rejects permanently (550) after one attempt', async () => {
    const server = await startSmtpServer(0, { rejectRecipient: 'gone@customer.test' });
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
