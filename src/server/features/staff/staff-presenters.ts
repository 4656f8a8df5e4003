import type { SessionsTable, StaffMembersTable } from '../../db/database-schema.ts';

export function presentStaffMember(staff: StaffMembersTable) {
  return { id: staff.id, email: staff.email, name: staff.name, role: staff.role };
}

export function presentStaffSession(
  staff: StaffMembersTable,
  session: Pick<SessionsTable, 'mustChangePassword'>,
  secondFactor: {
    secondFactor: 'pending' | 'enrol' | null;
    reauthenticatedUntil: string | null;
    hasSecondFactor: boolean;
  },
) {
  return {
    staffMember: presentStaffMember(staff),
    mustChangePassword: session.mustChangePassword === 1,
    ...secondFactor,
  };
}
