import type { AccountKind, AccountStatus, OnboardingState } from '../../../shared/customer-contracts.ts';

export const STATUS_LABELS: Record<AccountStatus, string> = {
  prospect: 'Prospect',
  current: 'Current',
  inactive: 'Inactive',
};
export const STATUS_COLORS: Record<AccountStatus, string> = { prospect: 'yellow', current: 'teal', inactive: 'gray' };
export const KIND_LABELS: Record<AccountKind, string> = {
  management_company: 'Management company',
  property: 'Property',
};

export const ONBOARDING_STATE_LABELS: Record<OnboardingState, string> = {
  not_started: 'Onboard not started',
  in_progress: 'Onboard in progress',
  complete: 'Onboard complete',
};

export const STATUS_OPTIONS = (Object.keys(STATUS_LABELS) as AccountStatus[]).map((value) => ({
  value,
  label: STATUS_LABELS[value],
}));

/** API field paths such as "primaryEmails.1" belong to the form field "primaryEmails". */
export function formFieldErrors(fields: Record<string, string>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [path, message] of Object.entries(fields)) {
    const field = path.split('.')[0] ?? path;
    errors[field] ??= message;
  }
  return errors;
}
