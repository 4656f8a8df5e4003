import type { Flag, IsoTimestamp } from './columns.ts';

export type OutboxChannel = 'email' | 'sms';
export type OutboxStatus = 'queued' | 'processing' | 'sent' | 'dead' | 'skipped_expired' | 'cancelled';

export interface OutboxMessagesTable {
  id: string;
  kind: string;
  channel: OutboxChannel;
  /** JSON array of email addresses or E.164 phone numbers. */
  recipientsJson: string;
  /** JSON merge data for the template; redacted once the message reaches a terminal state. */
  payloadJson: string | null;
  /** Unique when set: enqueuing the same logical message twice keeps one row. */
  dedupeKey: string | null;
  status: OutboxStatus;
  attempts: number;
  /** 1 for access messages (links, resets, invitations), claimed before bulk mail (0). */
  priority: number;
  nextAttemptAt: IsoTimestamp;
  lockedBy: string | null;
  lockedUntil: IsoTimestamp | null;
  lastError: string | null;
  /** A message carrying a link is not sent after the link expired. */
  expiresAt: IsoTimestamp | null;
  /** For the access timeline and per-account views. */
  accountId: string | null;
  contactId: string | null;
  /** The one-time link this message carries, so revoking the link cancels the message. */
  accessTokenId: string | null;
  createdAt: IsoTimestamp;
  updatedAt: IsoTimestamp;
  sentAt: IsoTimestamp | null;
  /** JSON array of addresses replies should go to; null replies to the sender. */
  replyToJson: string | null;
  /** 1 when no SMTP/SMS provider was configured and the message was kept for the console instead. */
  captured: Flag;
  /** Rendered content, kept only for captured messages; real sends keep none (links are secrets). */
  renderedSubject: string | null;
  renderedText: string | null;
  renderedHtml: string | null;
}

/** A staff-edited template; without a row the kind's default template applies. */
export interface MessageTemplatesTable {
  kind: string;
  subject: string;
  html: string;
  text: string;
  updatedAt: IsoTimestamp;
  updatedByStaffId: string | null;
}

/** The vendor's switch per message kind; without a row the kind is enabled. */
export interface NotificationSettingsTable {
  kind: string;
  enabled: Flag;
  updatedAt: IsoTimestamp;
  updatedByStaffId: string | null;
}

export interface OutboxTables {
  outboxMessages: OutboxMessagesTable;
  messageTemplates: MessageTemplatesTable;
  notificationSettings: NotificationSettingsTable;
}
