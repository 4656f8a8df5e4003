import type { BaseDeps } from '../../base-deps.ts';
import { type PurgeLimits, purgeInBatches } from '../../db/purge-batches.ts';
import type { CustomerResolver } from '../../http/access.ts';
import type { AccountHooks } from '../customers/index.ts';
import { createAccessLinksService, PASSWORD_RESET_TASK } from './access-links-service.ts';
import { createCustomerSessionsService } from './customer-sessions-service.ts';
import { createPortalAccessCommon } from './portal-access-common.ts';
import { createPortalAccessHooks } from './portal-access-hooks.ts';
import { deleteAccessTokensExpiredBefore } from './portal-access-repository.ts';
import { createStaffAccessService } from './staff-access-service.ts';
import { createStaffCredentialsService } from './staff-credentials-service.ts';

/** The per-recipient limit on access messages (one per kind a minute, five an hour); pro links obey it too. */
export { sendWaitSeconds } from './portal-access-rules.ts';

/** Customer portal sign-in, one-time links and the staff tools around portal access. */
export function createPortalAccessFeature(deps: BaseDeps) {
  const common = createPortalAccessCommon(deps);
  const customerSessions = createCustomerSessionsService(deps, common);
  const hooks = createPortalAccessHooks(deps, common);

  const resolveCustomer: CustomerResolver = (session) => customerSessions.principalFor(session);

  const accountHooks: Pick<AccountHooks, 'afterStatusChange' | 'afterPortalAccessChange'> = {
    async afterStatusChange(trx, { account, previousStatus, actor }) {
      if (account.status === 'current' && previousStatus !== 'current')
        await hooks.afterAccountBecameCurrent(trx, account, { actor });
      if (account.status === 'inactive') await hooks.afterAccountBecameInactive(trx, account, { actor });
    },
    async afterPortalAccessChange(trx, { account, enabled, actor }) {
      await hooks.afterAccountAccessChange(trx, account, enabled, { actor });
    },
  };

  const links = createAccessLinksService(deps, common);

  return {
    customerSessions,
    links,
    /** Work its public endpoints hand to the background (see tasks/deferred-tasks.ts). */
    deferredTasks: { [PASSWORD_RESET_TASK]: links.runPasswordResetTask },
    staffAccess: createStaffAccessService(deps, common),
    staffCredentials: createStaffCredentialsService(deps, common),
    resolveCustomer,
    accountHooks,
    /** Retention: one-time links expired before `before`. */
    purgeExpiredLinks: (before: string, limits: PurgeLimits) =>
      purgeInBatches(limits, (limit) => deleteAccessTokensExpiredBefore(deps.db, before, limit)),
    // The surface self-registration builds on.
    createSelfRegisteredLogin: hooks.createSelfRegisteredLogin,
    findLoginByPortalEmail: hooks.findLoginByPortalEmail,
    issueCredentialCreateLink: hooks.issueCredentialCreateLink,
  };
}
