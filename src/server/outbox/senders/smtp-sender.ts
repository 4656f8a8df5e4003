import nodemailer from 'nodemailer';
import { DeliveryError, isTransientSmtpCode } from '../delivery-rules.ts';
import type { Sender } from './sender.ts';

export interface SmtpSenderOptions {
  url: string;
  from: string;
  /**
   * One send's limit, waiting for a pooled connection included; must stay well below the dispatcher
   * lease, so a hung server can't outlive the claim.
   */
  timeoutMilliseconds?: number;
  /**
   * Connections kept open per worker; a new connection per message caps delivery at ~75/s, and with 4 a
   * worker waited on the server a third of the time.
   */
  connections?: number;
}

/** Email over SMTP with nodemailer, on a small pool of reused connections. */
export function createSmtpSender(options: SmtpSenderOptions): Sender & { close(): void } {
  const timeout = options.timeoutMilliseconds ?? 30_000;
  const connections = options.connections ?? 8;
  const transport = nodemailer.createTransport({
    url: options.url,
    pool: true,
    maxConnections: connections,
    maxMessages: 1000,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
  return {
    captures: false,
    concurrency: connections,
    async send(message) {
      let timer: NodeJS.Timeout | undefined;
      // A server that accepts and never answers fails this send (retried later) instead of holding the slot.
      const stuck = new Promise<never>((_, fail) => {
        timer = setTimeout(() => fail(new Error(`no answer within ${timeout / 1000} s`)), timeout);
      });
      try {
        await Promise.race([
          stuck,
          transport.sendMail({
            from: options.from,
            to: message.to,
            replyTo: message.replyTo?.length ? message.replyTo : undefined,
            subject: message.subject,
            text: message.text,
            html: message.html || undefined,
            // Same id on every attempt: a receiving system that dedupes by Message-ID drops a re-send.
            messageId: `<${message.id}@portico.outbox>`,
            headers: { 'Idempotency-Key': message.id },
          }),
        ]);
      } catch (error) {
        const smtpError = error as { responseCode?: number; message?: string };
        const transient = isTransientSmtpCode(smtpError.responseCode);
        throw new DeliveryError(`SMTP: ${smtpError.message ?? String(error)}`, !transient);
      } finally {
        clearTimeout(timer);
      }
    },
    close: () => transport.close(),
  };
}
