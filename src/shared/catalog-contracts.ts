import { z } from 'zod';

const id = z.string().min(1).max(64);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((value) => (value ? value : null));
/** Money crosses the API as integer cents; the sign is checked by the service so it can name the field. */
const cents = z.number().int('Use whole cents').max(100_000_000);

export const AccountIdParamsSchema = z.strictObject({ accountId: id });
export const ServiceIdParamsSchema = z.strictObject({ serviceId: id });
export const FloorplanIdParamsSchema = z.strictObject({ floorplanId: id });
export const UnitIdParamsSchema = z.strictObject({ unitId: id });
export const ProIdParamsSchema = z.strictObject({ proId: id });

// ---- Services catalog ----

export const ProviderCategorySchema = z.enum(['rent_ready', 'in_house', 'other_vendor']);
export type ProviderCategory = z.infer<typeof ProviderCategorySchema>;
export const PROVIDER_CATEGORY_LABELS: Record<ProviderCategory, string> = {
  rent_ready: 'Rent Ready',
  in_house: 'In-House',
  other_vendor: 'Other Vendor',
};

export const ServiceKindSchema = z.enum(['standard', 'add_on']);
export type ServiceKind = z.infer<typeof ServiceKindSchema>;
export const SERVICE_KIND_LABELS: Record<ServiceKind, string> = { standard: 'Standard', add_on: 'Add-on' };

export const ServiceSchema = z.object({
  id: z.string(),
  /** Null for the vendor-wide catalog; the property's id for a custom service. */
  accountId: z.string().nullable(),
  name: z.string(),
  code: z.string(),
  providerCategory: ProviderCategorySchema,
  kind: ServiceKindSchema,
  defaultDayOffset: z.number().int(),
  active: z.boolean(),
  /** An add-on's standard service: offered only with it; null offers it with any service. */
  parentServiceId: z.string().nullable(),
});
export type Service = z.infer<typeof ServiceSchema>;
export const ServiceListSchema = z.object({ items: z.array(ServiceSchema) });

export const ServiceFieldsSchema = z.strictObject({
  name: z.string().trim().min(1, 'Enter a name').max(120),
  code: z
    .string()
    .trim()
    .min(1, 'Enter a code')
    .max(32)
    .regex(/^[A-Za-z0-9_-]+$/, 'Use letters, digits, - and _ only'),
  providerCategory: ProviderCategorySchema,
  kind: ServiceKindSchema,
  defaultDayOffset: z.number().int('Use whole days').min(0, 'Use 0 or more days').max(365, 'Use at most 365 days'),
  active: z.boolean().default(true),
  /** Add-ons only: the standard service it goes with; null (the default) offers it with any. */
  parentServiceId: id.nullish().transform((value) => value ?? null),
});
export type ServiceFields = z.input<typeof ServiceFieldsSchema>;

export const ListServicesQuerySchema = z.strictObject({
  includeInactive: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
});

export const AccountServiceListSchema = z.object({
  items: z.array(ServiceSchema.extend({ position: z.number().int() })),
});

export const ReorderAccountServicesBodySchema = z.strictObject({ serviceIds: z.array(id).max(500) });

// ---- Service profile ----

export const AddonApprovalMethodSchema = z.enum(['customer_approves', 'staff_approves', 'auto_approve_under_limit']);
export type AddonApprovalMethod = z.infer<typeof AddonApprovalMethodSchema>;
export const ADDON_APPROVAL_METHOD_LABELS: Record<AddonApprovalMethod, string> = {
  customer_approves: 'Customer performs approval',
  staff_approves: 'Staff approve',
  auto_approve_under_limit: 'Auto-approve under a limit',
};

export const ServiceProfileSchema = z.object({
  accountId: z.string(),
  /** Send it back as If-Match with an edit; a newer one on the server answers 409. */
  version: z.number().int().describe('0 until first saved'),
  /** False until staff first save the profile; the other fields are then defaults. */
  exists: z.boolean(),
  turnProfileAllServices: z.boolean(),
  turnProfileServiceIds: z.array(z.string()),
  addonApprovalMethod: AddonApprovalMethodSchema,
  addonAutoApproveLimitCents: z.number().int().nullable(),
  backupNotificationPhone: z.string().nullable(),
  mainApproverContactId: z.string().nullable(),
  mainApproverName: z.string().nullable(),
  /** Add-on requests for this account must carry a photo. */
  addonPhotosRequired: z.boolean(),
  /** A pro's add-on request goes straight to the customer; false: to staff first ("official channels"). */
  proRequestsDirect: z.boolean(),
  /** Minutes an add-on waits on the main approver before the backup phone gets a one-tap link; as long again before staff are alerted. */
  addonEscalationMinutes: z.number().int(),
  /** Days between reminders while a turn's PO number is "I don't know yet". */
  poReminderDays: z.number().int(),
  /** Contacts linked to the account: the choices for the main approver. */
  approverOptions: z.array(z.object({ id: z.string(), name: z.string() })),
  updatedAt: z.string().nullable(),
});
export type ServiceProfile = z.infer<typeof ServiceProfileSchema>;

