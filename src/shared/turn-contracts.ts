import { z } from 'zod';
import { ProviderCategorySchema } from './catalog-contracts.ts';

const id = z.string().min(1).max(64);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((value) => (value ? value : null));
/** A calendar day at the property, YYYY-MM-DD (no time zone: a move-in is a day, not an instant). */
export const CalendarDateSchema = z.iso.date('Use a date such as 2026-07-01');
/** PO numbers as customers' AP systems issue them: letters, digits and a few separators. */
const poNumber = z
  .string()
  .trim()
  .max(40, 'Use at most 40 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9 ._#/-]*$/, 'Use letters, digits and - _ . / # only');
const optionalPoNumber = z
  .union([poNumber, z.literal('')])
  .nullish()
  .transform((value) => (value ? value : null));

export const TurnIdParamsSchema = z.strictObject({ turnId: id });
export const PropertyIdParamsSchema = z.strictObject({ accountId: id });
export const ServiceLineIdParamsSchema = z.strictObject({ serviceLineId: id });
export const AddOnIdParamsSchema = z.strictObject({ addOnId: id });

export const ServiceLineStatusSchema = z.enum(['pending', 'scheduled', 'in_progress', 'completed', 'canceled']);
export type ServiceLineStatus = z.infer<typeof ServiceLineStatusSchema>;
export const SERVICE_LINE_STATUS_LABELS: Record<ServiceLineStatus, string> = {
  pending: 'Pending',
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  completed: 'Completed',
  canceled: 'Canceled',
};
/** A turn's status is derived from its service lines and uses the same words. */
// A turn's status is derived from its service lines, so it takes the same values.
const TurnStatusSchema = ServiceLineStatusSchema;
export type TurnStatus = ServiceLineStatus;

export const AddOnStatusSchema = z.enum(['approved', 'pending', 'declined']);
export const AddOnApproverSchema = z.enum(['customer', 'staff']);

// ---- Turns ----

export const TurnAddOnSchema = z.object({
  id: z.string(),
  serviceLineId: z.string(),
  serviceId: z.string(),
  name: z.string(),
  priceCents: z.number().int().nullable(),
  status: AddOnStatusSchema,
  /** Who decides while it is pending. */
  approver: AddOnApproverSchema,
  reason: z.string().nullable(),
  requestedBy: z.enum(['staff', 'customer', 'pro', 'system']),
  requestedAt: z.string(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
});
export type TurnAddOn = z.infer<typeof TurnAddOnSchema>;

export const ServiceLineSchema = z.object({
  id: z.string(),
  serviceId: z.string(),
  name: z.string(),
  providerCategory: ProviderCategorySchema,
  status: ServiceLineStatusSchema,
  scheduledDate: CalendarDateSchema.nullable(),
  /** The date back-scheduling from the move-in gives; differs from scheduledDate after a manual change. */
  suggestedDate: CalendarDateSchema.nullable(),
  dateIsManual: z.boolean(),
  /** Scheduled after the ready-by date (move-in − 1 day). */
  isLate: z.boolean(),
  priceCents: z.number().int().nullable(),
  /** This service's own PO, overriding the turn's default. */
  poNumber: z.string().nullable(),
  /** The PO this service is billed to: its own, else the turn's default. */
  effectivePoNumber: z.string().nullable(),
  /** The assigned pro's first name (never their phone or email). */
  proFirstName: z.string().nullable(),
  /** Open work of ours with no pro: neither the preferred nor the secondary pro could take it. */
  needsPro: z.boolean(),
  /** Set on a punch-back visit: the completed service it reworks. */
  reworkOfServiceLineId: z.string().nullable(),
  addOns: z.array(TurnAddOnSchema),
});
export type ServiceLine = z.infer<typeof ServiceLineSchema>;

export const TurnSummarySchema = z.object({
  id: z.string(),
  accountId: z.string(),
  propertyName: z.string(),
  unitNumber: z.string(),
  floorplanName: z.string(),
  moveOutDate: CalendarDateSchema,
  moveInDate: CalendarDateSchema.nullable(),
  readyByDate: CalendarDateSchema.nullable(),
  status: TurnStatusSchema,
  totalCents: z.number().int(),
  pendingAddOnCount: z.number().int(),
  services: z.array(
    z.object({ name: z.string(), status: ServiceLineStatusSchema, scheduledDate: CalendarDateSchema.nullable() }),
  ),
  createdAt: z.string(),
});
export type TurnSummary = z.infer<typeof TurnSummarySchema>;
/** One page; `nextCursor` asks for the next one (null on the last page). */
export const TurnListSchema = z.object({ items: z.array(TurnSummarySchema), nextCursor: z.string().nullable() });
export type TurnList = z.infer<typeof TurnListSchema>;
export const TurnCountsSchema = z.object({
  counts: z.array(z.object({ status: TurnStatusSchema, count: z.number().int() })),
});
export type TurnCounts = z.infer<typeof TurnCountsSchema>;
/** Completed and canceled turns show from this many days back unless older ones are asked for. */
export const CLOSED_TURNS_WINDOW_DAYS = 30;
export const TURN_PAGE_SIZE = 25;

export const TurnSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  propertyName: z.string(),
  unitId: z.string().nullable(),
  unitNumber: z.string(),
  floorplanId: z.string().nullable(),
  floorplanName: z.string(),
  moveOutDate: CalendarDateSchema,
  moveInDate: CalendarDateSchema.nullable(),
  readyByDate: CalendarDateSchema.nullable(),
  notes: z.string().nullable(),
  defaultPoNumber: z.string().nullable(),
  poUnknown: z.boolean(),
  status: TurnStatusSchema,
  /** Open services plus approved add-ons; canceled services and declined or pending add-ons don't count. */
  totalCents: z.number().int(),
  /** Open services whose date no longer matches back-scheduling from the move-in (re-flow offers to fix). */
  offScheduleCount: z.number().int(),
  canceledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lines: z.array(ServiceLineSchema),
});
export type Turn = z.infer<typeof TurnSchema>;

