import type { BaseDeps } from '../../base-deps.ts';
import type { AccountHooks } from './account-hooks.ts';
import { createContactsService } from './contacts-service.ts';
import { createCustomersService } from './customers-service.ts';

export type { AccountHooks } from './account-hooks.ts';
export type { OnboardingCheck, OnboardingCheckProvider } from './onboarding.ts';
export { findAccountByPortalKey, revealPortalKey } from './portal-key.ts';

/** Customer accounts (management companies and properties), contacts, portal keys and the onboarding checklist. */
export function createCustomersFeature(deps: BaseDeps & { accountHooks: AccountHooks }) {
  const accounts = createCustomersService({
    db: deps.db,
    clock: deps.clock,
    secretKey: deps.config.secretKey,
    accountHooks: deps.accountHooks,
  });
  const contacts = createContactsService({ db: deps.db, clock: deps.clock });
  return { accounts, contacts };
}

export type CustomersFeature = ReturnType<typeof createCustomersFeature>;
