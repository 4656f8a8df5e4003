import { z } from 'zod';
import { defineMessageKind, type MessageKind } from '../message-kind.ts';

const TestMessagePayloadSchema = z.object({
  staff: z.object({ name: z.string() }),
  consoleUrl: z.string(),
});

/** "Send test email" on the notification settings page: proves the SMTP configuration end to end. */
export const staffTestEmailKind = defineMessageKind({
  id: 'staff_test_email',
  channel: 'email',
  label: 'Test email',
  description: 'Sent from the notification settings page to check that email delivery works.',
  payloadSchema: TestMessagePayloadSchema,
  mergeTags: ['staff.name', 'consoleUrl'],
  sample: { staff: { name: 'Jordan Staff' }, consoleUrl: 'https://portico.example/console' },
  defaultTemplate: {
    subject: 'Portico test email',
    html: '<p>Hello,</p><p>This is a test email sent by {{staff.name}} from <a href="{{consoleUrl}}">Portico</a>. If you can read it, email delivery works.</p>',
    // Links stand alone on their line in text bodies, so no punctuation sticks to them.
    text: 'Hello,\n\nThis is a test email sent by {{staff.name}} from Portico. If you can read it, email delivery works.\n\n{{consoleUrl}}\n',
  },
  canBeDisabled: false,
});

export const staffTestSmsKind = defineMessageKind({
  id: 'staff_test_sms',
  channel: 'sms',
  label: 'Test text message',
  description: 'Sent from the notification settings page to check that SMS delivery works.',
  payloadSchema: TestMessagePayloadSchema,
  mergeTags: ['staff.name', 'consoleUrl'],
  sample: { staff: { name: 'Jordan Staff' }, consoleUrl: 'https://portico.example/console' },
  defaultTemplate: { subject: '', html: '', text: 'Portico test message from {{staff.name}}. SMS delivery works.' },
  canBeDisabled: false,
});

/** Tells staff admins that a message could not be delivered and needs a look in the Outbox. */
export const outboxDeadLetterAlertKind = defineMessageKind({
  id: 'outbox_dead_letter_alert',
  channel: 'email',
  label: 'Undeliverable message alert',
  description: 'Sent to staff admins when a message gives up after its last delivery attempt.',
  payloadSchema: z.object({
    message: z.object({ kindLabel: z.string(), recipients: z.string(), error: z.string() }),
    outboxUrl: z.string(),
  }),
  mergeTags: ['message.kindLabel', 'message.recipients', 'message.error', 'outboxUrl'],
  sample: {
    message: { kindLabel: 'Test email', recipients: 'pat@example.com', error: 'SMTP: 550 mailbox unavailable' },
    outboxUrl: 'https://portico.example/console/outbox',
  },
  defaultTemplate: {
    subject: 'Undeliverable: {{message.kindLabel}} to {{message.recipients}}',
    html: '<p>A {{message.kindLabel}} message to {{message.recipients}} could not be delivered.</p><p>Last error: {{message.error}}</p><p><a href="{{outboxUrl}}">Open the Outbox</a> to review and retry it.</p>',
    text: 'A {{message.kindLabel}} message to {{message.recipients}} could not be delivered.\n\nLast error: {{message.error}}\n\nReview and retry it in the Outbox: {{outboxUrl}}\n',
  },
  canBeDisabled: true,
});

export const notificationKinds: MessageKind[] = [staffTestEmailKind, staffTestSmsKind, outboxDeadLetterAlertKind];
