import type { ActorContext } from '../../actor.ts';
import type { Trx } from '../../db/database.ts';
import type { AccountsTable } from '../../db/database-schema.ts';

/**
 * What other features do, inside the same transaction, when staff change an account. The
 * portal-access feature implements these (welcome emails on activation, ending sessions when access
 * is switched off); customers only calls them.
 */
export interface AccountHooks {
  afterStatusChange(
    trx: Trx,
    change: { account: AccountsTable; previousStatus: AccountsTable['status']; actor: ActorContext },
  ): Promise<void>;
  afterPortalAccessChange(
    trx: Trx,
    change: { account: AccountsTable; enabled: boolean; actor: ActorContext },
  ): Promise<void>;
}
