import { z } from 'zod';
import { defineMessageKind, type MessageKind } from '../message-kind.ts';

const ProLinkPayloadSchema = z.object({ pro: z.object({ name: z.string() }), link: z.string(), expiresAt: z.string() });
const sample = {
  pro: { name: 'Luis' },
  link: 'https://portico.example/pro/link/sample',
  expiresAt: '2026-06-01T12:15:00Z',
};

/** A pro's one-time sign-in link by email. */
export const proSignInLinkKind = defineMessageKind({
  id: 'pro_sign_in_link',
  channel: 'email',
  label: 'Pro sign-in link (email)',
  description: 'A one-time link that signs a pro in to their field page for the working day.',
  payloadSchema: ProLinkPayloadSchema,
  mergeTags: ['pro.name', 'link', 'expiresAt'],
  sample,
  defaultTemplate: {
    subject: 'Your Portico sign-in link',
    text: 'Hello {{pro.name}},\n\nOpen your jobs for today: {{link}}\n\nThe link works once and expires in 15 minutes. If you did not ask for it, you can ignore this email.',
    html: '<p>Hello {{pro.name}},</p><p><a href="{{link}}">Open your jobs for today</a></p><p>The link works once and expires in 15 minutes. If you did not ask for it, you can ignore this email.</p>',
  },
  // Without it the pro cannot get in at all.
  canBeDisabled: false,
  access: true,
});

/** The same link by text message, the usual way for a pro in the field. */
export const proSignInLinkSmsKind = defineMessageKind({
  id: 'pro_sign_in_link_sms',
  channel: 'sms',
  label: 'Pro sign-in link (SMS)',
  description: 'A one-time link, by text message, that signs a pro in to their field page for the working day.',
  payloadSchema: ProLinkPayloadSchema,
  mergeTags: ['pro.name', 'link'],
  sample,
  defaultTemplate: {
    subject: '',
    html: '',
    text: 'Portico: your sign-in link (works once, 15 min): {{link}}',
  },
  canBeDisabled: false,
  access: true,
});

export const proAccessKinds: MessageKind[] = [proSignInLinkKind, proSignInLinkSmsKind];
