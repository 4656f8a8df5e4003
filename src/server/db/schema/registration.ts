import type { Flag, IsoTimestamp, StaffRole } from './columns.ts';

export type RegistrationRequestState = 'open' | 'matched' | 'closed';
export type RegistrationCloseReason = 'login_exists' | 'registered' | 'completed' | 'duplicate' | 'spam' | 'other';
/** What moving a request onto a step does: nothing, email the portal key, or close the request. */
export type RegistrationStepAction = 'none' | 'send_portal_key' | 'close';
export type RegistrationEventKind =
  | 'submitted'
  | 'auto_closed'
  | 'matched'
  | 'email_added'
  | 'contact_created'
  | 'step_changed'
  | 'portal_key_sent'
  | 'closed'
  | 'note';

/** One row ('default'): the vendor's self-registration switch and who receives visitor replies. */
export interface RegistrationSettingsTable {
  id: string;
  selfRegistrationEnabled: Flag;
  replyStaffRole: StaffRole;
  updatedAt: IsoTimestamp;
}

export interface RegistrationStepsTable {
  id: string;
  position: number;
  name: string;
  action: RegistrationStepAction;
  createdAt: IsoTimestamp;
}

/** A sign-up without a valid portal key: what the visitor sent, and how staff handled it. */
export interface RegistrationRequestsTable {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  emailNormalized: string;
  phone: string | null;
  address: string | null;
  /** The property or management company as the visitor typed it. */
  propertyName: string | null;
  submittedAccountNumber: string | null;
  state: RegistrationRequestState;
  closeReason: RegistrationCloseReason | null;
  accountId: string | null;
  contactId: string | null;
  currentStepId: string | null;
  assignedStaffId: string | null;
  ipAddress: string | null;
  createdAt: IsoTimestamp;
  updatedAt: IsoTimestamp;
  matchedAt: IsoTimestamp | null;
  portalKeySentAt: IsoTimestamp | null;
  closedAt: IsoTimestamp | null;
}

/** The request's history as staff read it (the audit log keeps the before/after detail). */
export interface RegistrationRequestEventsTable {
  id: string;
  requestId: string;
  occurredAt: IsoTimestamp;
  actorKind: 'staff' | 'anonymous' | 'system';
  actorStaffId: string | null;
  kind: RegistrationEventKind;
  detail: string | null;
}

/** Tables for self-registration and registration requests. */
export interface RegistrationTables {
  registrationSettings: RegistrationSettingsTable;
  registrationSteps: RegistrationStepsTable;
  registrationRequests: RegistrationRequestsTable;
  registrationRequestEvents: RegistrationRequestEventsTable;
}
