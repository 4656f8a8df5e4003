import type { BaseDeps } from '../../base-deps.ts';
import type { CustomerResolver } from '../../http/access.ts';
import type { AccountHooks } from '../customers/index.ts';
import { createPortalAccessService } from './portal-access-service.ts';

/** The per-recipient limit on access messages (one per kind a minute, five an hour); pro links obey it too. */
export { sendWaitSeconds } from './portal-access-rules.ts';

/** Customer portal sign-in, one-time links and the staff tools around portal access. */
export function createPortalAccessFeature(deps: BaseDeps) {
  const service = createPortalAccessService(deps);

  const resolveCustomer: CustomerResolver = (session) => service.principalFor(session);

  const accountHooks: AccountHooks = {
    async afterStatusChange(trx, { account, previousStatus, actor }) {
      if (account.status === 'current' && previousStatus !== 'current')
        await service.afterAccountBecameCurrent(trx, account, { actor });
    },
    async afterPortalAccessChange(trx, { account, enabled, actor }) {
      await service.afterAccountAccessChange(trx, account, enabled, { actor });
    },
  };

  return {
    service,
    resolveCustomer,
    accountHooks,
    // The surface registration (issue 6) builds on.
    createSelfRegisteredLogin: service.createSelfRegisteredLogin,
    findLoginByPortalEmail: service.findLoginByPortalEmail,
    issueCredentialCreateLink: service.issueCredentialCreateLink,
  };
}

export type PortalAccessFeature = ReturnType<typeof createPortalAccessFeature>;
