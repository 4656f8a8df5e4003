import { z } from 'zod';

/** The secret of a one-tap add-on approval link texted to the backup phone. */
export const ApprovalLinkBodySchema = z.strictObject({ token: z.string().min(20).max(200) });

export const DecideByLinkBodySchema = z.strictObject({
  token: z.string().min(20).max(200),
  decision: z.enum(['approve', 'decline']),
});

/** What the confirm page shows; reading it never decides anything. */
export const ApprovalLinkInspectionSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('valid'),
    propertyName: z.string(),
    unitNumber: z.string(),
    addOnName: z.string(),
    serviceName: z.string(),
    price: z.string(),
    reason: z.string().nullable(),
    expiresAt: z.string(),
  }),
  z.object({ status: z.enum(['invalid', 'expired', 'used', 'decided']) }),
]);
export type ApprovalLinkInspection = z.infer<typeof ApprovalLinkInspectionSchema>;

export const DecidedByLinkSchema = z.object({ status: z.enum(['approved', 'declined']) });
export type DecidedByLink = z.infer<typeof DecidedByLinkSchema>;
