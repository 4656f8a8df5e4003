import { z } from 'zod';

/** Every error response has this shape; `fields` carries one message per invalid input field. */
export const ApiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    requestId: z.string(),
    fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    retryAfterSeconds: z.number().optional(),
    /** A duplicate order: the open turn already covering this unit and dates. */
    existingTurnId: z.string().optional(),
    /** An edit based on an older version (409 stale_version): who changed the record, when, and its state now. */
    changedBy: z.string().optional(),
    changedAt: z.string().nullable().optional(),
    currentVersion: z.number().int().optional(),
    current: z.unknown().optional(),
  }),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;
