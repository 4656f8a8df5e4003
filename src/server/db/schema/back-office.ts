import type { IsoTimestamp } from './columns.ts';

/** A manual onboarding checklist item staff ticked off; unticking deletes the row. */
export interface OnboardingCheckOffsTable {
  accountId: string;
  itemKey: string;
  checkedByStaffId: string;
  checkedAt: IsoTimestamp;
}

/** Tables for customer accounts extras, contacts extras and the service profile. */
export interface BackOfficeTables {
  onboardingCheckOffs: OnboardingCheckOffsTable;
}
