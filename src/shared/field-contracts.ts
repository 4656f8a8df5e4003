import { z } from 'zod';

const id = z.string().min(1).max(64);
const calendarDate = z.iso.date();

export const PhotoPurposeSchema = z.enum(['before', 'after', 'add_on', 'issue']);

export const PhotoSchema = z.object({
  id: z.string(),
  serviceLineId: z.string(),
  purpose: PhotoPurposeSchema,
  addOnId: z.string().nullable(),
  reworkRequestId: z.string().nullable(),
  width: z.number().int(),
  height: z.number().int(),
  uploadedBy: z.enum(['pro', 'customer', 'staff']),
  createdAt: z.string(),
});
export type Photo = z.infer<typeof PhotoSchema>;
export const PhotoListSchema = z.object({ items: z.array(PhotoSchema) });

export const PhotoIdParamsSchema = z.strictObject({ photoId: id });
export const ReworkRequestIdParamsSchema = z.strictObject({ reworkRequestId: id });

export const ProPhotoUploadQuerySchema = z.strictObject({ purpose: z.enum(['before', 'after', 'add_on']) });

/** At most this many photos go with one add-on request, issue report, start or completion. */
const MAX_PHOTOS_PER_REQUEST = 6;
const photoIds = z.array(id).max(MAX_PHOTOS_PER_REQUEST).default([]);

export const ProStatusChangeBodySchema = z.strictObject({ photoIds });

export const ProAddOnRequestBodySchema = z.strictObject({
  serviceId: id,
  note: z.string().trim().min(1, 'Say what you found').max(1000),
  photoIds,
});

export const ReportIssueBodySchema = z.strictObject({
  note: z.string().trim().min(1, 'Describe the issue').max(2000),
  photoIds,
});

export const AssignmentsQuerySchema = z.strictObject({ from: calendarDate, to: calendarDate });

export const AddOnOptionSchema = z.object({
  serviceId: z.string(),
  name: z.string(),
  priceCents: z.number().int().nullable(),
});

export const AssignmentSchema = z.object({
  serviceLineId: z.string(),
  turnId: z.string(),
  serviceName: z.string(),
  status: z.enum(['pending', 'scheduled', 'in_progress', 'completed', 'canceled']),
  scheduledDate: z.string(),
  isRework: z.boolean(),
  propertyName: z.string(),
  address: z.string(),
  unitNumber: z.string(),
  floorplanName: z.string(),
  accessNotes: z.string().nullable(),
  turnNotes: z.string().nullable(),
  moveInDate: z.string().nullable(),
  approvedAddOns: z.array(z.object({ name: z.string() })),
  pendingAddOn: z.object({ name: z.string(), approver: z.enum(['customer', 'staff']) }).nullable(),
  addOnOptions: z.array(AddOnOptionSchema),
  photos: z.array(PhotoSchema),
});
export type Assignment = z.infer<typeof AssignmentSchema>;
export const AssignmentListSchema = z.object({ items: z.array(AssignmentSchema) });

export const ReworkRequestSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  propertyName: z.string(),
  turnId: z.string(),
  unitNumber: z.string(),
  serviceLineId: z.string(),
  serviceName: z.string(),
  originalProName: z.string().nullable(),
  note: z.string(),
  status: z.enum(['open', 'converted', 'dismissed']),
  createdAt: z.string(),
  reworkServiceLineId: z.string().nullable(),
  photos: z.array(PhotoSchema),
});

export type ReworkRequest = z.infer<typeof ReworkRequestSchema>;

export const ReworkRequestListQuerySchema = z.strictObject({
  status: z.enum(['open', 'converted', 'dismissed']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  offset: z.coerce.number().int().min(0).default(0),
});
export const ReworkRequestListSchema = z.object({ items: z.array(ReworkRequestSchema), hasMore: z.boolean() });

export const CreateReworkLineBodySchema = z.strictObject({
  proId: id.nullable(),
  scheduledDate: calendarDate.nullable(),
});

export const DismissReworkRequestBodySchema = z.strictObject({
  reason: z.string().trim().min(1, 'Say why there is nothing to redo').max(500),
});

export const ReworkSummarySchema = z.object({
  byPro: z.array(
    z.object({ proId: z.string().nullable(), proName: z.string().nullable(), reworkCount: z.number().int() }),
  ),
  byService: z.array(z.object({ serviceId: z.string(), serviceName: z.string(), reworkCount: z.number().int() })),
});
