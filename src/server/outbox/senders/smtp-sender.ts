import nodemailer from 'nodemailer';
import { DeliveryError, isTransientSmtpCode } from '../delivery-rules.ts';
import type { Sender } from './sender.ts';

export interface SmtpSenderOptions {
  url: string;
  from: string;
  /** Must stay well below the dispatcher lease, so a hung server can't outlive the claim. */
  timeoutMilliseconds?: number;
}

/** Email over SMTP with nodemailer. */
export function createSmtpSender(options: SmtpSenderOptions): Sender & { close(): void } {
  const timeout = options.timeoutMilliseconds ?? 30_000;
  const transport = nodemailer.createTransport({
    url: options.url,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
  return {
    captures: false,
    async send(message) {
      try {
        await transport.sendMail({
          from: options.from,
          to: message.to,
          replyTo: message.replyTo?.length ? message.replyTo : undefined,
          subject: message.subject,
          text: message.text,
          html: message.html || undefined,
          // Same id on every attempt: a receiving system that dedupes by Message-ID drops a re-send.
          messageId: `<${message.id}@portico.outbox>`,
          headers: { 'Idempotency-Key': message.id },
        });
      } catch (error) {
        const smtpError = error as { responseCode?: number; message?: string };
        const transient = isTransientSmtpCode(smtpError.responseCode);
        throw new DeliveryError(`SMTP: ${smtpError.message ?? String(error)}`, !transient);
      }
    },
    close: () => transport.close(),
  };
}
