import type { BaseDeps } from '../../base-deps.ts';
import type { AccountHooks } from './account-hooks.ts';
import { createBillingProfileService } from './billing-profile-service.ts';
import { createContactsService } from './contacts-service.ts';
import { createCustomersService } from './customers-service.ts';
import { createOnboardingStateService } from './onboarding-state-service.ts';

export type { AccountHooks } from './account-hooks.ts';
export type { OnboardingCheck, OnboardingCheckProvider } from './onboarding.ts';
export { insertAccountContact, insertContactEmail } from './contact-writes.ts';
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
  const billing = createBillingProfileService({ db: deps.db, clock: deps.clock });
  const onboardingState = createOnboardingStateService({ db: deps.db, clock: deps.clock });
  return { accounts, contacts, billing, onboardingState };
}

export type CustomersFeature = ReturnType<typeof createCustomersFeature>;
