import { IconBuildingSkyscraper, IconHistory, IconUserPlus, type Icon } from '@tabler/icons-react';

export interface ConsoleNavigationItem {
  label: string;
  to: string;
  icon: Icon;
}

/** The console's left navigation; each feature adds its entry here. */
export const consoleNavigation: ConsoleNavigationItem[] = [
  { label: 'Customers', to: '/console/customers', icon: IconBuildingSkyscraper },
  { label: 'Registrations', to: '/console/registrations', icon: IconUserPlus },
  { label: 'Audit log', to: '/console/audit', icon: IconHistory },
];
