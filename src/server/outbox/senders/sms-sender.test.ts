import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryError } from '../delivery-rules.ts';
import { createSmsSender } from './sms-sender.ts';

interface ProviderRequest {
  url: string;
  headers: IncomingHttpHeaders;
  form: URLSearchParams;
}

describe('SMS sender (Twilio-compatible API)', () => {
  const requests: ProviderRequest[] = [];
  let answers: Array<{ status: number; headers?: Record<string, string>; delayMilliseconds?: number }> = [];
  let baseUrl = '';
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push({
        url: request.url ?? '',
        headers: request.headers,
        form: new URLSearchParams(Buffer.concat(chunks).toString()),
      });
      const answer = answers.shift() ?? { status: 201 };
      const reply = () => {
        if (response.destroyed) return;
        response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        response.end(JSON.stringify(answer.status < 300 ? { sid: 'SM1' } : { message: 'error' }));
      };
      // A provider that accepted the message but answers after the client gave up.
      if (answer.delayMilliseconds) setTimeout(reply, answer.delayMilliseconds);
      else reply();
    });
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/2010-04-01`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const sender = () =>
    createSmsSender({ url: baseUrl, accountSid: 'AC123', authToken: 'secret', from: '+15125550100' });
  const message = {
    id: '0190aaaa-0000-7000-8000-000000000001',
    kind: 'staff_test_sms',
    channel: 'sms' as const,
    to: ['+15125550123', '+15125550124'],
    subject: '',
    html: '',
    text: 'Hello from Portico',
  };

  it('posts form-encoded To/From/Body per recipient with basic auth and a stable idempotency key', async () => {
    requests.length = 0;
    await sender().send(message);
    expect(requests).toHaveLength(2);
    expect(requests[0]!.url).toBe('/2010-04-01/Accounts/AC123/Messages.json');
    expect(requests[0]!.headers.authorization).toBe(`Basic ${Buffer.from('AC123:secret').toString('base64')}`);
    expect(requests[0]!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(requests[0]!.form)).toEqual({
      To: '+15125550123',
      From: '+15125550100',
      Body: 'Hello from Portico',
    });
    expect(requests.map((request) => request.headers['idempotency-key'])).toEqual([
      `${message.id}:+15125550123`,
      `${message.id}:+15125550124`,
    ]);
  });

  it('treats 503 and 429 as transient, honouring Retry-After, and other 4xx as permanent', async () => {
    answers = [{ status: 503 }];
    const unavailable = await sender()
      .send(message)
      .catch((error: unknown) => error);
    expect(unavailable).toBeInstanceOf(DeliveryError);
    expect(unavailable).toMatchObject({ permanent: false });

    answers = [{ status: 429, headers: { 'retry-after': '90' } }];
    expect(
      await sender()
        .send(message)
        .catch((error: unknown) => error),
    ).toMatchObject({ permanent: false, retryAfterSeconds: 90 });

    answers = [{ status: 503, headers: { 'retry-after': new Date(Date.now() + 600_000).toUTCString() } }];
    const dated = (await sender()
      .send(message)
      .catch((error: unknown) => error)) as DeliveryError;
    expect(dated.retryAfterSeconds).toBeGreaterThan(590);

    answers = [{ status: 400 }];
    expect(
      await sender()
        .send(message)
        .catch((error: unknown) => error),
    ).toMatchObject({ permanent: true });
  });

  it('re-sends with the same idempotency key after a timeout, so the provider can drop the duplicate', async () => {
    requests.length = 0;
    answers = [{ status: 201, delayMilliseconds: 1500 }, { status: 201 }];
    const impatient = createSmsSender({
      url: baseUrl,
      accountSid: 'AC123',
      authToken: 'secret',
      from: '+15125550100',
      timeoutMilliseconds: 300,
    });
    const single = { ...message, to: ['+15125550123'] };
    expect(await impatient.send(single).catch((error: unknown) => error)).toMatchObject({ permanent: false });
    await impatient.send(single);
    const keys = requests.map((request) => request.headers['idempotency-key']);
    expect(keys).toEqual([`${message.id}:+15125550123`, `${message.id}:+15125550123`]);
    expect(new Set(keys).size).toBe(1);
  });

  it('treats an unreachable provider as transient', async () => {
    const unreachable = createSmsSender({
      url: 'http://127.0.0.1:1',
      accountSid: 'AC123',
      authToken: 'secret',
      from: '+15125550100',
      timeoutMilliseconds: 2000,
    });
    expect(await unreachable.send(message).catch((error: unknown) => error)).toMatchObject({ permanent: false });
  });
});
