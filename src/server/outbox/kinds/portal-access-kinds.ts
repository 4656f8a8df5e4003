import { z } from 'zod';
import { defineMessageKind, type MessageKind } from '../message-kind.ts';

const ContactSchema = z.object({ firstName: z.string() });
/**
 * The account the message is about. The portal key is filled in only when the template in effect uses
 * {{account.portalKey}} (it is a secret: it lets its holder sign up on the account); otherwise it is empty.
 */
const AccountSchema = z.object({ name: z.string(), number: z.string(), portalKey: z.string() });
const LinkPayloadSchema = z.object({
  contact: ContactSchema,
  account: AccountSchema,
  link: z.string(),
  expiresAt: z.string(),
});
/** Every customer-facing message about an account offers these tags, so a vendor can add the key to its letters. */
const ACCOUNT_TAGS = ['account.name', 'account.number', 'account.portalKey'] as const;
const LINK_TAGS = ['contact.firstName', ...ACCOUNT_TAGS, 'link', 'expiresAt'];
const sampleLink = {
  contact: { firstName: 'Maria' },
  account: { name: 'Harbor Point Lofts', number: 'A-10423', portalKey: 'K7Q2-M9XD-4HRT-8VNC-2PQW-6JZB-3FKS' },
  link: 'https://portal.example/portal/link/sample',
  expiresAt: '2026-06-03T12:00:00.000Z',
};

function linkEmail(subject: string, intro: string, action: string, outro: string) {
  return {
    subject,
    text: `Hello {{contact.firstName}},\n\n${intro}\n\n${action}: {{link}}\n\n${outro}\n\nIf you did not expect this email, you can ignore it.`,
    html: `<p>Hello {{contact.firstName}},</p><p>${intro}</p><p><a href="{{link}}">${action}</a></p><p>${outro}</p><p>If you did not expect this email, you can ignore it.</p>`,
  };
}

export const credentialCreateKind = defineMessageKind({
  id: 'credential_create',
  channel: 'email',
  label: 'Customer credential create',
  description:
    'A one-time link where a contact chooses a portal username and password. Sent by staff or when portal access is granted.',
  payloadSchema: LinkPayloadSchema,
  mergeTags: LINK_TAGS,
  sample: sampleLink,
  defaultTemplate: linkEmail(
    'Set up your portal login',
    'You have been given access to our customer portal. Choose your username and password with the link below.',
    'Set up my login',
    'The link works once and expires in 48 hours.',
  ),
  canBeDisabled: true,
  access: true,
});

export const passwordResetKind = defineMessageKind({
  id: 'password_reset',
  channel: 'email',
  label: 'Customer password reset',
  description: 'A one-time link to choose a new portal password, requested by the contact or sent by staff.',
  payloadSchema: LinkPayloadSchema,
  mergeTags: LINK_TAGS,
  sample: sampleLink,
  defaultTemplate: linkEmail(
    'Reset your portal password',
    'We received a request to reset the password of your portal login.',
    'Choose a new password',
    'The link works once and expires in 1 hour. Your current password keeps working until you choose a new one.',
  ),
  canBeDisabled: true,
  access: true,
});

export const loginLinkKind = defineMessageKind({
  id: 'login_link',
  channel: 'email',
  label: 'Customer portal login link',
  description: 'A one-time link that signs the contact in to the portal without a password.',
  payloadSchema: LinkPayloadSchema,
  mergeTags: LINK_TAGS,
  sample: sampleLink,
  defaultTemplate: linkEmail(
    'Your portal sign-in link',
    'Use the link below to sign in to the customer portal.',
    'Sign in to the portal',
    'The link works once and expires in 15 minutes.',
  ),
  canBeDisabled: true,
  access: true,
});

export const welcomeKind = defineMessageKind({
  id: 'welcome',
  channel: 'email',
  label: 'Customer portal welcome',
  description: 'Sent to contacts with portal access when their account becomes current, and on request by staff.',
  payloadSchema: z.object({
    contact: ContactSchema,
    account: AccountSchema,
    link: z.string(),
    expiresAt: z.string().nullable(),
  }),
  mergeTags: ['contact.firstName', ...ACCOUNT_TAGS, 'link'],
  sample: sampleLink,
  defaultTemplate: linkEmail(
    'Welcome to the {{account.name}} portal',
    'Your customer portal for {{account.name}} is ready: schedule turns, approve add-ons and follow every unit.',
    'Open the portal',
    'If you have not set up your login yet, the link lets you choose your username and password.',
  ),
  canBeDisabled: true,
});

