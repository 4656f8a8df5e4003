import type { AccountTab } from '../customers/account-tab.ts';
import { AccountServicesTab } from './account-services-tab.tsx';
import { PricingTab } from './pricing-tab.tsx';
import { ProPreferencesTab } from './pro-preferences-tab.tsx';
import { ServiceProfileTab } from './service-profile-tab.tsx';
import { UnitsTab } from './units-tab.tsx';

/** Account page tabs owned by the catalog feature (services, pricing, floorplans, units, pros). */
export const accountCatalogTabs: AccountTab[] = [
  { value: 'service-profile', label: 'Service profile', component: ServiceProfileTab },
  { value: 'services', label: 'Services', component: AccountServicesTab },
  { value: 'pricing', label: 'Pricing & floorplans', component: PricingTab },
  { value: 'units', label: 'Units', kinds: ['property'], component: UnitsTab },
  { value: 'pros', label: 'Pros', kinds: ['property'], component: ProPreferencesTab },
];
