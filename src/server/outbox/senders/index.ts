import type { Config } from '../../config.ts';
import { captureSender } from './capture-sender.ts';
import type { Senders } from './sender.ts';
import { createSmsSender } from './sms-sender.ts';
import { createSmtpSender } from './smtp-sender.ts';

/** Real providers where configured; otherwise messages are captured for the console's Outbox page. */
export function createSenders(config: Pick<Config, 'smtp' | 'sms'>): Senders {
  return {
    email: config.smtp ? createSmtpSender(config.smtp) : captureSender,
    sms: config.sms ? createSmsSender(config.sms) : captureSender,
  };
}
