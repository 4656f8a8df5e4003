import { z } from 'zod';

export const ListAuditEventsQuerySchema = z.strictObject({
  subjectType: z.string().max(64).optional(),
  subjectId: z.string().max(64).optional(),
  accountId: z.string().max(64).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const AuditEventSchema = z.object({
  id: z.string(),
  occurredAt: z.string(),
  actorKind: z.enum(['staff', 'customer', 'pro', 'system', 'anonymous']),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string().nullable(),
  accountId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  ipAddress: z.string().nullable(),
});
export type AuditEvent = z.infer<typeof AuditEventSchema>;

export const AuditEventListSchema = z.object({ items: z.array(AuditEventSchema), hasMore: z.boolean() });
