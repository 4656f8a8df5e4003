import type { ActorContext } from '../../actor.ts';
import type { Trx } from '../../db/database.ts';
import type { AccountsTable } from '../../db/database-schema.ts';

/**
 * What other features do, inside the same transaction, when staff change an account. The
 * portal-access feature implements the status and access ones (welcome emails on activation, ending
 * sessions when access is switched off), turns the move to another company; customers only calls them.
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
  afterParentChange(trx: Trx, change: { account: AccountsTable; previousParentId: string | null }): Promise<void>;
}
