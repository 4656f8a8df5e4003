import type { BaseDeps } from '../../deps.ts';
import type { CustomerResolver } from '../../http/access.ts';
import type { AccountHooks } from '../customers/account-hooks.ts';

/** Customer portal sign-in, one-time links and the staff tools around portal access. */
export function createPortalAccessFeature(_deps: BaseDeps) {
  const resolveCustomer: CustomerResolver = async () => null;
  const accountHooks: AccountHooks = {
    afterStatusChange: async () => undefined,
    afterPortalAccessChange: async () => undefined,
  };
  return { resolveCustomer, accountHooks };
}
