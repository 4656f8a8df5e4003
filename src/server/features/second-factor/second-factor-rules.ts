import { STEP_UP_WINDOW_SECONDS } from '../../../shared/second-factor-contracts.ts';
import type { StaffRole } from '../../db/database-schema.ts';

export const RECOVERY_CODE_COUNT = 10;
export const WEBAUTHN_CHALLENGE_SECONDS = 5 * 60;

export const STAFF_ROLES: StaffRole[] = ['admin', 'psm', 'support'];

export function isFresh(reauthenticatedAt: string | null, now: Date): boolean {
  if (!reauthenticatedAt) return false;
  const age = now.getTime() - new Date(reauthenticatedAt).getTime();
  return age >= 0 && age <= STEP_UP_WINDOW_SECONDS * 1000;
}

/**
 * Whether a role must use a second factor. An admin's explicit choice wins; without one, admins must
 * once any admin has enrolled (so the first admin is never locked out of a fresh install).
 */
export function isSecondFactorRequired(
  role: StaffRole,
  explicit: Partial<Record<StaffRole, boolean>>,
  anAdminHasEnrolled: boolean,
): boolean {
  const choice = explicit[role];
  if (choice !== undefined) return choice;
  return role === 'admin' && anAdminHasEnrolled;
}

/** Recovery codes are compared without the spaces and dashes people type or copy with them. */
export function normalizeRecoveryCode(code: string): string {
  return code.replace(/[\s-]/g, '');
}

export function formatRecoveryCode(raw: string): string {
  return raw.match(/.{1,5}/g)!.join('-');
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

export interface WebAuthnOrigin {
  origin: string;
  rpId: string;
}

/**
 * Where passkeys may be used. Browsers refuse an IP address as a relying party, so when the app is
 * served on a loopback address, http://localhost on the same port is where passkeys work.
 */
export function webAuthnOrigins(publicUrl: string): WebAuthnOrigin[] {
  const url = new URL(publicUrl);
  const origins: WebAuthnOrigin[] = [];
  if (!/^[\d.]+$/.test(url.hostname) && !url.hostname.startsWith('[')) {
    origins.push({ origin: url.origin, rpId: url.hostname });
  }
  if (LOOPBACK_HOSTS.has(url.hostname) && url.hostname !== 'localhost') {
    origins.push({ origin: `${url.protocol}//localhost${url.port ? `:${url.port}` : ''}`, rpId: 'localhost' });
  }
  return origins;
}
