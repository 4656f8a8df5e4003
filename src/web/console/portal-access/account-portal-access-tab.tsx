import type { AccountTab } from '../customers/account-tab.ts';

/** Account page tabs owned by the portal-access feature. */
export const accountPortalAccessTabs: AccountTab[] = [];
