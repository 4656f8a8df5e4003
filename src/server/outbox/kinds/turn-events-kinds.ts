import { z } from 'zod';
import { defineMessageKind, type MessageKind } from '../message-kind.ts';

// Turn events: to the account's staff by email, to the pros doing the work (SMS when they have a phone,
// else email) and to the customer's contacts by each one's preferred channel (an email and an SMS kind).

const ProWorkPayloadSchema = z.object({
  pro: z.object({ name: z.string() }),
  property: z.object({ name: z.string(), address: z.string() }),
  turn: z.object({ unitNumber: z.string() }),
  work: z.string(),
});
const proSample = {
  pro: { name: 'Luis' },
  property: { name: 'Harbor Point Lofts', address: '100 Main St, Austin, TX 78701' },
  turn: { unitNumber: '204' },
  work: 'Touch-up paint on 2026-06-26; Clean on 2026-06-29',
};
const proTags = ['pro.name', 'property.name', 'property.address', 'turn.unitNumber', 'work'] as const;

const CustomerTurnPayloadSchema = z.object({
  contact: z.object({ firstName: z.string() }),
  property: z.object({ name: z.string() }),
  turn: z.object({ unitNumber: z.string(), moveInDate: z.string() }),
  service: z.object({ name: z.string(), date: z.string() }),
  link: z.string(),
});
const customerSample = {
  contact: { firstName: 'Maria' },
  property: { name: 'Harbor Point Lofts' },
  turn: { unitNumber: '204', moveInDate: '2026-07-01' },
  service: { name: 'Touch-up paint', date: '2026-06-26' },
  link: 'https://portico.example/portal/turns/0190',
};
const customerTags = [
  'contact.firstName',
  'property.name',
  'turn.unitNumber',
  'turn.moveInDate',
  'service.name',
  'service.date',
  'link',
] as const;

interface EventText {
  id: string;
  label: string;
  description: string;
  subject: string;
  /** One paragraph, the same words by email and SMS. */
  body: string;
}

function pair<Payload extends z.ZodType>(
  event: EventText,
  payloadSchema: Payload,
  sample: z.input<Payload>,
  mergeTags: readonly string[],
  greeting: string,
  footer: string,
) {
  const email = defineMessageKind({
    id: event.id,
    channel: 'email',
    label: `${event.label} (email)`,
    description: event.description,
    payloadSchema,
    mergeTags,
    sample,
    defaultTemplate: {
      subject: event.subject,
      text: `Hello ${greeting},\n\n${event.body}\n\n${footer}\n`,
      html: `<p>Hello ${greeting},</p><p>${event.body}</p><p>${footer}</p>`,
    },
    canBeDisabled: true,
  });
  const sms = defineMessageKind({
    id: `${event.id}_sms`,
    channel: 'sms',
    label: `${event.label} (SMS)`,
    description: event.description,
    payloadSchema,
    mergeTags,
    sample,
    defaultTemplate: { subject: '', html: '', text: `Portico: ${event.body} ${footer}`.trim() },
    canBeDisabled: true,
  });
  return [email, sms];
}

const StaffTurnPayloadSchema = z.object({
  staff: z.object({ name: z.string() }),
  property: z.object({ name: z.string() }),
  turn: z.object({ unitNumber: z.string(), moveOutDate: z.string(), moveInDate: z.string() }),
  link: z.string(),
});

/** To the vendor's own staff: email only, the desk link to act on it. */
function staffKind(event: EventText) {
  return defineMessageKind({
    id: event.id,
    channel: 'email',
    label: event.label,
    description: event.description,
    payloadSchema: StaffTurnPayloadSchema,
    mergeTags: ['staff.name', 'property.name', 'turn.unitNumber', 'turn.moveOutDate', 'turn.moveInDate', 'link'],
    sample: {
      staff: { name: 'Jordan' },
      property: { name: 'Harbor Point Lofts' },
      turn: { unitNumber: '204', moveOutDate: '2026-06-22', moveInDate: '2026-07-01' },
      link: 'https://portico.example/console/turns?view=inbox&search=204',
    },
    defaultTemplate: {
      subject: event.subject,
      text: `Hello {{staff.name}},\n\n${event.body}\n\nOpen the turns desk:\n{{link}}\n`,
      html: `<p>Hello {{staff.name}},</p><p>${event.body}</p><p><a href="{{link}}">Open the turns desk</a>.</p>`,
    },
    canBeDisabled: true,
  });
}

const proPair = (event: EventText) => pair(event, ProWorkPayloadSchema, proSample, proTags, '{{pro.name}}', '');
const customerPair = (event: EventText) =>
  pair(event, CustomerTurnPayloadSchema, customerSample, customerTags, '{{contact.firstName}}', '{{link}}');

