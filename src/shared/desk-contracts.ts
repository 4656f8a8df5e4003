import { z } from 'zod';
import { ProviderCategorySchema } from './catalog-contracts.ts';
import { CalendarDateSchema, ServiceLineStatusSchema, TURN_PAGE_SIZE } from './turn-contracts.ts';

const id = z.string().min(1).max(64);
const flag = z
  .enum(['true', 'false'])
  .transform((value) => value === 'true')
  .optional();

/** The staff turns desk: every account's turns, filtered in the URL so a view can be bookmarked. */
export const DeskQuerySchema = z.strictObject({
  /** `inbox`: turns nobody on staff has acknowledged since they were ordered or changed by the customer. */
  view: z.enum(['inbox', 'all']).default('inbox'),
  status: ServiceLineStatusSchema.optional(),
  /** A property. */
  accountId: id.optional(),
  /** A management company: its properties' turns. */
  companyId: id.optional(),
  /** Move-in window, inclusive. */
  moveInFrom: CalendarDateSchema.optional(),
  moveInTo: CalendarDateSchema.optional(),
  /** Turns with a service assigned to this pro. */
  proId: id.optional(),
  atRisk: flag,
  poMissing: flag,
  addOnWaiting: flag,
  /** An add-on nobody decided after the backup phone was texted (or without one): staff were alerted. */
  addOnOverdue: flag,
  needsPro: flag,
  /** Unit number or property name contains. */
  search: z.string().trim().max(60).optional(),
  sort: z.enum(['newest', 'moveIn']).default('newest'),
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(TURN_PAGE_SIZE),
});
export type DeskQuery = z.infer<typeof DeskQuerySchema>;

export const DeskLineSchema = z.object({
  id: z.string(),
  name: z.string(),
  providerCategory: ProviderCategorySchema,
  status: ServiceLineStatusSchema,
  scheduledDate: CalendarDateSchema.nullable(),
  proId: z.string().nullable(),
  proName: z.string().nullable(),
  /** Our own open service with nobody assigned: no preferred or secondary pro was free. */
  needsPro: z.boolean(),
});
export type DeskLine = z.infer<typeof DeskLineSchema>;

export const DeskTurnSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  propertyName: z.string(),
  companyName: z.string().nullable(),
  unitNumber: z.string(),
  floorplanName: z.string(),
  moveOutDate: CalendarDateSchema,
  moveInDate: CalendarDateSchema.nullable(),
  status: ServiceLineStatusSchema,
  createdAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  needsPro: z.boolean(),
  /** Fewer days left before the ready-by day than services still open (one day each). */
  atRisk: z.boolean(),
  /** "I don't know the PO number yet" and still open. */
  poMissing: z.boolean(),
  addOnWaiting: z.boolean(),
  /** An add-on still undecided after the backup phone was texted: staff should call. */
  addOnOverdue: z.boolean(),
  lines: z.array(DeskLineSchema),
});
export type DeskTurn = z.infer<typeof DeskTurnSchema>;

export const DeskTurnListSchema = z.object({ items: z.array(DeskTurnSchema), nextCursor: z.string().nullable() });
export type DeskTurnList = z.infer<typeof DeskTurnListSchema>;

export const AssignProBodySchema = z.strictObject({
  /** null takes the pro off the service (it then needs one). */
  proId: id.nullable(),
});
