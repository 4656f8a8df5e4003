import type { ActorContext } from '../../actor.ts';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import type { StaffRole } from '../../db/database-schema.ts';
import { recordAudit } from '../audit/index.ts';
import * as repo from './second-factor-repository.ts';
import { isSecondFactorRequired, STAFF_ROLES } from './second-factor-rules.ts';

/** Which staff roles must use a second factor: the explicit choices, else the defaults of the rules. */
export function createSecondFactorPolicy({ db, clock }: { db: Db; clock: Clock }) {
  async function policy() {
    const explicit = await repo.explicitPolicies(db);
    const anAdminHasEnrolled = await repo.anyAdminHasFactor(db);
    return {
      roles: STAFF_ROLES.map((role) => ({
        role,
        required: isSecondFactorRequired(role, explicit, anAdminHasEnrolled),
        explicit: explicit[role] !== undefined,
      })),
    };
  }

  return {
    policy,

    async setPolicy(role: StaffRole, required: boolean, actor: ActorContext) {
      await repo.upsertPolicy(db, role, required, clock.now().toISOString(), actor.actorId ?? 'system');
      await recordAudit(db, clock, actor, {
        action: 'staff.second_factor_policy_changed',
        subjectType: 'staff_role',
        subjectId: role,
        after: { required },
      });
      return policy();
    },
  };
}
