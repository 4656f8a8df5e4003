/**
 * Table shapes as the application sees them (camelCase through CamelCasePlugin). The only place that
 * knows column types. Portable choices: text ids, ISO-8601 UTC text timestamps, 0/1 integer booleans,
 * JSON as text, money in integer cents.
 */

import type { BackOfficeTables } from './schema/back-office.ts';
import type { CatalogTables } from './schema/catalog.ts';
import type { DeferredTaskTables } from './schema/deferred-tasks.ts';
import type { FieldWorkTables } from './schema/field-work.ts';
import type { IdempotencyTables } from './schema/idempotency.ts';
import type { OperationsTables } from './schema/operations.ts';
import type { OutboxTables } from './schema/outbox.ts';
import type { PortalAccessTables } from './schema/portal-access.ts';
import type { RegistrationTables } from './schema/registration.ts';
import type { StaffFactorTables } from './schema/staff-factors.ts';
import type { TurnsTables } from './schema/turns.ts';

import type { Flag, IsoTimestamp, StaffRole } from './schema/columns.ts';

export type { Flag, IsoTimestamp, StaffRole };

export interface StaffMembersTable {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  passwordHash: string | null;
  mustChangePassword: Flag;
  createdAt: IsoTimestamp;
  deactivatedAt: IsoTimestamp | null;
}

export type SessionKind = 'staff' | 'customer' | 'pro';

export interface SessionsTable {
  /** HMAC of the cookie value; the raw value is never stored. */
  idHash: string;
  /** Shown to the session's owner (signed-in devices) and used to end that one session. */
  publicId: string;
  kind: SessionKind;
  subjectId: string;
  /** Staff member viewing the portal as a customer ("view portal as this contact"). */
  impersonatorStaffId: string | null;
  /** Restricted session: only the password change is allowed. */
  mustChangePassword: Flag;
  createdAt: IsoTimestamp;
  lastSeenAt: IsoTimestamp;
  expiresAt: IsoTimestamp;
  ipAddress: string | null;
  userAgent: string | null;
  /** Staff only: 'pending' until the second factor is given, 'enrol' while one must be set up. */
  secondFactor: SessionSecondFactor | null;
  /** When the strongest factor this person has was last presented (step-up). */
  reauthenticatedAt: IsoTimestamp | null;
}

export type SessionSecondFactor = 'pending' | 'enrol';

export interface LoginThrottlesTable {
  key: string;
  failures: number;
  lockedUntil: IsoTimestamp | null;
  lastFailureAt: IsoTimestamp;
}

export interface AuditEventsTable {
  id: string;
  occurredAt: IsoTimestamp;
  actorKind: 'staff' | 'customer' | 'pro' | 'system' | 'anonymous';
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  accountId: string | null;
  beforeJson: string | null;
  afterJson: string | null;
  ipAddress: string | null;
  requestId: string | null;
}

export type OnboardingState = 'not_started' | 'in_progress' | 'complete';
export type NotificationChannel = 'email' | 'sms' | 'none';

export type AccountKind = 'management_company' | 'property';
export type AccountStatus = 'prospect' | 'current' | 'inactive';

export interface AccountsTable {
  id: string;
  kind: AccountKind;
  /** A property may belong to a management company. */
  parentAccountId: string | null;
  name: string;
  accountNumber: string;
  status: AccountStatus;
  portalAccessEnabled: Flag;
  addressLine1: string | null;
  addressLine2: string | null;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  /** Keyed hash of the normalized portal key (features/customers/portal-key.ts). */
  portalKeyHash: string | null;
  /** The portal key sealed with AES-256-GCM, so staff can reveal it and letters can merge it. */
  portalKeySealed: string | null;
  portalKeyRotatedAt: IsoTimestamp | null;
  /** Set by the onboard session: started at the first answer, complete once the Closing is recorded. */
  onboardingState: OnboardingState;
  onboardCompletedAt: IsoTimestamp | null;
  onboardCompletedByStaffId: string | null;
  createdAt: IsoTimestamp;
  updatedAt: IsoTimestamp;
  /** Added to on every write; an edit based on an older version is refused. Set by the database on insert. */
  version?: number;
}

export interface ContactsTable {
  id: string;
  firstName: string;
  lastName: string;
  title: string | null;
  phone: string | null;
  /** The property being onboarded, or the management company when linked to several. */
  mainAccountId: string | null;
  /** Set when this contact is a staff member's own record ("Add your contact to the All Contacts subgrid"). */
  staffMemberId: string | null;
  /** How turn and approval messages reach this contact. */
  notificationChannel: NotificationChannel;
  /** Portal permission to reschedule, remove a service or cancel a turn; ordering and viewing need none. */
  mayChangeSchedule: Flag;
  createdAt: IsoTimestamp;
  updatedAt: IsoTimestamp;
  /** Added to on every write; an edit based on an older version is refused. Set by the database on insert. */
  version?: number;
}

export interface ContactEmailsTable {
  id: string;
  contactId: string;
  email: string;
  /** trim + lowercase, for matching and uniqueness checks. */
  emailNormalized: string;
  kind: 'primary' | 'other';
  createdAt: IsoTimestamp;
}

export interface AccountContactsTable {
  accountId: string;
  contactId: string;
  createdAt: IsoTimestamp;
}

/**
 * Each area keeps its tables in db/schema/<area>.ts so parallel work never edits one shared list.
 */
export interface Database
  extends OutboxTables,
    BackOfficeTables,
    CatalogTables,
    PortalAccessTables,
    RegistrationTables,
    StaffFactorTables,
    TurnsTables,
    FieldWorkTables,
    OperationsTables,
    IdempotencyTables,
    DeferredTaskTables {
  staffMembers: StaffMembersTable;
  sessions: SessionsTable;
  loginThrottles: LoginThrottlesTable;
  auditEvents: AuditEventsTable;
  accounts: AccountsTable;
  contacts: ContactsTable;
  contactEmails: ContactEmailsTable;
  accountContacts: AccountContactsTable;
}
