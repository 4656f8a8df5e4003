import type { AccountTab } from '../customers/account-tab.ts';

/** Account page tabs owned by the catalog feature (services, pricing, floorplans, units, pros). */
export const accountCatalogTabs: AccountTab[] = [];
