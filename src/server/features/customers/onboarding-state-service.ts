import type { ActorContext } from '../../actor.ts';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import type { OnboardingState } from '../../db/database-schema.ts';
import { notFound } from '../../errors.ts';
import { recordAudit } from '../audit/index.ts';
import { findAccountById, updateAccountRow } from './customers-repository.ts';

/** The account's onboarding state, which the onboard session moves and the customers list filters on. */
export function createOnboardingStateService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  async function getOnboardingState(accountId: string) {
    const row = await db
      .selectFrom('accounts')
      .leftJoin('staffMembers', 'staffMembers.id', 'accounts.onboardCompletedByStaffId')
      .select([
        'accounts.onboardingState',
        'accounts.onboardCompletedAt',
        'accounts.onboardCompletedByStaffId',
        'staffMembers.name as completedByName',
      ])
      .where('accounts.id', '=', accountId)
      .executeTakeFirst();
    if (!row) throw notFound('Account');
    return {
      state: row.onboardingState,
      completedAt: row.onboardCompletedAt,
      completedByName: row.completedByName ?? null,
    };
  }

  return {
    getOnboardingState,

    /** "complete" records the date and the staff member; moving back (an answer reopened) clears them. */
    async recordOnboardingState(accountId: string, state: OnboardingState, actor: ActorContext) {
      await db.transaction().execute(async (trx) => {
        const account = await findAccountById(trx, accountId);
        if (!account) throw notFound('Account');
        if (account.onboardingState === state) return;
        const completing = state === 'complete';
        const now = clock.now().toISOString();
        await updateAccountRow(trx, accountId, {
          onboardingState: state,
          onboardCompletedAt: completing ? now : null,
          onboardCompletedByStaffId: completing && actor.actorKind === 'staff' ? actor.actorId : null,
        });
        await recordAudit(trx, clock, actor, {
          action: completing ? 'account.onboard_completed' : 'account.onboarding_state_changed',
          subjectType: 'account',
          subjectId: accountId,
          accountId,
          before: { onboardingState: account.onboardingState },
          after: { onboardingState: state },
        });
      });
      return getOnboardingState(accountId);
    },
  };
}
