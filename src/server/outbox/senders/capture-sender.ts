import type { Sender, Senders } from './sender.ts';

/** With no provider configured every message is "delivered" into the outbox row itself. */
export const captureSender: Sender = {
  captures: true,
  async send() {},
};

export const captureSenders: Senders = { email: captureSender, sms: captureSender };