export const UpdateServiceProfileBodySchema = z.strictObject({
  turnProfileAllServices: z.boolean(),
  turnProfileServiceIds: z.array(id).max(500).default([]),
  addonApprovalMethod: AddonApprovalMethodSchema,
  addonAutoApproveLimitCents: cents.nullish().transform((value) => value ?? null),
  backupNotificationPhone: optionalText(32),
  mainApproverContactId: id.nullish().transform((value) => value || null),
  /** Omitted: unchanged. */
  addonPhotosRequired: z.boolean().optional(),
  proRequestsDirect: z.boolean().optional(),
  addonEscalationMinutes: z.number().int().min(5).max(1440).optional(),
  poReminderDays: z.number().int().min(1).max(60).optional(),
});
export type UpdateServiceProfileBody = z.input<typeof UpdateServiceProfileBodySchema>;

// ---- Pricing ----

export const PriceEntrySchema = z.strictObject({ serviceId: id, priceCents: cents });
export type PriceEntry = z.infer<typeof PriceEntrySchema>;
export const SetPricesBodySchema = z.strictObject({ prices: z.array(PriceEntrySchema).max(500) });

const PricedServiceSchema = ServiceSchema.extend({ priceCents: z.number().int().nullable() });

export const MasterPricelistSchema = z.object({
  items: z.array(PricedServiceSchema),
  updatedAt: z.string().nullable(),
  version: z.number().int(),
});
export type MasterPricelist = z.infer<typeof MasterPricelistSchema>;

export const PricelistSourceSchema = z.enum(['master', 'account']);
export type PricelistSource = z.infer<typeof PricelistSourceSchema>;
export const PRICELIST_SOURCE_LABELS: Record<PricelistSource, string> = {
  master: 'Master pricelist',
  account: 'Master pricelist with account prices',
};

export const AccountPricingSchema = z.object({
  accountId: z.string(),
  exists: z.boolean(),
  pricelist: PricelistSourceSchema,
  notes: z.string().nullable(),
  /** Every service the account can order: master price, this account's price, and the price that applies. */
  items: z.array(
    ServiceSchema.extend({
      masterPriceCents: z.number().int().nullable(),
      overridePriceCents: z.number().int().nullable(),
      effectivePriceCents: z.number().int().nullable(),
    }),
  ),
  version: z.number().int().describe('0 until first saved'),
});
export type AccountPricing = z.infer<typeof AccountPricingSchema>;

export const UpdateAccountPricingBodySchema = z.strictObject({
  pricelist: PricelistSourceSchema,
  notes: optionalText(2000),
  overrides: z.array(PriceEntrySchema).max(500).default([]),
});
export type UpdateAccountPricingBody = z.input<typeof UpdateAccountPricingBodySchema>;

// ---- Floorplans ----

export const FloorplanSchema = z.object({
  id: z.string(),
  /** Send it back as If-Match with an edit; a newer one on the server answers 409. */
  version: z.number().int(),
  accountId: z.string(),
  name: z.string(),
  bedrooms: z.number().int(),
  bathrooms: z.number(),
  squareFeet: z.number().int().nullable(),
  standardPriceCount: z.number().int(),
  addOnPriceCount: z.number().int(),
  unitCount: z.number().int(),
});
export type Floorplan = z.infer<typeof FloorplanSchema>;
export const FloorplanListSchema = z.object({ items: z.array(FloorplanSchema) });

export const FloorplanFieldsSchema = z.strictObject({
  name: z.string().trim().min(1, 'Enter a name').max(80),
  bedrooms: z.number().int('Use a whole number').min(0, 'Use 0 or more').max(20),
  bathrooms: z.number().min(0, 'Use 0 or more').max(20).multipleOf(0.5, 'Use whole or half baths'),
  squareFeet: z
    .number()
    .int('Use whole square feet')
    .min(1, 'Use 1 or more')
    .max(100_000)
    .nullish()
    .transform((value) => value ?? null),
});
export type FloorplanFields = z.input<typeof FloorplanFieldsSchema>;

