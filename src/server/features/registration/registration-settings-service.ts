import type { ActorContext } from '../../actor.ts';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import type { StaffRole } from '../../db/database-schema.ts';
import type { RegistrationStepAction, RegistrationStepsTable } from '../../db/schema/registration.ts';
import { AppError, fieldError } from '../../errors.ts';
import { newId } from '../../ids.ts';
import { recordAudit } from '../audit/index.ts';
import {
  countActiveStaffByRole,
  countOpenRequestsOnSteps,
  findSettings,
  listSteps,
  replaceSteps,
  updateSettings,
} from './registration-repository.ts';
import { checkStepList, STEP_LIST_PROBLEM_MESSAGES } from './registration-rules.ts';

export interface RegistrationSettingsInput {
  selfRegistrationEnabled: boolean;
  replyStaffRole: StaffRole;
  steps: Array<{ id: string | null; name: string; action: RegistrationStepAction }>;
}

/** The vendor's choices: whether visitors may sign up, who gets their replies, and the request steps. */
export function createRegistrationSettingsService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  async function read() {
    const [settings, steps, activeStaffByRole] = await Promise.all([
      findSettings(db),
      listSteps(db),
      countActiveStaffByRole(db),
    ]);
    return {
      selfRegistrationEnabled: settings.selfRegistrationEnabled === 1,
      replyStaffRole: settings.replyStaffRole,
      activeStaffByRole,
      steps,
    };
  }

  return {
    getSettings: read,

    async updateSettings(input: RegistrationSettingsInput, actor: ActorContext) {
      const problem = checkStepList(input.steps);
      if (problem) throw fieldError('steps', STEP_LIST_PROBLEM_MESSAGES[problem]);
      await db.transaction().execute(async (trx) => {
        const before = await findSettings(trx);
        const beforeSteps = await listSteps(trx);
        const knownIds = new Set(beforeSteps.map((step) => step.id));
        const unknown = input.steps.find((step) => step.id !== null && !knownIds.has(step.id));
        if (unknown) throw fieldError('steps', `The step "${unknown.name}" no longer exists. Reload the page.`);
        const keptIds = new Set(input.steps.map((step) => step.id).filter((id): id is string => id !== null));
        const removedIds = beforeSteps.filter((step) => !keptIds.has(step.id)).map((step) => step.id);
        if ((await countOpenRequestsOnSteps(trx, removedIds)) > 0) {
          throw new AppError(
            'conflict',
            'Some open requests are on a step you removed. Move them to another step first.',
            {
              fields: [{ path: 'steps', message: 'A removed step still has open requests.' }],
            },
          );
        }
        const now = clock.now().toISOString();
        const created = new Map(beforeSteps.map((step) => [step.id, step.createdAt]));
        // Positions follow the order of the submitted list.
        const steps: RegistrationStepsTable[] = input.steps.map((step, index) => ({
          id: step.id ?? newId(),
          position: index + 1,
          name: step.name.trim(),
          action: step.action,
          createdAt: (step.id && created.get(step.id)) || now,
        }));
        await replaceSteps(trx, steps, removedIds);
        await updateSettings(trx, {
          selfRegistrationEnabled: input.selfRegistrationEnabled ? 1 : 0,
          replyStaffRole: input.replyStaffRole,
          updatedAt: now,
        });
        await recordAudit(trx, clock, actor, {
          action: 'registration_settings.updated',
          subjectType: 'registration_settings',
          subjectId: null,
          before: {
            selfRegistrationEnabled: before.selfRegistrationEnabled === 1,
            replyStaffRole: before.replyStaffRole,
            steps: beforeSteps.map(({ name, action }) => ({ name, action })),
          },
          after: {
            selfRegistrationEnabled: input.selfRegistrationEnabled,
            replyStaffRole: input.replyStaffRole,
            steps: steps.map(({ name, action }) => ({ name, action })),
          },
        });
      });
      return read();
    },
  };
}
