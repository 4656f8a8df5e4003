import type { Flag, IsoTimestamp } from './columns.ts';

/** One portal login per contact; the contact signs in with its username or its portal email. */
export interface PortalLoginsTable {
  id: string;
  contactId: string;
  /** As the customer typed it; null until chosen (the "no username" state). */
  username: string | null;
  /** Lowercased, unique; sign-in is case-insensitive. */
  usernameNormalized: string | null;
  portalEmail: string;
  portalEmailNormalized: string;
  /** Null until the customer (or staff, temporarily) sets a password: "not activated". */
  passwordHash: string | null;
  passwordChangedAt: IsoTimestamp | null;
  /**
   * Random; replaced whenever the credentials or the access change (password, email, deactivation,
   * username deleted). Copied into every link at issue; a link whose copy no longer matches is dead.
   */
  securityStamp: string;
  mustChangePassword: Flag;
  temporaryPasswordExpiresAt: IsoTimestamp | null;
  /** Self-registered logins stay unusable until the portal email is verified. */
  emailVerificationRequired: Flag;
  emailVerifiedAt: IsoTimestamp | null;
  /** The contact's "portal access" switch. */
  enabled: Flag;
  deactivatedAt: IsoTimestamp | null;
  lastSignInAt: IsoTimestamp | null;
  createdAt: IsoTimestamp;
  updatedAt: IsoTimestamp;
}

export type AccessTokenPurpose =
  | 'credential_create'
  | 'password_reset'
  | 'login_link'
  | 'welcome'
  | 'email_verification';

/** A one-time emailed link; only the keyed hash of its secret is stored. */
export interface AccessTokensTable {
  id: string;
  purpose: AccessTokenPurpose;
  tokenHash: string;
  loginId: string;
  contactId: string;
  createdByStaffId: string | null;
  /** The login's securityStamp when issued. */
  securityStamp: string;
  createdAt: IsoTimestamp;
  expiresAt: IsoTimestamp;
  openedAt: IsoTimestamp | null;
  consumedAt: IsoTimestamp | null;
  supersededAt: IsoTimestamp | null;
}

export type AccessEventKind =
  | 'access_granted'
  | 'access_revoked'
  | 'portal_email_changed'
  | 'link_sent'
  | 'link_opened'
  | 'link_used'
  | 'link_rejected'
  | 'signed_in'
  | 'sign_in_failed'
  | 'locked'
  | 'unlocked'
  | 'password_changed'
  | 'temporary_password_set'
  | 'username_changed'
  | 'username_deleted'
  | 'account_access_off'
  | 'viewed_as';

/** The per-contact access timeline staff read when troubleshooting. */
export interface AccessEventsTable {
  id: string;
  contactId: string;
  loginId: string | null;
  kind: AccessEventKind;
  purpose: AccessTokenPurpose | null;
  accessTokenId: string | null;
  actorKind: 'staff' | 'customer' | 'system' | 'anonymous';
  actorId: string | null;
  ipAddress: string | null;
  userAgent: string | null;
  detail: string | null;
  occurredAt: IsoTimestamp;
}

/** Tables for portal logins, one-time links, access events. */
export interface PortalAccessTables {
  portalLogins: PortalLoginsTable;
  accessTokens: AccessTokensTable;
  accessEvents: AccessEventsTable;
}
