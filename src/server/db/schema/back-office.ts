import type { IsoTimestamp } from './columns.ts';

/** A manual onboarding checklist item staff ticked off; unticking deletes the row. */
export interface OnboardingCheckOffsTable {
  accountId: string;
  itemKey: string;
  checkedByStaffId: string;
  checkedAt: IsoTimestamp;
}

/** Tables for customer accounts extras, contacts extras, service profile (issue 4, part A). */
export interface BackOfficeTables {
  onboardingCheckOffs: OnboardingCheckOffsTable;
}
