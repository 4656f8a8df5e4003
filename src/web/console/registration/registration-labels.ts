import type { RegistrationRequestState, RegistrationStepAction } from '../../../shared/registration-contracts.ts';

export const STATE_COLORS: Record<RegistrationRequestState, string> = {
  open: 'orange',
  matched: 'cyan',
  closed: 'gray',
};

export const STATE_LABELS: Record<RegistrationRequestState, string> = {
  open: 'Open',
  matched: 'Matched',
  closed: 'Closed',
};

export const STEP_ACTION_LABELS: Record<RegistrationStepAction, string> = {
  none: 'No automatic action',
  send_portal_key: 'Emails the account number and portal key',
  close: 'Closes the request',
};

export const STAFF_ROLE_LABELS = { admin: 'Admin', psm: 'PSM', support: 'Support' } as const;
