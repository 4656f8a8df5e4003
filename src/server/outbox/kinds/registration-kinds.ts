import { z } from 'zod';
import { defineMessageKind, type MessageKind } from '../message-kind.ts';

/** Staff send it from the registration queue ("Send portal key" step): the visitor signs up with it. */
export const portalKeyKind = defineMessageKind({
  id: 'registration.portal_key',
  channel: 'email',
  label: 'Portal key',
  description: 'Sent from a registration request: the account number and portal key the visitor needs to sign up.',
  payloadSchema: z.object({
    contact: z.object({ firstName: z.string() }),
    account: z.object({ name: z.string(), number: z.string(), portalKey: z.string() }),
    link: z.string().url(),
  }),
  mergeTags: ['contact.firstName', 'account.name', 'account.number', 'account.portalKey', 'link'],
  sample: {
    contact: { firstName: 'Maria' },
    account: { name: 'Harbor Point Lofts', number: 'PR-2001', portalKey: 'Kx7mQ2vRtP' },
    link: 'https://portico.example/portal/sign-up',
  },
  defaultTemplate: {
    subject: 'Your portal key for {{account.name}}',
    text: [
      'Hello {{contact.firstName}},',
      '',
      'You asked for access to the customer portal. Sign up with these details:',
      '',
      'Account number: {{account.number}}',
      'Portal key: {{account.portalKey}}',
      '',
      'Sign up here: {{link}}',
      '',
      'Questions? Reply to this email and our team will get back to you.',
    ].join('\n'),
    html: [
      '<p>Hello {{contact.firstName}},</p>',
      '<p>You asked for access to the customer portal. Sign up with these details:</p>',
      '<p>Account number: <strong>{{account.number}}</strong><br>Portal key: <strong>{{account.portalKey}}</strong></p>',
      '<p><a href="{{link}}">Sign up</a></p>',
      '<p>Questions? Reply to this email and our team will get back to you.</p>',
    ].join('\n'),
  },
  canBeDisabled: false,
  access: true,
});

/**
 * Someone signed up (or asked to) with an address that already has a login. The visitor sees the same
 * answer as any sign-up; only the mailbox owner learns the login exists.
 */
export const loginAlreadyExistsKind = defineMessageKind({
  id: 'registration.login_exists',
  channel: 'email',
  label: 'Sign-up for an existing login',
  description: 'Sent when a sign-up or registration request uses an email that already has a portal login.',
  payloadSchema: z.object({ link: z.string().url() }),
  mergeTags: ['link'],
  sample: { link: 'https://portico.example/portal/sign-in' },
  defaultTemplate: {
    subject: 'You already have a portal login',
    text: [
      'Hello,',
      '',
      'Someone asked to sign up for the customer portal with this email address, which already has a login.',
      'Sign in here, or use "Forgot your password?" on that page: {{link}}',
      '',
      'If this was not you, you can ignore this email.',
    ].join('\n'),
    html: [
      '<p>Hello,</p>',
      '<p>Someone asked to sign up for the customer portal with this email address, which already has a login.</p>',
      '<p><a href="{{link}}">Sign in</a>, or use "Forgot your password?" on that page.</p>',
      '<p>If this was not you, you can ignore this email.</p>',
    ].join('\n'),
  },
  canBeDisabled: false,
  access: true,
});

export const registrationKinds: MessageKind[] = [portalKeyKind, loginAlreadyExistsKind];
