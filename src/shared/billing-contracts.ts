import { z } from 'zod';

export const BillingTypeSchema = z.enum(['invoice_per_turn', 'monthly_statement', 'credit_card', 'ach']);
export type BillingType = z.infer<typeof BillingTypeSchema>;
export const BILLING_TYPE_LABELS: Record<BillingType, string> = {
  invoice_per_turn: 'Invoice per turn',
  monthly_statement: 'Monthly statement',
  credit_card: 'Credit card on file',
  ach: 'ACH / bank transfer',
};

export const BillingCycleSchema = z.enum(['weekly', 'biweekly', 'semi_monthly', 'monthly']);
export type BillingCycle = z.infer<typeof BillingCycleSchema>;
export const BILLING_CYCLE_LABELS: Record<BillingCycle, string> = {
  weekly: 'Weekly',
  biweekly: 'Every two weeks',
  semi_monthly: 'Twice a month',
  monthly: 'Monthly',
};

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((value) => (value ? value : null));

/** Who receives invoices, where, how they pay and on which cycle (the cycle follows the account's market). */
export const BillingProfileFieldsSchema = z.strictObject({
  contactFirstName: text(100),
  contactLastName: text(100),
  contactTitle: text(150),
  /** Any phone number; stored as E.164. */
  contactPhone: text(40),
  contactEmail: z
    .string()
    .trim()
    .max(254)
    .email('Enter a valid email address')
    .or(z.literal(''))
    .nullish()
    .transform((value) => (value ? value.toLowerCase() : null)),
  addressLine1: text(200),
  addressLine2: text(200),
  city: text(100),
  region: text(100),
  postalCode: text(20),
  billingType: BillingTypeSchema.nullish().transform((value) => value ?? null),
  billingCycle: BillingCycleSchema.nullish().transform((value) => value ?? null),
  billingMarket: text(100),
});
export type BillingProfileInput = z.output<typeof BillingProfileFieldsSchema>;

export const BillingProfileSchema = z.object({
  accountId: z.string(),
  accountName: z.string(),
  managementCompanyName: z.string().nullable(),
  contactFirstName: z.string().nullable(),
  contactLastName: z.string().nullable(),
  contactTitle: z.string().nullable(),
  contactPhone: z.string().nullable(),
  contactEmail: z.string().nullable(),
  addressLine1: z.string().nullable(),
  addressLine2: z.string().nullable(),
  city: z.string().nullable(),
  region: z.string().nullable(),
  postalCode: z.string().nullable(),
  billingType: BillingTypeSchema.nullable(),
  billingCycle: BillingCycleSchema.nullable(),
  billingMarket: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