const TurnFiltersSchema = z.strictObject({
  status: TurnStatusSchema.optional(),
  /** Unit number contains. */
  search: z.string().trim().max(40).optional(),
  /** Completed and canceled turns older than the recent window too. */
  includeOlder: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
});
export const TurnCountsQuerySchema = TurnFiltersSchema.omit({ status: true });
export const ListTurnsQuerySchema = TurnFiltersSchema.extend({
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(TURN_PAGE_SIZE),
});
export type ListTurnsQuery = z.infer<typeof ListTurnsQuerySchema>;
export type TurnCountsQuery = z.infer<typeof TurnCountsQuerySchema>;

const TurnLineInputSchema = z.strictObject({
  serviceId: id,
  /** A date picked in the form; omitted or null: back-scheduled from the move-in. */
  scheduledDate: CalendarDateSchema.nullish().transform((value) => value ?? null),
  poNumber: optionalPoNumber,
  addOnServiceIds: z.array(id).max(20).default([]),
});

export const TurnPreviewBodySchema = z.strictObject({
  floorplanId: id,
  moveOutDate: CalendarDateSchema,
  moveInDate: CalendarDateSchema.nullish().transform((value) => value ?? null),
});
export type TurnPreviewBody = z.input<typeof TurnPreviewBodySchema>;
export type TurnPreviewBodyParsed = z.output<typeof TurnPreviewBodySchema>;

export const TurnPreviewSchema = z.object({
  floorplanId: z.string(),
  floorplanName: z.string(),
  readyByDate: CalendarDateSchema.nullable(),
  /** Standard services the property can order for this floorplan, in its order. */
  services: z.array(
    z.object({
      serviceId: z.string(),
      name: z.string(),
      providerCategory: ProviderCategorySchema,
      priceCents: z.number().int().nullable(),
      suggestedDate: CalendarDateSchema.nullable(),
      /** Part of the property's turn profile, so the form starts with it selected. */
      inTurnProfile: z.boolean(),
    }),
  ),
  addOns: z.array(
    z.object({
      serviceId: z.string(),
      name: z.string(),
      providerCategory: ProviderCategorySchema,
      priceCents: z.number().int().nullable(),
      /** Offered only with this standard service; null: with any. */
      parentServiceId: z.string().nullable(),
    }),
  ),
  /** Rent Ready services left out because this floorplan has no price for them ("Floorplans or Addons Not Showing"). */
  unpricedServiceNames: z.array(z.string()),
});
export type TurnPreview = z.infer<typeof TurnPreviewSchema>;

export const CreateTurnBodySchema = z.strictObject({
  /** An existing unit, or a unit number (with the floorplan) for a unit not on file yet. */
  unitId: id.nullish().transform((value) => value ?? null),
  unitNumber: z
    .string()
    .trim()
    .max(20)
    .nullish()
    .transform((value) => value || null),
  floorplanId: id.nullish().transform((value) => value ?? null),
  moveOutDate: CalendarDateSchema,
  moveInDate: CalendarDateSchema.nullish().transform((value) => value ?? null),
  notes: optionalText(4000),
  defaultPoNumber: optionalPoNumber,
  poUnknown: z.boolean().default(false),
  lines: z.array(TurnLineInputSchema).min(1, 'Choose at least one service').max(30),
  /** "Order anyway" after a 409 naming an open turn of the unit whose dates overlap. */
  allowOverlap: z.boolean().default(false),
});
export type CreateTurnBody = z.input<typeof CreateTurnBodySchema>;
export type CreateTurnBodyParsed = z.output<typeof CreateTurnBodySchema>;

export const UpdateTurnBodySchema = z.strictObject({
  moveOutDate: CalendarDateSchema,
  moveInDate: CalendarDateSchema.nullish().transform((value) => value ?? null),
  notes: optionalText(4000),
  /** One click: every open service goes back to its back-scheduled date, manual dates included. */
  reflowSchedule: z.boolean().default(false),
});
export type UpdateTurnBody = z.input<typeof UpdateTurnBodySchema>;
export type UpdateTurnBodyParsed = z.output<typeof UpdateTurnBodySchema>;

