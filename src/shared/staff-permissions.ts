import type { z } from 'zod';
import type { StaffRoleSchema } from './staff-contracts.ts';

type StaffRole = z.infer<typeof StaffRoleSchema>;

/**
 * The staff roles behind each permission (SECURITY.md E): the server's route declarations and the
 * console's disabled controls read the same lists.
 */
export const STAFF_PERMISSION_ROLES = {
  /** Customer setup, taking over a customer's sign-in, the audit log. */
  customerSetup: ['admin', 'psm'],
  /** Templates, notification switches, registration settings, the second-factor rule. */
  admin: ['admin'],
} as const satisfies Record<string, readonly StaffRole[]>;

export type StaffPermission = keyof typeof STAFF_PERMISSION_ROLES;

export function staffMay(role: StaffRole, permission: StaffPermission): boolean {
  return (STAFF_PERMISSION_ROLES[permission] as readonly StaffRole[]).includes(role);
}

/** Why a control is off, shown as its tooltip. */
export function permissionReason(role: StaffRole, permission: StaffPermission): string {
  return permission === 'admin'
    ? `Only admins can do this (your role: ${role}).`
    : `Your role (${role}) cannot change customer setup or a customer's sign-in. Ask a PSM or an admin.`;
}
