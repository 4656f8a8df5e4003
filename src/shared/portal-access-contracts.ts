import { z } from 'zod';
import { PasswordInputSchema } from './staff-contracts.ts';

export const PortalAccessStateSchema = z.enum([
  'no_access',
  'deactivated',
  'no_username',
  'not_activated',
  'active',
  'locked',
]);
export type PortalAccessState = z.infer<typeof PortalAccessStateSchema>;

export const PortalAccessActionSchema = z.enum([
  'grant',
  'revoke',
  'send_credential_create',
  'send_password_reset',
  'send_login_link',
  'resend_welcome',
  'set_temporary_password',
  'update_username',
  'delete_username',
  'unlock',
  'view_as',
]);
export type PortalAccessAction = z.infer<typeof PortalAccessActionSchema>;

export const AccessTokenPurposeSchema = z.enum([
  'credential_create',
  'password_reset',
  'login_link',
  'welcome',
  'email_verification',
]);
export type AccessTokenPurpose = z.infer<typeof AccessTokenPurposeSchema>;

// Usernames never contain "@", so a sign-in identifier is unambiguously a username or an email.
export const UsernameSchema = z
  .string()
  .trim()
  .min(3, 'Use at least 3 characters')
  .max(64, 'Use at most 64 characters')
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
    'Use letters, digits, dots, dashes and underscores, starting with a letter or digit',
  );

const PortalEmailSchema = z.string().trim().min(3).max(254).email('Enter a valid email address');

// ---- staff side --------------------------------------------------------------------------------

export const ContactParamsSchema = z.strictObject({ contactId: z.string().min(1).max(64) });
export const AccountParamsSchema = z.strictObject({ accountId: z.string().min(1).max(64) });

export const PortalAccessSchema = z.object({
  contactId: z.string(),
  state: PortalAccessStateSchema,
  actions: z.array(PortalAccessActionSchema),
  portalEmail: z.string().nullable(),
  /** The contact's primary email, to prefill the portal email. */
  suggestedEmail: z.string().nullable(),
  username: z.string().nullable(),
  enabled: z.boolean(),
  mustChangePassword: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastSignInAt: z.string().nullable(),
  /** False when no account of the contact has portal access switched on. */
  accountAccessEnabled: z.boolean(),
  /** Portal access is on but every such account is inactive, a status that may not use the portal. */
  accountInactive: z.boolean(),
});
export type PortalAccess = z.infer<typeof PortalAccessSchema>;

export const GrantPortalAccessBodySchema = z.strictObject({
  portalEmail: PortalEmailSchema,
  sendCredentialCreateEmail: z.boolean().default(true),
});
export type GrantPortalAccessBody = z.input<typeof GrantPortalAccessBodySchema>;

export const UpdatePortalUsernameBodySchema = z.strictObject({ username: UsernameSchema });

/**
 * Without `password` the server generates one. A typed password (twice) follows the same rules as a
 * generated one but is never emailed: staff tell the customer themselves.
 */
export const SetTemporaryPasswordBodySchema = z.strictObject({
  sendEmail: z.boolean().default(false),
  password: z.string().max(1024).optional(),
  confirmPassword: z.string().max(1024).optional(),
});
export const TemporaryPasswordSchema = z.object({
  /** The generated password, shown once; null when staff typed it (it is not echoed back). */
  password: z.string().nullable(),
  expiresAt: z.string(),
  emailed: z.boolean(),
  access: PortalAccessSchema,
});
export type TemporaryPassword = z.infer<typeof TemporaryPasswordSchema>;

export const LinkSentSchema = z.object({
  /** False when the vendor switched this email kind off in notification settings. */
  queued: z.boolean(),
  /** The link that went out: a reset asked for a login nobody has set up yet sends the credential-create link. */
  purpose: AccessTokenPurposeSchema,
  expiresAt: z.string(),
  /** The portal email, then (for credential-create and reset) the contact's other primary addresses. */
  sentTo: z.array(z.string()),
  access: PortalAccessSchema,
});
export type LinkSent = z.infer<typeof LinkSentSchema>;

const DeliverySchema = z.enum(['queued', 'sending', 'sent', 'failed', 'cancelled', 'skipped', 'disabled']);

export const AccessTimelineEntrySchema = z.object({
  id: z.string(),
  occurredAt: z.string(),
  kind: z.string(),
  purpose: AccessTokenPurposeSchema.nullable(),
  actorKind: z.enum(['staff', 'customer', 'pro', 'system', 'anonymous']),
  actorName: z.string().nullable(),
  ipAddress: z.string().nullable(),
  detail: z.string().nullable(),
  /** For sent links: what the outbox did with the email (the least advanced of its recipients'). */
  delivery: DeliverySchema.nullable(),
  /** For sent links: each recipient's own message (one per address) and its delivery. */
  recipients: z.array(z.object({ email: z.string(), delivery: DeliverySchema })),
  /** For sent links: where the link is now. */
  linkState: z.enum(['unopened', 'opened', 'used', 'expired', 'superseded']).nullable(),
});
export type AccessTimelineEntry = z.infer<typeof AccessTimelineEntrySchema>;
export const AccessTimelineSchema = z.object({ items: z.array(AccessTimelineEntrySchema) });

