import { z } from 'zod';

export const ProSignInLinkRequestBodySchema = z.strictObject({
  /** The pro's mobile phone (a link by SMS) or email (a link by email). */
  login: z.string().trim().min(3).max(320),
});

export const ProLinkBodySchema = z.strictObject({ token: z.string().min(10).max(200) });

export const ProLinkInspectionSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('valid'), name: z.string(), expiresAt: z.string() }),
  z.object({ status: z.enum(['used', 'expired', 'invalid']) }),
]);
export type ProLinkInspection = z.infer<typeof ProLinkInspectionSchema>;

export const ProSessionSchema = z.object({ proId: z.string(), name: z.string() });
export type ProSession = z.infer<typeof ProSessionSchema>;

export const SendProSignInLinkBodySchema = z.strictObject({ channel: z.enum(['sms', 'email']) });

export const SentProSignInLinkSchema = z.object({ sentTo: z.string(), expiresAt: z.string() });

export const EndedProSessionsSchema = z.object({ ended: z.number().int() });

export const PRO_LINK_ACCEPTED_MESSAGE =
  'If that phone or email belongs to an active pro, a sign-in link is on its way. It works once, for 15 minutes.';
export const AcceptedProLinkSchema = z.object({ message: z.string() });
