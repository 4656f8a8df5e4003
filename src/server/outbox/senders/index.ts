import type { Config } from '../../config.ts';
import { captureSender, createDirectoryCaptureSender } from './capture-sender.ts';
import type { Senders } from './sender.ts';
import { createSmsSender } from './sms-sender.ts';
import { createSmtpSender } from './smtp-sender.ts';

/** Real providers where configured; otherwise messages are captured for the console's Outbox page. */
export function createSenders(config: Pick<Config, 'smtp' | 'sms' | 'captureDirectory'>): Senders {
  const capture = config.captureDirectory ? createDirectoryCaptureSender(config.captureDirectory) : captureSender;
  return {
    email: config.smtp ? createSmtpSender(config.smtp) : capture,
    sms: config.sms ? createSmsSender(config.sms) : capture,
  };
}
