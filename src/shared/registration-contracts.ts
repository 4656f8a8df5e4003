import { z } from 'zod';
import { EmailSchema, StaffRoleSchema } from './staff-contracts.ts';

const NameSchema = (label: string) => z.string().trim().min(1, `Enter your ${label}`).max(100);
const OptionalTextSchema = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((value) => (value ? value : null));

// ---------- public (portal visitors) ----------

export const PublicRegistrationSettingsSchema = z.object({ selfRegistrationEnabled: z.boolean() });
export type PublicRegistrationSettings = z.infer<typeof PublicRegistrationSettingsSchema>;

export const RegisterWithPortalKeyBodySchema = z.strictObject({
  portalKey: z.string().trim().min(1, 'Enter your portal key').max(64),
  accountNumber: z.string().trim().min(1, 'Enter your account number').max(64),
  firstName: NameSchema('first name'),
  lastName: NameSchema('last name'),
  email: EmailSchema,
  password: z.string().min(1, 'Choose a password').max(1024),
});
export type RegisterWithPortalKeyBody = z.input<typeof RegisterWithPortalKeyBodySchema>;

export const RegisterWithPortalKeyResultSchema = z.object({
  status: z.literal('verification_sent'),
  email: z.string(),
});
export type RegisterWithPortalKeyResult = z.infer<typeof RegisterWithPortalKeyResultSchema>;

export const RequestPortalRegistrationBodySchema = z.strictObject({
  firstName: NameSchema('first name'),
  lastName: NameSchema('last name'),
  email: EmailSchema,
  phone: OptionalTextSchema(40),
  address: OptionalTextSchema(300),
  propertyName: OptionalTextSchema(200),
  accountNumber: OptionalTextSchema(64),
});
export type RequestPortalRegistrationBody = z.input<typeof RequestPortalRegistrationBodySchema>;

export const RequestPortalRegistrationResultSchema = z.object({ status: z.literal('received') });

// ---------- staff: the registration queue ----------

export const RegistrationRequestStateSchema = z.enum(['open', 'matched', 'closed']);
export type RegistrationRequestState = z.infer<typeof RegistrationRequestStateSchema>;

export const RegistrationCloseReasonSchema = z.enum([
  'login_exists',
  'registered',
  'completed',
  'duplicate',
  'spam',
  'other',
]);
export type RegistrationCloseReason = z.infer<typeof RegistrationCloseReasonSchema>;

export const CLOSE_REASON_LABELS: Record<RegistrationCloseReason, string> = {
  login_exists: 'Login already exists',
  registered: 'Signed up with the portal key',
  completed: 'Completed',
  duplicate: 'Duplicate request',
  spam: 'Spam',
  other: 'Other',
};

/** The reasons staff may choose; the others are set by the system. */
export const StaffCloseReasonSchema = z.enum(['completed', 'duplicate', 'spam', 'other']);

export const RegistrationStepActionSchema = z.enum(['none', 'send_portal_key', 'close']);
export type RegistrationStepAction = z.infer<typeof RegistrationStepActionSchema>;

export const RegistrationStepSchema = z.object({
  id: z.string(),
  position: z.number().int(),
  name: z.string(),
  action: RegistrationStepActionSchema,
});

export const ListRegistrationRequestsQuerySchema = z.strictObject({
  state: z.enum(['open', 'matched', 'closed', 'all']).default('open'),
  search: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});

const AccountReferenceSchema = z.object({ id: z.string(), name: z.string(), accountNumber: z.string() });

export const RegistrationRequestSummarySchema = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  propertyName: z.string().nullable(),
  submittedAccountNumber: z.string().nullable(),
  state: RegistrationRequestStateSchema,
  closeReason: RegistrationCloseReasonSchema.nullable(),
  currentStep: RegistrationStepSchema.nullable(),
  account: AccountReferenceSchema.nullable(),
  assignedStaff: z.object({ id: z.string(), name: z.string() }).nullable(),
  createdAt: z.string(),
});
export type RegistrationRequestSummary = z.infer<typeof RegistrationRequestSummarySchema>;

export const RegistrationRequestListSchema = z.object({
  items: z.array(RegistrationRequestSummarySchema),
  hasMore: z.boolean(),
});
export type RegistrationRequestList = z.infer<typeof RegistrationRequestListSchema>;

export const ContactEmailSchema = z.object({ email: z.string(), kind: z.enum(['primary', 'other']) });

export const RegistrationContactSchema = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  emails: z.array(ContactEmailSchema),
});
export type RegistrationContact = z.infer<typeof RegistrationContactSchema>;

export const RegistrationRequestEventSchema = z.object({
  id: z.string(),
  occurredAt: z.string(),
  kind: z.string(),
  detail: z.string().nullable(),
  actorName: z.string().nullable(),
});

export const RegistrationRequestDetailSchema = RegistrationRequestSummarySchema.extend({
  phone: z.string().nullable(),
  address: z.string().nullable(),
  contact: RegistrationContactSchema.nullable(),
  matchedAt: z.string().nullable(),
  portalKeySentAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  events: z.array(RegistrationRequestEventSchema),
  steps: z.array(RegistrationStepSchema),
  replyStaffRole: StaffRoleSchema,
});
export type RegistrationRequestDetail = z.infer<typeof RegistrationRequestDetailSchema>;

