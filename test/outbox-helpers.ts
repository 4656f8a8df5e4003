import type { Deps } from '../src/server/deps.ts';
import { findOutboxMessages } from '../src/server/features/notifications/notifications-repository.ts';
import { createDispatcher } from '../src/server/outbox/dispatcher.ts';
import type { RenderedMessage, Sender } from '../src/server/outbox/senders/sender.ts';

/**
 * What the tests' capture sender was handed, links intact: the outbox row keeps them hidden, as a
 * real mailbox would not.
 */
const mailbox = new Map<string, RenderedMessage>();
const recordingSender: Sender = {
  captures: true,
  async send(message) {
    mailbox.set(message.id, message);
  },
};

/**
 * Runs the outbox dispatcher with the capture sender until nothing is due at the (fake) clock's
 * current time; returns how many messages it handled. Messages waiting for a retry later stay queued.
 */
export async function deliverOutbox(deps: Deps): Promise<number> {
  const dispatcher = createDispatcher({
    db: deps.db,
    databaseKind: deps.database.kind,
    clock: deps.clock,
    logger: deps.logger,
    senders: { email: recordingSender, sms: recordingSender },
    publicUrl: deps.config.publicUrl,
  });
  let total = 0;
  for (;;) {
    const handled = await dispatcher.runOnce();
    if (handled === 0) return total;
    total += handled;
  }
}

export interface CapturedMessage {
  id: string;
  kind: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** Every http(s) link in the text body, in order. */
  links: string[];
  accountId: string | null;
  contactId: string | null;
}

/** Captured (delivered) messages to an email address or phone number, newest first. */
export async function capturedTo(deps: Deps, recipient: string): Promise<CapturedMessage[]> {
  const rows = await findOutboxMessages(deps.db, { to: recipient, status: 'sent', limit: 1000, offset: 0 });
  return rows
    .filter((row) => row.captured === 1)
    .map((row) => {
      const delivered = mailbox.get(row.id);
      const text = delivered?.text ?? row.renderedText ?? '';
      return {
        id: row.id,
        kind: row.kind,
        to: JSON.parse(row.recipientsJson) as string[],
        subject: row.renderedSubject ?? '',
        text,
        html: delivered?.html ?? row.renderedHtml ?? '',
        links: text.match(/https?:\/\/[^\s<>"]+/g) ?? [],
        accountId: row.accountId,
        contactId: row.contactId,
      };
    });
}