export const FloorplanPricelistSchema = z.object({
  floorplan: FloorplanSchema,
  /** Standard services and add-ons of the property, in its order, with this floorplan's price if set. */
  items: z.array(
    ServiceSchema.extend({ priceCents: z.number().int().nullable(), suggestedPriceCents: z.number().int().nullable() }),
  ),
});
export type FloorplanPricelist = z.infer<typeof FloorplanPricelistSchema>;

// ---- Setup status ----

export const SetupCheckSchema = z.object({
  key: z.enum([
    'service_profile',
    'services',
    'master_pricelist',
    'pricing_configuration',
    'floorplans',
    'floorplan_prices',
    'account_current',
    'portal_access',
  ]),
  label: z.string(),
  ok: z.boolean(),
  detail: z.string(),
  /** What staff do to fix it, in the words of the troubleshooting guide. */
  fix: z.string().nullable(),
});
export type SetupCheck = z.infer<typeof SetupCheckSchema>;
export const AccountSetupStatusSchema = z.object({
  accountId: z.string(),
  accountKind: z.enum(['management_company', 'property']),
  ready: z.boolean(),
  checks: z.array(SetupCheckSchema),
});
export type AccountSetupStatus = z.infer<typeof AccountSetupStatusSchema>;

// ---- Units ----

export const UnitSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  number: z.string(),
  floorplanId: z.string().nullable(),
  floorplanName: z.string().nullable(),
  notes: z.string().nullable(),
  version: z.number().int(),
});
export type Unit = z.infer<typeof UnitSchema>;
export const UnitListSchema = z.object({ items: z.array(UnitSchema) });
/** Customers see units but never edit them, so no version. */
export const PortalUnitListSchema = z.object({ items: z.array(UnitSchema.omit({ version: true })) });

export const UnitFieldsSchema = z.strictObject({
  number: z.string().trim().min(1, 'Enter a unit number').max(20),
  floorplanId: id.nullish().transform((value) => value || null),
  notes: optionalText(2000),
});
export type UnitFields = z.input<typeof UnitFieldsSchema>;

export const CreateUnitsBodySchema = z.strictObject({
  /** "101-120", or a list: "101, 102, 105-108". */
  numbers: z.string().trim().min(1, 'Enter unit numbers such as 101-120').max(2000),
  floorplanId: id.nullish().transform((value) => value || null),
});
export type CreateUnitsBody = z.input<typeof CreateUnitsBodySchema>;

// ---- Pros ----

export const ProSchema = z.object({
  id: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  active: z.boolean(),
  dailyCapacity: z.number().int(),
  serviceIds: z.array(z.string()),
  version: z.number().int(),
});
export type Pro = z.infer<typeof ProSchema>;
export const ProListSchema = z.object({ items: z.array(ProSchema) });

export const ProFieldsSchema = z.strictObject({
  name: z.string().trim().min(1, 'Enter a name').max(120),
  phone: optionalText(32),
  email: z
    .string()
    .trim()
    .max(254)
    .email('Enter a valid email address')
    .nullish()
    .or(z.literal(''))
    .transform((value) => value || null),
  active: z.boolean().default(true),
  /** Left out, a new pro takes 4 services a day and an edit keeps the pro's number. */
  dailyCapacity: z.number().int().min(1, 'At least 1').max(50, 'At most 50').optional(),
  serviceIds: z.array(id).max(500).default([]),
});
export type ProFields = z.input<typeof ProFieldsSchema>;

export const ProPreferenceSchema = z.object({
  serviceId: z.string(),
  preferredProId: z.string(),
  secondaryProId: z.string().nullable(),
});
export type ProPreference = z.infer<typeof ProPreferenceSchema>;
export const ProPreferenceListSchema = z.object({ items: z.array(ProPreferenceSchema) });

export const SetProPreferencesBodySchema = z.strictObject({
  preferences: z
    .array(
      z.strictObject({
        serviceId: id,
        preferredProId: id,
        secondaryProId: id.nullish().transform((value) => value || null),
      }),
    )
    .max(500),
});
export type SetProPreferencesBody = z.input<typeof SetProPreferencesBodySchema>;

/** Formats integer cents as dollars for display ("$1,234.50"). */
export function formatCents(value: number | null): string {
  if (value === null) return '—';
  return (value / 100).toLocaleString('en-US', { style: 'currency', currency: 'USD' });
}
