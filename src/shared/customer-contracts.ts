import { z } from 'zod';
import { EmailSchema } from './staff-contracts.ts';

export const AccountKindSchema = z.enum(['management_company', 'property']);
export type AccountKind = z.infer<typeof AccountKindSchema>;

export const AccountStatusSchema = z.enum(['prospect', 'current', 'inactive']);
export type AccountStatus = z.infer<typeof AccountStatusSchema>;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((value) => (value ? value : null));

export const IdParamsSchema = z.strictObject({ accountId: z.string().min(1).max(64) });
export const ContactIdParamsSchema = z.strictObject({ contactId: z.string().min(1).max(64) });
export const AccountContactParamsSchema = z.strictObject({
  accountId: z.string().min(1).max(64),
  contactId: z.string().min(1).max(64),
});

export const AddressSchema = z.object({
  addressLine1: optionalText(200),
  addressLine2: optionalText(200),
  city: optionalText(100),
  region: optionalText(100),
  postalCode: optionalText(20),
});

const AccountFieldsSchema = z.strictObject({
  name: z.string().trim().min(1, 'Enter a name').max(200),
  /** Blank: a number is generated ("A-10423"). */
  accountNumber: optionalText(32),
  status: AccountStatusSchema.default('prospect'),
  ...AddressSchema.shape,
});

export const CreateManagementCompanyBodySchema = AccountFieldsSchema;
export type CreateManagementCompanyBody = z.input<typeof CreateManagementCompanyBodySchema>;

export const CreatePropertyBodySchema = AccountFieldsSchema.extend({
  parentAccountId: z
    .string()
    .max(64)
    .nullish()
    .transform((value) => value || null),
});
export type CreatePropertyBody = z.input<typeof CreatePropertyBodySchema>;

export const UpdateAccountBodySchema = z.strictObject({
  name: z.string().trim().min(1, 'Enter a name').max(200),
  accountNumber: z.string().trim().min(1, 'Enter an account number').max(32),
  /** Properties only: the management company it belongs to. */
  parentAccountId: z
    .string()
    .max(64)
    .nullish()
    .transform((value) => value || null),
  ...AddressSchema.shape,
});
export type UpdateAccountBody = z.input<typeof UpdateAccountBodySchema>;

export const SetAccountStatusBodySchema = z.strictObject({ status: AccountStatusSchema });
export const SetAccountPortalAccessBodySchema = z.strictObject({ enabled: z.boolean() });