export const RescheduleServiceLineBodySchema = z.strictObject({ scheduledDate: CalendarDateSchema });

export const CancelTurnBodySchema = z.strictObject({ reason: optionalText(500) });

export const SetTurnPurchaseOrdersBodySchema = z.strictObject({
  defaultPoNumber: optionalPoNumber,
  poUnknown: z.boolean(),
  /** Every open service's own PO; null or omitted: billed to the default PO. */
  lines: z
    .array(z.strictObject({ serviceLineId: id, poNumber: optionalPoNumber }))
    .max(30)
    .default([]),
});
export type SetTurnPurchaseOrdersBody = z.input<typeof SetTurnPurchaseOrdersBodySchema>;
export type SetTurnPurchaseOrdersBodyParsed = z.output<typeof SetTurnPurchaseOrdersBodySchema>;

export const DecideAddOnBodySchema = z.strictObject({ note: optionalText(500) });

export const RequestAddOnBodySchema = z.strictObject({
  serviceId: id,
  /** What the pro found, shown to whoever approves. */
  reason: z.string().trim().min(1, 'Say why the pro needs it').max(500),
});
export type RequestAddOnBody = z.input<typeof RequestAddOnBodySchema>;
export type RequestAddOnBodyParsed = z.output<typeof RequestAddOnBodySchema>;

export const SetServiceLineStatusBodySchema = z.strictObject({
  status: z.enum(['scheduled', 'in_progress', 'completed']),
});

// ---- Calendar ----

export const CalendarQuerySchema = z.strictObject({ from: CalendarDateSchema, to: CalendarDateSchema });
export const CalendarSchema = z.object({
  items: z.array(
    z.object({
      serviceLineId: z.string(),
      turnId: z.string(),
      unitNumber: z.string(),
      name: z.string(),
      providerCategory: ProviderCategorySchema,
      status: ServiceLineStatusSchema,
      scheduledDate: CalendarDateSchema,
    }),
  ),
});
export type Calendar = z.infer<typeof CalendarSchema>;

// ---- Portal properties ----

export const PortalPropertySchema = z.object({
  id: z.string(),
  name: z.string(),
  accountNumber: z.string(),
  addressLine1: z.string().nullable(),
  addressLine2: z.string().nullable(),
  city: z.string().nullable(),
  region: z.string().nullable(),
  postalCode: z.string().nullable(),
  openTurnCount: z.number().int(),
  pendingAddOnCount: z.number().int(),
});
export type PortalProperty = z.infer<typeof PortalPropertySchema>;
/** Portal home cards per page: eight rows of three on a laptop. */
export const PORTAL_PROPERTY_PAGE_SIZE = 24;
export const ListPortalPropertiesQuerySchema = z.strictObject({
  /** Name, account number or city contains (any case). */
  search: z.string().trim().max(100).optional(),
  cursor: z.string().max(600).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(PORTAL_PROPERTY_PAGE_SIZE),
});
export type ListPortalPropertiesQuery = z.infer<typeof ListPortalPropertiesQuerySchema>;
export const PortalPropertyListSchema = z.object({
  items: z.array(PortalPropertySchema),
  nextCursor: z.string().nullable(),
  /** Properties the search finds over all pages. */
  total: z.number().int(),
});
export type PortalPropertyList = z.infer<typeof PortalPropertyListSchema>;

export const UpdatePropertyAddressBodySchema = z.strictObject({
  addressLine1: z.string().trim().min(1, 'Enter the street address').max(200),
  addressLine2: optionalText(200),
  city: z.string().trim().min(1, 'Enter the city').max(100),
  region: z.string().trim().min(1, 'Enter the state').max(100),
  postalCode: z.string().trim().min(1, 'Enter the ZIP code').max(20),
});
export type UpdatePropertyAddressBody = z.input<typeof UpdatePropertyAddressBodySchema>;
export type UpdatePropertyAddressBodyParsed = z.output<typeof UpdatePropertyAddressBodySchema>;

export const PortalPropertyUserListSchema = z.object({
  items: z.array(
    z.object({
      contactId: z.string(),
      name: z.string(),
      title: z.string().nullable(),
      emails: z.array(z.string()),
      isMainApprover: z.boolean(),
    }),
  ),
});
export type PortalPropertyUserList = z.infer<typeof PortalPropertyUserListSchema>;

export const CustomServiceBodySchema = z.strictObject({
  name: z.string().trim().min(1, 'Enter a name').max(120),
  providerCategory: z.enum(['in_house', 'other_vendor']),
  defaultDayOffset: z.number().int('Use whole days').min(0, 'Use 0 or more days').max(60, 'Use at most 60 days'),
});
export type CustomServiceBody = z.input<typeof CustomServiceBodySchema>;
export type CustomServiceBodyParsed = z.output<typeof CustomServiceBodySchema>;

export function formatCents(cents: number | null): string {
  if (cents === null) return '—';
  return (cents / 100).toLocaleString('en-US', { style: 'currency', currency: 'USD' });
}
