import { z } from 'zod';
import { PasswordInputSchema, StaffRoleSchema } from './staff-contracts.ts';

// WebAuthn JSON as @simplewebauthn/browser produces it; the server library checks every byte.
const Base64Url = z.string().max(8192);
export const PasskeyAssertionSchema = z.object({
  id: Base64Url,
  rawId: Base64Url,
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: Base64Url,
    authenticatorData: Base64Url,
    signature: Base64Url,
    userHandle: Base64Url.optional(),
  }),
  clientExtensionResults: z.record(z.string(), z.unknown()),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
});

export const PasskeyAttestationSchema = z.object({
  id: Base64Url,
  rawId: Base64Url,
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: Base64Url,
    attestationObject: Base64Url,
    authenticatorData: Base64Url.optional(),
    transports: z.array(z.string().max(32)).max(10).optional(),
    publicKeyAlgorithm: z.number().optional(),
    publicKey: Base64Url.optional(),
  }),
  clientExtensionResults: z.record(z.string(), z.unknown()),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
});

export const TotpCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'Enter the 6-digit code from your authenticator app');

export const SecondFactorProofSchema = z.discriminatedUnion('method', [
  z.strictObject({ method: z.literal('totp'), code: TotpCodeSchema }),
  z.strictObject({
    method: z.literal('recovery_code'),
    code: z.string().trim().min(1, 'Enter a recovery code').max(40),
  }),
  z.strictObject({ method: z.literal('passkey'), response: PasskeyAssertionSchema }),
]);
export type SecondFactorProof = z.infer<typeof SecondFactorProofSchema>;

/** Step-up: the second factor, or the password for staff who have none (allowed only where none is required). */
export const StepUpBodySchema = z.discriminatedUnion('method', [
  ...SecondFactorProofSchema.options,
  z.strictObject({ method: z.literal('password'), password: PasswordInputSchema }),
]);
export type StepUpBody = z.infer<typeof StepUpBodySchema>;

/** Options for navigator.credentials.get/create, passed to @simplewebauthn/browser as they are. */
export const PasskeyOptionsSchema = z.object({ options: z.record(z.string(), z.unknown()) });

export const PasskeySignInBodySchema = z.strictObject({ response: PasskeyAssertionSchema });

export const PasskeySchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});

export const SecondFactorStatusSchema = z.object({
  totp: z.boolean(),
  recoveryCodesLeft: z.number().int(),
  passkeys: z.array(PasskeySchema),
  requiredForMyRole: z.boolean(),
});
export type SecondFactorStatus = z.infer<typeof SecondFactorStatusSchema>;

export const TotpEnrolmentSchema = z.object({ secret: z.string(), uri: z.string() });
export const ConfirmTotpBodySchema = z.strictObject({ code: TotpCodeSchema });
export const RecoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()) });

export const RegisterPasskeyBodySchema = z.strictObject({
  name: z.string().trim().min(1, 'Name this passkey').max(60),
  response: PasskeyAttestationSchema,
});

export const SecondFactorPolicySchema = z.object({
  roles: z.array(z.object({ role: StaffRoleSchema, required: z.boolean(), explicit: z.boolean() })),
});
export type SecondFactorPolicy = z.infer<typeof SecondFactorPolicySchema>;
export const UpdateSecondFactorPolicyBodySchema = z.strictObject({ role: StaffRoleSchema, required: z.boolean() });

/** A sensitive action needs the strongest factor presented within this window. */
export const STEP_UP_WINDOW_SECONDS = 10 * 60;

/** Sent with every step-up action; recorded in the audit log. */
export const STEP_UP_REASON_HEADER = 'x-step-up-reason';
export const StepUpReasonSchema = z
  .string()
  .trim()
  .min(5, 'Say in a few words why you need this')
  .max(300, 'Keep the reason under 300 characters');