export const OnboardingStateSchema = z.enum(['not_started', 'in_progress', 'complete']);
export type OnboardingState = z.infer<typeof OnboardingStateSchema>;
export const CustomerSortSchema = z.enum(['name', 'accountNumber', 'status', 'createdAt']);
export const ListCustomersQuerySchema = z.strictObject({
  search: z.string().trim().max(200).optional(),
  status: AccountStatusSchema.optional(),
  kind: AccountKindSchema.optional(),
  parentAccountId: z.string().max(64).optional(),
  onboardingState: OnboardingStateSchema.optional(),
  sort: CustomerSortSchema.default('name'),
  direction: z.enum(['asc', 'desc']).default('asc'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
export type ListCustomersQuery = Partial<z.output<typeof ListCustomersQuerySchema>>;

export const CustomerListItemSchema = z.object({
  id: z.string(),
  kind: AccountKindSchema,
  name: z.string(),
  accountNumber: z.string(),
  status: AccountStatusSchema,
  portalAccessEnabled: z.boolean(),
  parentAccountId: z.string().nullable(),
  parentAccountName: z.string().nullable(),
  city: z.string().nullable(),
  region: z.string().nullable(),
  onboardingState: OnboardingStateSchema,
  createdAt: z.string(),
});

export const CustomerListSchema = z.object({
  items: z.array(CustomerListItemSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type CustomerList = z.infer<typeof CustomerListSchema>;

export const AccountSchema = z.object({
  id: z.string(),
  /** Send it back as If-Match with an edit; a newer one on the server answers 409. */
  version: z.number().int(),
  kind: AccountKindSchema,
  name: z.string(),
  accountNumber: z.string(),
  status: AccountStatusSchema,
  portalAccessEnabled: z.boolean(),
  parentAccount: z.object({ id: z.string(), name: z.string(), accountNumber: z.string() }).nullable(),
  addressLine1: z.string().nullable(),
  addressLine2: z.string().nullable(),
  city: z.string().nullable(),
  region: z.string().nullable(),
  postalCode: z.string().nullable(),
  hasPortalKey: z.boolean(),
  portalKeyRotatedAt: z.string().nullable(),
  onboardingState: OnboardingStateSchema,
  onboardCompletedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Account = z.infer<typeof AccountSchema>;

export const PortalKeySchema = z.object({ portalKey: z.string(), rotatedAt: z.string().nullable() });
export type PortalKey = z.infer<typeof PortalKeySchema>;

/** Phone: anything libphonenumber-js reads (US by default); stored as E.164. */
const PhoneInputSchema = z
  .string()
  .trim()
  .max(40)
  .nullish()
  .transform((value) => (value ? value : null));

const ContactFieldsSchema = z.strictObject({
  firstName: z.string().trim().min(1, 'Enter a first name').max(100),
  lastName: z.string().trim().min(1, 'Enter a last name').max(100),
  title: optionalText(150),
  phone: PhoneInputSchema,
  /** Every primary address receives notifications; the portal login email is separate (portal access). */
  primaryEmails: z.array(EmailSchema).max(10).default([]),
  otherEmails: z.array(EmailSchema).max(10).default([]),
  /** A linked property, or the management company when the contact is linked to several. */
  mainAccountId: z
    .string()
    .max(64)
    .nullish()
    .transform((value) => value || null),
});

export const CreateContactBodySchema = ContactFieldsSchema.extend({
  /** Accounts to link the new contact to (usually the account page it was created from). */
  accountIds: z.array(z.string().max(64)).max(50).default([]),
});
export type CreateContactBody = z.input<typeof CreateContactBodySchema>;

export const UpdateContactBodySchema = ContactFieldsSchema;
export type UpdateContactBody = z.input<typeof UpdateContactBodySchema>;

export const LinkContactBodySchema = z.strictObject({ contactId: z.string().min(1).max(64) });

export const LinkedAccountSchema = z.object({
  id: z.string(),
  name: z.string(),
  accountNumber: z.string(),
  kind: AccountKindSchema,
  status: AccountStatusSchema,
});

export const NotificationChannelSchema = z.enum(['email', 'sms', 'none']);
export type NotificationChannel = z.infer<typeof NotificationChannelSchema>;
export const NOTIFICATION_CHANNEL_LABELS: Record<NotificationChannel, string> = {
  email: 'Email',
  sms: 'SMS (text message)',
  none: 'No turn notifications',
};

/** How turn and approval messages reach the contact, and whether the portal lets them change the schedule. */
export const ContactPreferencesBodySchema = z.strictObject({
  notificationChannel: NotificationChannelSchema,
  mayChangeSchedule: z.boolean(),
});
export type ContactPreferencesBody = z.infer<typeof ContactPreferencesBodySchema>;

export const ContactSchema = z.object({
  id: z.string(),
  /** Send it back as If-Match with an edit; a newer one on the server answers 409. */
  version: z.number().int(),
  firstName: z.string(),
  lastName: z.string(),
  title: z.string().nullable(),
  phone: z.string().nullable(),
  primaryEmails: z.array(z.string()),
  otherEmails: z.array(z.string()),
  mainAccountId: z.string().nullable(),
  staffMemberId: z.string().nullable(),
  notificationChannel: NotificationChannelSchema,
  mayChangeSchedule: z.boolean(),
  accounts: z.array(LinkedAccountSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Contact = z.infer<typeof ContactSchema>;

export const AccountContactSchema = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  title: z.string().nullable(),
  phone: z.string().nullable(),
  primaryEmails: z.array(z.string()),
  mainAccountId: z.string().nullable(),
  mainAccountName: z.string().nullable(),
  isStaff: z.boolean(),
});
export type AccountContact = z.infer<typeof AccountContactSchema>;
export const AccountContactListSchema = z.object({ items: z.array(AccountContactSchema) });

export const ListContactsQuerySchema = z.strictObject({
  search: z.string().trim().min(1).max(200),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export const ContactSearchResultSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      firstName: z.string(),
      lastName: z.string(),
      title: z.string().nullable(),
      primaryEmails: z.array(z.string()),
    }),
  ),
});
export type ContactSearchResult = z.infer<typeof ContactSearchResultSchema>;

export const OnboardingItemSchema = z.object({
  key: z.string(),
  label: z.string(),
  /** computed: the data says whether it is done; manual: staff tick it off. */
  source: z.enum(['computed', 'manual']),
  /** Before the day of onboard, or on the day (seed "Day of Onboard"). */
  phase: z.enum(['before', 'day_of']),
  done: z.boolean(),
  hint: z.string().nullable(),
  checkedByName: z.string().nullable(),
  checkedAt: z.string().nullable(),
});
export type OnboardingItem = z.infer<typeof OnboardingItemSchema>;
export const OnboardingChecklistSchema = z.object({ items: z.array(OnboardingItemSchema) });
export type OnboardingChecklist = z.infer<typeof OnboardingChecklistSchema>;

export const OnboardingItemParamsSchema = z.strictObject({
  accountId: z.string().min(1).max(64),
  itemKey: z.string().min(1).max(64),
});
export const SetOnboardingCheckBodySchema = z.strictObject({ done: z.boolean() });