export const temporaryPasswordKind = defineMessageKind({
  id: 'temporary_password',
  channel: 'email',
  label: 'Customer temporary password',
  description:
    'Sent only when staff choose "save and send email" after creating a password; the contact must change it at first sign-in.',
  payloadSchema: z.object({
    contact: ContactSchema,
    password: z.string(),
    signInLink: z.string(),
    expiresAt: z.string(),
  }),
  mergeTags: ['contact.firstName', 'password', 'signInLink', 'expiresAt'],
  sample: {
    contact: { firstName: 'Maria' },
    password: 'sample-temporary-password',
    signInLink: 'https://portal.example/portal/sign-in',
    expiresAt: '2026-06-02T12:00:00.000Z',
  },
  defaultTemplate: {
    subject: 'Your temporary portal password',
    text: 'Hello {{contact.firstName}},\n\nWe created a temporary password for your portal login: {{password}}\n\nSign in at {{signInLink}} within 24 hours; you will be asked to choose your own password right away.',
    html: '<p>Hello {{contact.firstName}},</p><p>We created a temporary password for your portal login: <code>{{password}}</code></p><p><a href="{{signInLink}}">Sign in</a> within 24 hours; you will be asked to choose your own password right away.</p>',
  },
  canBeDisabled: true,
  access: true,
});

export const passwordChangedKind = defineMessageKind({
  id: 'password_changed',
  channel: 'email',
  label: 'Customer password changed',
  description: 'A security notice after the portal password changed. Cannot be switched off.',
  payloadSchema: z.object({ contact: ContactSchema, signInLink: z.string() }),
  mergeTags: ['contact.firstName', 'signInLink'],
  sample: { contact: { firstName: 'Maria' }, signInLink: 'https://portal.example/portal/sign-in' },
  defaultTemplate: {
    subject: 'Your portal password was changed',
    text: 'Hello {{contact.firstName}},\n\nThe password of your portal login was just changed. If this was not you, reset it from the sign-in page ({{signInLink}}) and tell us right away.',
    html: '<p>Hello {{contact.firstName}},</p><p>The password of your portal login was just changed. If this was not you, reset it from the <a href="{{signInLink}}">sign-in page</a> and tell us right away.</p>',
  },
  canBeDisabled: false,
  access: true,
});

export const portalEmailChangedKind = defineMessageKind({
  id: 'portal_email_changed',
  channel: 'email',
  label: 'Customer portal email changed',
  description:
    'A security notice to the old address when staff move a portal login to another email. Cannot be switched off.',
  payloadSchema: z.object({ contact: ContactSchema, newEmail: z.string(), signInLink: z.string() }),
  mergeTags: ['contact.firstName', 'newEmail', 'signInLink'],
  sample: {
    contact: { firstName: 'Maria' },
    newEmail: 'ma•••@example.com',
    signInLink: 'https://portal.example/portal/sign-in',
  },
  defaultTemplate: {
    subject: 'Your portal login now uses another email address',
    text: 'Hello {{contact.firstName}},\n\nYour portal login was moved to another email address ({{newEmail}}) by our staff. Sign-in links and notices now go there, and this address no longer signs in.\n\nIf you did not ask for this, contact us right away. The portal: {{signInLink}}',
    html: '<p>Hello {{contact.firstName}},</p><p>Your portal login was moved to another email address ({{newEmail}}) by our staff. Sign-in links and notices now go there, and this address no longer signs in.</p><p>If you did not ask for this, contact us right away. <a href="{{signInLink}}">The portal</a></p>',
  },
  canBeDisabled: false,
  access: true,
});

export const emailVerificationKind = defineMessageKind({
  id: 'email_verification',
  channel: 'email',
  label: 'Customer email verification',
  description: 'Confirms the portal email of a self-registered contact before the login can be used.',
  payloadSchema: LinkPayloadSchema,
  mergeTags: LINK_TAGS,
  sample: sampleLink,
  defaultTemplate: linkEmail(
    'Confirm your email address',
    'Confirm this is your email address to finish setting up your portal login.',
    'Confirm my email',
    'The link works once and expires in 24 hours.',
  ),
  canBeDisabled: false,
  access: true,
});

export const portalAccessKinds: MessageKind[] = [
  credentialCreateKind,
  passwordResetKind,
  loginLinkKind,
  welcomeKind,
  temporaryPasswordKind,
  passwordChangedKind,
  portalEmailChangedKind,
  emailVerificationKind,
];
