import { IconBell, IconBuildingSkyscraper, IconHistory, IconMailForward, type Icon } from '@tabler/icons-react';

export interface ConsoleNavigationItem {
  label: string;
  to: string;
  icon: Icon;
}

/** The console's left navigation; each feature adds its entry here. */
export const consoleNavigation: ConsoleNavigationItem[] = [
  { label: 'Customers', to: '/console/customers', icon: IconBuildingSkyscraper },
  { label: 'Audit log', to: '/console/audit', icon: IconHistory },
  { label: 'Outbox', to: '/console/outbox', icon: IconMailForward },
  { label: 'Notifications', to: '/console/notifications', icon: IconBell },
];