export const turnEventsKinds: MessageKind[] = [
  staffKind({
    id: 'turn_ordered_staff',
    label: 'Turn ordered (staff)',
    description:
      'Sent to the account’s staff (staff who added their own contact to the property or its management company; else every active PSM, else every admin) when a customer orders a turn in the portal.',
    subject: 'New turn: unit {{turn.unitNumber}} at {{property.name}}',
    body: '{{property.name}} ordered a turn for unit {{turn.unitNumber}} (move-out {{turn.moveOutDate}}, move-in {{turn.moveInDate}}). It waits in the desk’s inbox.',
  }),
  staffKind({
    id: 'turn_changed_staff',
    label: 'Turn changed by the customer (staff)',
    description:
      'Sent to the account’s staff when a customer changes an ordered turn in the portal (dates, a service rescheduled or removed, POs).',
    subject: 'Changed: unit {{turn.unitNumber}} at {{property.name}}',
    body: '{{property.name}} changed the turn for unit {{turn.unitNumber}} (move-out {{turn.moveOutDate}}, move-in {{turn.moveInDate}}). It is back in the desk’s inbox.',
  }),
  staffKind({
    id: 'turn_canceled_staff',
    label: 'Turn canceled by the customer (staff)',
    description: 'Sent to the account’s staff when a customer cancels a turn in the portal.',
    subject: 'Canceled: unit {{turn.unitNumber}} at {{property.name}}',
    body: '{{property.name}} canceled the turn for unit {{turn.unitNumber}} (move-out {{turn.moveOutDate}}).',
  }),
  ...proPair({
    id: 'pro_work_assigned',
    label: 'Work assigned to a pro',
    description: 'Sent to a pro when services of a turn are assigned to them (at order time or by staff).',
    subject: 'New work: unit {{turn.unitNumber}} at {{property.name}}',
    body: 'You have new work at {{property.name}} ({{property.address}}), unit {{turn.unitNumber}}: {{work}}.',
  }),
  ...proPair({
    id: 'pro_work_changed',
    label: 'Pro’s work changed',
    description: 'Sent to the assigned pro when a service of theirs moves to another date.',
    subject: 'Changed: unit {{turn.unitNumber}} at {{property.name}}',
    body: 'Your work at {{property.name}}, unit {{turn.unitNumber}} changed: {{work}}.',
  }),
  ...proPair({
    id: 'pro_work_canceled',
    label: 'Pro’s work canceled',
    description: 'Sent to the pro when a service of theirs is canceled, removed or given to another pro.',
    subject: 'Canceled: unit {{turn.unitNumber}} at {{property.name}}',
    body: 'This work at {{property.name}}, unit {{turn.unitNumber}} is no longer yours: {{work}}.',
  }),
  ...customerPair({
    id: 'turn_acknowledged',
    label: 'Turn received',
    description: 'Sent to the property’s contacts when our staff have taken the turn they ordered in hand.',
    subject: 'We have your turn for unit {{turn.unitNumber}} at {{property.name}}',
    body: 'We have received the turn for unit {{turn.unitNumber}} at {{property.name}} (move-in {{turn.moveInDate}}) and are scheduling it.',
  }),
  ...customerPair({
    id: 'service_scheduled',
    label: 'Service scheduled',
    description: 'Sent to the property’s contacts when a service of a turn is confirmed for its date.',
    subject: '{{service.name}} scheduled for {{service.date}}, unit {{turn.unitNumber}}',
    body: '{{service.name}} for unit {{turn.unitNumber}} at {{property.name}} is scheduled for {{service.date}}.',
  }),
  ...customerPair({
    id: 'service_rescheduled',
    label: 'Service rescheduled',
    description: 'Sent to the property’s contacts when a service of a turn moves to another date.',
    subject: '{{service.name}} moved to {{service.date}}, unit {{turn.unitNumber}}',
    body: '{{service.name}} for unit {{turn.unitNumber}} at {{property.name}} is now planned for {{service.date}}.',
  }),
  ...customerPair({
    id: 'service_started',
    label: 'Service started',
    description: 'Sent to the property’s contacts when a pro starts a service.',
    subject: '{{service.name}} started, unit {{turn.unitNumber}}',
    body: 'Our pro started {{service.name}} in unit {{turn.unitNumber}} at {{property.name}}.',
  }),
  ...customerPair({
    id: 'service_completed',
    label: 'Service completed',
    description: 'Sent to the property’s contacts when a service of a turn is done.',
    subject: '{{service.name}} completed, unit {{turn.unitNumber}}',
    body: '{{service.name}} in unit {{turn.unitNumber}} at {{property.name}} is completed.',
  }),
  ...customerPair({
    id: 'po_reminder',
    label: 'PO number reminder',
    description:
      'Sent to the property’s contacts every few days (the account’s setting) while a turn’s PO is “I don’t know yet”.',
    subject: 'PO number needed for unit {{turn.unitNumber}} at {{property.name}}',
    body: 'The turn for unit {{turn.unitNumber}} at {{property.name}} still has no PO number. Please add it in the portal.',
  }),
];
