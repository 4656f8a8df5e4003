import {
  IconBell,
  IconBuildingSkyscraper,
  IconHammer,
  IconHistory,
  IconLayoutKanban,
  IconMailForward,
  IconTool,
  IconUserPlus,
  IconUsersGroup,
  type Icon,
} from '@tabler/icons-react';
import type { StaffPermission } from '../../shared/staff-permissions.ts';

export interface ConsoleNavigationItem {
  label: string;
  to: string;
  icon: Icon;
  /** Left out for roles the server refuses this page's data to. */
  permission?: StaffPermission;
}

/** The console's left navigation; each feature adds its entry here. */
export const consoleNavigation: ConsoleNavigationItem[] = [
  { label: 'Customers', to: '/console/customers', icon: IconBuildingSkyscraper },
  { label: 'Turns desk', to: '/console/turns', icon: IconLayoutKanban },
  { label: 'Registrations', to: '/console/registrations', icon: IconUserPlus },
  { label: 'Services', to: '/console/services', icon: IconTool },
  { label: 'Pros', to: '/console/pros', icon: IconUsersGroup },
  { label: 'Rework desk', to: '/console/rework', icon: IconHammer },
  { label: 'Outbox', to: '/console/outbox', icon: IconMailForward },
  { label: 'Notifications', to: '/console/notifications', icon: IconBell },
  { label: 'Audit log', to: '/console/audit', icon: IconHistory, permission: 'customerSetup' },
];
