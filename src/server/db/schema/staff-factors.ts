import type { Flag, IsoTimestamp, StaffRole } from './columns.ts';

export interface StaffTotpFactorsTable {
  staffId: string;
  /** AES-256-GCM with a key derived from SECRET_KEY; the staff id is the associated data. */
  secretSealed: string;
  /** Null until the first code is entered; an unconfirmed secret is not a factor. */
  confirmedAt: IsoTimestamp | null;
  /** The last accepted 30-second step: a code is accepted once. */
  lastTimeStep: number | null;
  createdAt: IsoTimestamp;
}

export interface StaffRecoveryCodesTable {
  id: string;
  staffId: string;
  /** HMAC-SHA-256 of the code (about 116 bits, so a keyed fast hash is enough). */
  codeHash: string;
  usedAt: IsoTimestamp | null;
  createdAt: IsoTimestamp;
}

export interface StaffPasskeysTable {
  /** The credential id, base64url. */
  id: string;
  staffId: string;
  rpId: string;
  /** COSE public key, base64url. */
  publicKey: string;
  counter: number;
  transportsJson: string | null;
  name: string;
  createdAt: IsoTimestamp;
  lastUsedAt: IsoTimestamp | null;
}

export type WebAuthnChallengePurpose = 'register' | 'second_factor' | 'sign_in';

export interface StaffWebauthnChallengesTable {
  challenge: string;
  purpose: WebAuthnChallengePurpose;
  staffId: string | null;
  rpId: string;
  expiresAt: IsoTimestamp;
}

export interface StaffSecondFactorPoliciesTable {
  role: StaffRole;
  required: Flag;
  updatedAt: IsoTimestamp;
  updatedBy: string | null;
}

export interface StaffFactorTables {
  staffTotpFactors: StaffTotpFactorsTable;
  staffRecoveryCodes: StaffRecoveryCodesTable;
  staffPasskeys: StaffPasskeysTable;
  staffWebauthnChallenges: StaffWebauthnChallengesTable;
  staffSecondFactorPolicies: StaffSecondFactorPoliciesTable;
}
