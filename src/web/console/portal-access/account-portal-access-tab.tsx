import type { AccountTab } from '../customers/account-tab.ts';
import { AccountPortalAccessPanel } from './account-portal-access-panel.tsx';

/** Account page tabs owned by the portal-access feature. */
export const accountPortalAccessTabs: AccountTab[] = [
  { value: 'portal-access', label: 'Portal access', component: AccountPortalAccessPanel },
];
