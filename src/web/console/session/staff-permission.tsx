import { Tooltip } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { cloneElement, type ReactElement } from 'react';
import { permissionReason, type StaffPermission, staffMay } from '../../../shared/staff-permissions.ts';
import { staffSessionQuery } from './staff-session.ts';

/** Whether the signed-in staff member's role has a permission, and the reason shown when it does not. */
export function useStaffPermission(permission: StaffPermission): { allowed: boolean; reason: string } {
  const role = useSuspenseQuery(staffSessionQuery).data.staffMember.role;
  return { allowed: staffMay(role, permission), reason: permissionReason(role, permission) };
}

/**
 * A control the server would refuse (403) for this role: shown disabled, its tooltip saying why, so
 * support staff see what exists without pressing buttons that fail.
 */
export function RequiresPermission({
  permission,
  children,
  ...passThrough
}: {
  permission: StaffPermission;
  children: ReactElement<{ disabled?: boolean }>;
  // A parent such as Menu.Target hands its ref and handlers to its child: they go on to the control.
  [prop: string]: unknown;
}) {
  const { allowed, reason } = useStaffPermission(permission);
  if (allowed) return cloneElement(children, passThrough);
  return (
    <Tooltip label={reason} multiline maw={280} withArrow>
      {/* A disabled button fires no pointer events; the wrapper carries the tooltip. */}
      <span style={{ display: 'inline-flex' }} data-permission-denied={permission}>
        {cloneElement(children, { disabled: true })}
      </span>
    </Tooltip>
  );
}
