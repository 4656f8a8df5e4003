import type { FastifyBaseLogger } from 'fastify';
import { createBaseDeps } from './base-deps.ts';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { DatabaseHandle } from './db/database.ts';
import { createCatalogFeature } from './features/catalog/index.ts';
import { createCustomersFeature } from './features/customers/index.ts';
import { createNotificationsFeature } from './features/notifications/index.ts';
import { createPortalAccessFeature } from './features/portal-access/index.ts';
import { createRegistrationFeature } from './features/registration/index.ts';
import { findStaffById } from './features/staff/staff-repository.ts';
import { createOnboardingFeature } from './features/onboarding/index.ts';
import { createTurnsFeature } from './features/turns/index.ts';

/** The composition root: every service is built here from plain arguments, once. */
export function createDeps(
  config: Config,
  options: { clock?: Clock; database?: DatabaseHandle; logger: FastifyBaseLogger },
) {
  const base = createBaseDeps(config, options);
  const notifications = createNotificationsFeature(base);
  const portalAccess = createPortalAccessFeature(base);
  const customers = createCustomersFeature({ ...base, accountHooks: portalAccess.accountHooks });
  const catalog = createCatalogFeature(base);
  customers.accounts.registerOnboardingCheckProvider(catalog.onboardingChecks);
  const registration = createRegistrationFeature({ ...base, portalLogins: portalAccess });
  const turns = createTurnsFeature({ ...base, catalog, customers });
  const onboarding = createOnboardingFeature({ ...base, customers, catalog });

  return {
    ...base,
    notifications,
    portalAccess,
    customers,
    catalog,
    registration,
    turns,
    onboarding,
    findStaff: (id: string) => findStaffById(base.db, id),
    resolveCustomer: portalAccess.resolveCustomer,
  };
}

export type Deps = ReturnType<typeof createDeps>;
