import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedSms {
  to: string;
  from: string;
  body: string;
}

export interface SmsTestServer {
  /** The base URL to give the SMS sender (`SMS_URL`). */
  url: string;
  received: ReceivedSms[];
  close(): Promise<void>;
}

/** A local Twilio-compatible Messages API on 127.0.0.1 that accepts every message and keeps it. */
export async function startSmsTestServer(): Promise<SmsTestServer> {
  const received: ReceivedSms[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString());
      received.push({ to: form.get('To') ?? '', from: form.get('From') ?? '', body: form.get('Body') ?? '' });
      response.writeHead(201, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ sid: `SM${received.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/2010-04-01`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
