import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import { createBaseDeps } from './base-deps.ts';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { DatabaseHandle } from './db/database.ts';
import { createCatalogFeature } from './features/catalog/index.ts';
import { type AccountHooks, createCustomersFeature } from './features/customers/index.ts';
import { createFieldFeature } from './features/field/index.ts';
import { createIdempotencyService } from './features/idempotency/index.ts';
import { createNotificationsFeature } from './features/notifications/index.ts';
import { createPhotosFeature } from './features/photos/index.ts';
import { createPortalAccessFeature } from './features/portal-access/index.ts';
import { createProAccessFeature } from './features/pro-access/index.ts';
import { createRegistrationFeature } from './features/registration/index.ts';
import { recordAudit } from './features/audit/index.ts';
import { createOnboardingFeature } from './features/onboarding/index.ts';
import { findStaffById } from './features/staff/index.ts';
import { createTurnsFeature, turnAccountHooks } from './features/turns/index.ts';
import { actorOf } from './http/access.ts';
import { createDeferredTaskRunner } from './tasks/deferred-tasks.ts';

/** The composition root: every service is built here from plain arguments, once. */
export function createDeps(
  config: Config,
  options: { clock?: Clock; database?: DatabaseHandle; logger: FastifyBaseLogger },
) {
  const base = createBaseDeps(config, options);
  const notifications = createNotificationsFeature(base);
  const portalAccess = createPortalAccessFeature(base);
  // What customers runs inside its transactions when staff change an account, from the features it serves.
  const accountHooks: AccountHooks = { ...portalAccess.accountHooks, ...turnAccountHooks };
  const customers = createCustomersFeature({ ...base, accountHooks });
  const catalog = createCatalogFeature(base);
  customers.accounts.registerOnboardingCheckProvider(catalog.onboardingChecks);
  const registration = createRegistrationFeature({ ...base, portalLogins: portalAccess });
  const turns = createTurnsFeature({ ...base, catalog, customers });
  const onboarding = createOnboardingFeature({ ...base, customers, catalog });
  const proAccess = createProAccessFeature({ ...base, catalog });
  const photos = createPhotosFeature(base);
  const field = createFieldFeature({ ...base, turns, photos, catalog });
  const idempotency = createIdempotencyService(base);
  const deferredTasks = createDeferredTaskRunner({
    db: base.db,
    databaseKind: base.database.kind,
    clock: base.clock,
    logger: base.logger,
    handlers: { ...portalAccess.deferredTasks, ...registration.deferredTasks },
  });

  return {
    ...base,
    notifications,
    portalAccess,
    accountHooks,
    customers,
    catalog,
    registration,
    turns,
    onboarding,
    proAccess,
    photos,
    field,
    idempotency,
    deferredTasks,
    findStaff: (id: string) => findStaffById(base.db, id),
    now: () => base.clock.now(),
    recordStepUpReason: (request: FastifyRequest, reason: string) =>
      recordAudit(base.db, base.clock, actorOf(request), {
        action: 'staff.step_up_reason',
        subjectType: 'operation',
        subjectId: request.routeOptions.schema?.operationId ?? request.routeOptions.url ?? null,
        accountId: accountIdParam(request.params),
        after: { reason, params: request.params as Record<string, unknown> },
      }),
    resolveCustomer: portalAccess.resolveCustomer,
    resolvePro: proAccess.resolvePro,
  };
}

export type Deps = ReturnType<typeof createDeps>;

function accountIdParam(params: unknown): string | null {
  const value = (params as Record<string, unknown> | undefined)?.accountId;
  return typeof value === 'string' ? value : null;
}