export const AccountPortalAccessSchema = z.object({
  accountId: z.string(),
  accountName: z.string(),
  portalAccessEnabled: z.boolean(),
  /** The account's status may not use the portal (inactive): its contacts cannot see it. */
  accountInactive: z.boolean(),
  contacts: z.array(
    z.object({
      contactId: z.string(),
      name: z.string(),
      portalEmail: z.string().nullable(),
      username: z.string().nullable(),
      state: PortalAccessStateSchema,
      lastSignInAt: z.string().nullable(),
    }),
  ),
});
export type AccountPortalAccess = z.infer<typeof AccountPortalAccessSchema>;

export const ViewAsStartedSchema = z.object({ expiresAt: z.string(), portalUrl: z.string() });

// ---- customer side ----------------------------------------------------------------------------

export const SignInCustomerBodySchema = z.strictObject({
  login: z.string().trim().min(1, 'Enter your username or email').max(254),
  password: PasswordInputSchema,
});

export const CustomerSessionSchema = z.object({
  contact: z.object({ firstName: z.string(), lastName: z.string() }),
  username: z.string().nullable(),
  portalEmail: z.string(),
  mustChangePassword: z.boolean(),
  /** Reschedule, remove a service and cancel a turn; without it the portal hides those controls. */
  mayChangeSchedule: z.boolean(),
  viewingAs: z.object({ staffName: z.string(), expiresAt: z.string() }).nullable(),
});
export type CustomerSession = z.infer<typeof CustomerSessionSchema>;

export const RequestPasswordResetBodySchema = z.strictObject({
  login: z.string().trim().min(1, 'Enter your username or email').max(254),
});
export const AcceptedSchema = z.object({ message: z.string() });

export const AccessLinkBodySchema = z.strictObject({ token: z.string().min(10).max(200) });

export const AccessLinkFormSchema = z.enum(['credentials', 'new_password', 'sign_in', 'verify_email']);
export type AccessLinkForm = z.infer<typeof AccessLinkFormSchema>;

export const AccessLinkInspectionSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('valid'),
    purpose: AccessTokenPurposeSchema,
    form: AccessLinkFormSchema,
    firstName: z.string(),
    username: z.string().nullable(),
    expiresAt: z.string(),
  }),
  z.object({ status: z.enum(['used', 'expired', 'invalid']) }),
]);
export type AccessLinkInspection = z.infer<typeof AccessLinkInspectionSchema>;

export const RedeemAccessLinkBodySchema = z.strictObject({
  token: z.string().min(10).max(200),
  username: z.string().max(200).optional(),
  password: z.string().max(1024).optional(),
});
export type RedeemAccessLinkBody = z.infer<typeof RedeemAccessLinkBodySchema>;

export const RedeemedAccessLinkSchema = z.object({
  outcome: z.enum(['signed_in', 'credentials_set', 'password_reset', 'email_verified']),
});
export type RedeemedAccessLink = z.infer<typeof RedeemedAccessLinkSchema>;

export const UsernameAvailabilityBodySchema = z.strictObject({
  token: z.string().min(10).max(200),
  username: z.string().max(200),
});
export const UsernameAvailabilitySchema = z.object({ available: z.boolean(), message: z.string().nullable() });

export const ChangeCustomerPasswordBodySchema = z.strictObject({
  currentPassword: PasswordInputSchema,
  newPassword: z.string().min(1).max(1024),
});

export const CustomerAccountSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['management_company', 'property']),
  accountNumber: z.string(),
  city: z.string().nullable(),
  region: z.string().nullable(),
});
export const ListCustomerAccountsQuerySchema = z.strictObject({
  /** Only companies, say: the home lists properties through listPortalProperties. */
  kind: z.enum(['management_company', 'property']).optional(),
  cursor: z.string().max(600).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(24),
});
export type ListCustomerAccountsQuery = z.infer<typeof ListCustomerAccountsQuerySchema>;
export const CustomerAccountListSchema = z.object({
  items: z.array(CustomerAccountSchema),
  nextCursor: z.string().nullable(),
});
export type CustomerAccountList = z.infer<typeof CustomerAccountListSchema>;
export type CustomerAccount = z.infer<typeof CustomerAccountSchema>;

/** Why the sign-in page shows a notice (a dead link lands there, never on an error page). */
export const SignInNoticeSchema = z.enum([
  'link_used',
  'link_expired',
  'link_invalid',
  'credentials_set',
  'password_reset',
  'email_verified',
  'signed_out',
  'signed_out_everywhere',
  'session_ended',
  'password_changed',
]);
export type SignInNotice = z.infer<typeof SignInNoticeSchema>;

export const CustomerDevicesQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(20),
});
export const CustomerDeviceSchema = z.object({
  id: z.string(),
  /** "Chrome on Windows": a summary of the browser, never the whole user agent. */
  device: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  thisDevice: z.boolean(),
});
export const CustomerDeviceListSchema = z.object({
  items: z.array(CustomerDeviceSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type CustomerDeviceList = z.infer<typeof CustomerDeviceListSchema>;
export const CustomerDeviceParamsSchema = z.strictObject({ deviceId: z.string().min(1).max(64) });
