import { DeliveryError, isTransientHttpStatus, parseRetryAfter } from '../delivery-rules.ts';
import type { Sender } from './sender.ts';

export interface SmsSenderOptions {
  /** Base URL of a Twilio-compatible API, e.g. https://api.twilio.com/2010-04-01 */
  url: string;
  accountSid: string;
  authToken: string;
  from: string;
  timeoutMilliseconds?: number;
}

/**
 * SMS through a Twilio-compatible HTTP API: POST {url}/Accounts/{sid}/Messages.json, form-encoded
 * To/From/Body, basic auth. One request per recipient, each with a stable idempotency key.
 */
export function createSmsSender(options: SmsSenderOptions): Sender {
  const endpoint = `${options.url.replace(/\/+$/, '')}/Accounts/${encodeURIComponent(options.accountSid)}/Messages.json`;
  const authorization = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`;
  return {
    captures: false,
    async send(message) {
      for (const to of message.to) {
        const idempotencyKey = `${message.id}:${to}`;
        let response: Response;
        try {
          response = await fetch(endpoint, {
            method: 'POST',
            headers: {
              authorization,
              'content-type': 'application/x-www-form-urlencoded',
              'idempotency-key': idempotencyKey,
              'i-twilio-idempotency-token': idempotencyKey,
            },
            body: new URLSearchParams({ To: to, From: options.from, Body: message.text }).toString(),
            signal: AbortSignal.timeout(options.timeoutMilliseconds ?? 15_000),
          });
        } catch (error) {
          throw new DeliveryError(`SMS: ${(error as Error).message}`, false);
        }
        if (!response.ok) {
          const detail = (await response.text().catch(() => '')).slice(0, 200);
          throw new DeliveryError(
            `SMS: provider answered ${response.status} ${detail}`.trim(),
            !isTransientHttpStatus(response.status),
            parseRetryAfter(response.headers.get('retry-after'), Date.now()),
          );
        }
      }
    },
  };
}