export const RegistrationRequestParamsSchema = z.strictObject({ requestId: z.string().max(64) });

export const SearchRegistrationAccountsQuerySchema = z.strictObject({ search: z.string().trim().max(100).default('') });

export const RegistrationAccountCandidateSchema = AccountReferenceSchema.extend({
  kind: z.enum(['management_company', 'property']),
  city: z.string().nullable(),
});
export type RegistrationAccountCandidate = z.infer<typeof RegistrationAccountCandidateSchema>;
export const RegistrationAccountCandidateListSchema = z.object({ items: z.array(RegistrationAccountCandidateSchema) });

export const SearchRegistrationContactsQuerySchema = z.strictObject({
  accountId: z.string().max(64),
  search: z.string().trim().max(100).default(''),
});

export const RegistrationContactCandidateSchema = RegistrationContactSchema.extend({
  /** One of its addresses is the email the visitor sent. */
  hasSubmittedEmail: z.boolean(),
});
export type RegistrationContactCandidate = z.infer<typeof RegistrationContactCandidateSchema>;
export const RegistrationContactCandidateListSchema = z.object({ items: z.array(RegistrationContactCandidateSchema) });

export const MatchRegistrationRequestBodySchema = z.strictObject({
  accountId: z.string().max(64),
  /** An existing contact of the account, or null to create one from what the visitor sent. */
  contactId: z.string().max(64).nullable(),
  /** Add the submitted email to the contact (as an "other" email when it differs from the primary). */
  addEmailToContact: z.boolean().default(true),
});
export type MatchRegistrationRequestBody = z.input<typeof MatchRegistrationRequestBodySchema>;

export const SetRegistrationStepBodySchema = z.strictObject({ stepId: z.string().max(64) });

export const CloseRegistrationRequestBodySchema = z.strictObject({
  reason: StaffCloseReasonSchema,
  note: z.string().trim().max(1000).optional(),
});
export type CloseRegistrationRequestBody = z.input<typeof CloseRegistrationRequestBodySchema>;

export const AddRegistrationNoteBodySchema = z.strictObject({
  text: z.string().trim().min(1, 'Write a note').max(2000),
});

export const PortalKeyEmailPreviewSchema = z.object({
  to: z.array(z.string()),
  replyTo: z.array(z.string()),
  subject: z.string(),
  text: z.string(),
  html: z.string(),
});
export type PortalKeyEmailPreview = z.infer<typeof PortalKeyEmailPreviewSchema>;

// ---------- staff: settings ----------

export const RegistrationSettingsSchema = z.object({
  selfRegistrationEnabled: z.boolean(),
  replyStaffRole: StaffRoleSchema,
  /** Active staff per role, so the settings page can warn that a role has nobody to read replies. */
  activeStaffByRole: z.object({ admin: z.number().int(), psm: z.number().int(), support: z.number().int() }),
  steps: z.array(RegistrationStepSchema),
});
export type RegistrationSettings = z.infer<typeof RegistrationSettingsSchema>;

export const UpdateRegistrationSettingsBodySchema = z.strictObject({
  selfRegistrationEnabled: z.boolean(),
  replyStaffRole: StaffRoleSchema,
  steps: z
    .array(
      z.strictObject({
        id: z.string().max(64).nullable(),
        name: z.string().trim().min(1, 'Name the step').max(80),
        action: RegistrationStepActionSchema,
      }),
    )
    .min(2)
    .max(20),
});
export type UpdateRegistrationSettingsBody = z.input<typeof UpdateRegistrationSettingsBodySchema>;

// ---------- staff: bulk portal logins for an account ----------

export const BulkPortalLoginSkipReasonSchema = z.enum([
  'no_portal_access',
  'access_off',
  'already_set_up',
  'recently_invited',
  'account_access_off',
]);
export type BulkPortalLoginSkipReason = z.infer<typeof BulkPortalLoginSkipReasonSchema>;

export const BULK_SKIP_REASON_LABELS: Record<BulkPortalLoginSkipReason, string> = {
  no_portal_access: 'No portal access or portal email yet',
  access_off: 'Portal access switched off',
  already_set_up: 'Login already set up',
  recently_invited: 'Setup link sent within the last hour',
  account_access_off: 'Portal access is off for this account',
};

export const BulkPortalLoginPlanSchema = z.object({
  accountId: z.string(),
  invite: z.array(z.object({ contactId: z.string(), name: z.string(), email: z.string() })),
  skipped: z.array(
    z.object({
      contactId: z.string(),
      name: z.string(),
      email: z.string().nullable(),
      reason: BulkPortalLoginSkipReasonSchema,
    }),
  ),
});
export type BulkPortalLoginPlan = z.infer<typeof BulkPortalLoginPlanSchema>;

export const BulkPortalLoginResultSchema = z.object({
  issued: z.array(z.object({ contactId: z.string(), name: z.string(), email: z.string() })),
  skipped: BulkPortalLoginPlanSchema.shape.skipped,
});
export type BulkPortalLoginResult = z.infer<typeof BulkPortalLoginResultSchema>;

export const AccountParamsSchema = z.strictObject({ accountId: z.string().max(64) });
