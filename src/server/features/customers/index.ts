import type { BaseDeps } from '../../deps.ts';
import type { AccountHooks } from './account-hooks.ts';

/** Customer accounts (management companies and properties), contacts and service profiles. */
export function createCustomersFeature(_deps: BaseDeps & { accountHooks: AccountHooks }) {
  return {};
}
