import type { IsoTimestamp } from './columns.ts';

/** A manual onboarding checklist item staff ticked off; unticking deletes the row. */
export interface OnboardingCheckOffsTable {
  accountId: string;
  itemKey: string;
  checkedByStaffId: string;
  checkedAt: IsoTimestamp;
}

/** Where invoices go and how the account pays (confirmed during the onboard). */
export interface AccountBillingProfilesTable {
  accountId: string;
  contactFirstName: string | null;
  contactLastName: string | null;
  contactTitle: string | null;
  /** E.164. */
  contactPhone: string | null;
  contactEmail: string | null;
  addressLine1: string | null;
  addressLine2: string | null;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  billingType: 'invoice_per_turn' | 'monthly_statement' | 'credit_card' | 'ach' | null;
  billingCycle: 'weekly' | 'biweekly' | 'semi_monthly' | 'monthly' | null;
  /** The market whose billing calendar the cycle follows. */
  billingMarket: string | null;
  createdAt: IsoTimestamp;
  updatedAt: IsoTimestamp;
}

/** Onboard answers that have no other home in the product; the rest keep only who saved them and when. */
export interface OnboardingAnswersTable {
  accountId: string;
  questionKey: string;
  valueJson: string | null;
  /** Optimistic concurrency: a save names the version it started from. */
  version: number;
  answeredByStaffId: string;
  answeredAt: IsoTimestamp;
}

/** Tables for customer accounts extras, contacts extras and the service profile. */
export interface BackOfficeTables {
  onboardingCheckOffs: OnboardingCheckOffsTable;
  accountBillingProfiles: AccountBillingProfilesTable;
  onboardingAnswers: OnboardingAnswersTable;
}
