import { z } from 'zod';
import { defineMessageKind, type MessageKind } from '../message-kind.ts';

const AddOnRequestPayloadSchema = z.object({
  contact: z.object({ firstName: z.string() }),
  property: z.object({ name: z.string() }),
  turn: z.object({ unitNumber: z.string() }),
  addOn: z.object({ name: z.string(), serviceName: z.string(), price: z.string(), reason: z.string() }),
  link: z.string(),
});

const sample = {
  contact: { firstName: 'Maria' },
  property: { name: 'Harbor Point Lofts' },
  turn: { unitNumber: '204' },
  addOn: {
    name: 'Primer coat',
    serviceName: 'Touch-up paint',
    price: '$75.00',
    reason: 'Smoke stains on the bedroom ceiling',
  },
  link: 'https://portico.example/portal/turns/0190',
};

/** A pro found extra work; the account's main approver decides in the portal. */
export const addOnApprovalRequestedKind = defineMessageKind({
  id: 'add_on_approval_requested',
  channel: 'email',
  label: 'Add-on approval request',
  description:
    'Sent to the main customer approver (unless they prefer SMS or a phone call) when a pro asks for an add-on that the customer approves.',
  payloadSchema: AddOnRequestPayloadSchema,
  mergeTags: [
    'contact.firstName',
    'property.name',
    'turn.unitNumber',
    'addOn.name',
    'addOn.serviceName',
    'addOn.price',
    'addOn.reason',
    'link',
  ],
  sample,
  defaultTemplate: {
    subject: 'Approval needed: {{addOn.name}} for unit {{turn.unitNumber}} at {{property.name}}',
    html: '<p>Hello {{contact.firstName}},</p><p>Our pro asks to add <strong>{{addOn.name}}</strong> ({{addOn.price}}) to {{addOn.serviceName}} in unit {{turn.unitNumber}} at {{property.name}}.</p><p>Reason: {{addOn.reason}}</p><p><a href="{{link}}">Approve or decline it in the portal</a>.</p>',
    text: 'Hello {{contact.firstName}},\n\nOur pro asks to add {{addOn.name}} ({{addOn.price}}) to {{addOn.serviceName}} in unit {{turn.unitNumber}} at {{property.name}}.\n\nReason: {{addOn.reason}}\n\nApprove or decline it in the portal:\n{{link}}\n',
  },
  canBeDisabled: true,
});

/** The same request as a text (the backup phone; the approver who prefers SMS), so the work doesn't wait on an unread inbox. */
export const addOnApprovalRequestedSmsKind = defineMessageKind({
  id: 'add_on_approval_requested_sms',
  channel: 'sms',
  label: 'Add-on approval request (backup phone)',
  description:
    'Texted to the account’s backup notification phone, and to the main approver when they prefer SMS, when a pro asks for an add-on that the customer approves.',
  payloadSchema: AddOnRequestPayloadSchema,
  mergeTags: ['property.name', 'turn.unitNumber', 'addOn.name', 'addOn.price', 'link'],
  sample,
  defaultTemplate: {
    subject: '',
    html: '',
    text: 'Portico: approval needed for {{addOn.name}} ({{addOn.price}}), unit {{turn.unitNumber}} at {{property.name}}. {{link}}',
  },
  canBeDisabled: true,
});

/** Undecided past the account's window: the backup phone gets a one-tap link to a confirm page. */
export const addOnEscalationSmsKind = defineMessageKind({
  id: 'add_on_escalation_sms',
  channel: 'sms',
  label: 'Add-on still waiting (backup phone, one-tap link)',
  description:
    'Texted to the account’s backup notification phone when the main approver has not decided an add-on within the account’s escalation minutes. The link opens a confirm page to approve or decline, works once and expires after 4 hours.',
  payloadSchema: z.object({
    property: z.object({ name: z.string() }),
    turn: z.object({ unitNumber: z.string() }),
    addOn: z.object({ name: z.string(), price: z.string() }),
    link: z.string(),
  }),
  mergeTags: ['property.name', 'turn.unitNumber', 'addOn.name', 'addOn.price', 'link'],
  sample: {
    property: { name: 'Harbor Point Lofts' },
    turn: { unitNumber: '204' },
    addOn: { name: 'Primer coat', price: '$75.00' },
    link: 'https://portico.example/portal/approve/8c1f…',
  },
  defaultTemplate: {
    subject: '',
    html: '',
    text: 'Portico: {{addOn.name}} ({{addOn.price}}) for unit {{turn.unitNumber}} at {{property.name}} still waits for approval. Approve or decline: {{link}}',
  },
  canBeDisabled: true,
  // Someone is waiting on the answer: it goes before bulk mail, like a sign-in link.
  access: true,
});

export const turnsKinds: MessageKind[] = [
  addOnApprovalRequestedKind,
  addOnApprovalRequestedSmsKind,
  addOnEscalationSmsKind,
];
