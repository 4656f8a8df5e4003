import type { ActorContext } from '../../actor.ts';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import type { Flag } from '../../db/database-schema.ts';
import type { ServiceProfilesTable } from '../../db/schema/catalog.ts';
import { fieldError, notFound } from '../../errors.ts';
import type { UpdateServiceProfileBody } from '../../../shared/catalog-contracts.ts';
import { recordAudit, refuseStaleEdit } from '../audit/index.ts';
import { findAccount, findContactName, findLinkedContact, listLinkedContacts } from './catalog-repository.ts';
import { normalizeApprovalLimit, requirePhoneOrNull } from './catalog-rules.ts';
import { listAccountServices } from './service-catalog-repository.ts';
import { findServiceProfile, listTurnProfileServiceIds, saveServiceProfile } from './service-profile-repository.ts';

type PolicyFlag = 'addonPhotosRequired' | 'proRequestsDirect';
type Window = 'addonEscalationMinutes' | 'poReminderDays';
type ServiceProfileInput = {
  [Key in Exclude<keyof UpdateServiceProfileBody, PolicyFlag | Window>]-?: Exclude<
    UpdateServiceProfileBody[Key],
    undefined
  >;
} & Partial<Record<PolicyFlag, boolean>> &
  Partial<Record<Window, number>>;

function flagOf(value: boolean | undefined, current: Flag): Flag {
  if (value === undefined) return current;
  return value ? 1 : 0;
}

// The columns' defaults: an hour on the main approver, a PO reminder every three days.
const DEFAULT_ESCALATION_MINUTES = 60;
const DEFAULT_PO_REMINDER_DAYS = 3;

export function createServiceProfileService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  async function read(accountId: string) {
    if (!(await findAccount(db, accountId))) throw notFound('Account');
    const profile = await findServiceProfile(db, accountId);
    const turnProfileServiceIds = await listTurnProfileServiceIds(db, accountId);
    const mainApproverName = profile?.mainApproverContactId
      ? await findContactName(db, profile.mainApproverContactId)
      : null;
    return {
      accountId,
      exists: Boolean(profile),
      turnProfileAllServices: profile ? profile.turnProfileAllServices === 1 : true,
      turnProfileServiceIds,
      addonApprovalMethod: profile?.addonApprovalMethod ?? 'customer_approves',
      addonAutoApproveLimitCents: profile?.addonAutoApproveLimitCents ?? null,
      backupNotificationPhone: profile?.backupNotificationPhone ?? null,
      mainApproverContactId: profile?.mainApproverContactId ?? null,
      mainApproverName,
      addonPhotosRequired: profile ? profile.addonPhotosRequired === 1 : false,
      proRequestsDirect: profile ? profile.proRequestsDirect === 1 : true,
      addonEscalationMinutes: profile?.addonEscalationMinutes ?? DEFAULT_ESCALATION_MINUTES,
      poReminderDays: profile?.poReminderDays ?? DEFAULT_PO_REMINDER_DAYS,
      approverOptions: await listLinkedContacts(db, accountId),
      updatedAt: profile?.updatedAt ?? null,
      /** 0 until the profile is first saved. */
      version: profile?.version ?? 0,
    } as const;
  }

  return {
    getServiceProfile: read,

    /** Validates every field first (phone, approver, limit, services), then writes the profile in one transaction. */
    async updateServiceProfile(
      accountId: string,
      input: ServiceProfileInput,
      actor: ActorContext,
      basedOnVersion?: number,
    ) {
      const before = await read(accountId);
      const backupNotificationPhone = requirePhoneOrNull('backupNotificationPhone', input.backupNotificationPhone);
      const addonAutoApproveLimitCents = normalizeApprovalLimit(
        input.addonApprovalMethod,
        input.addonAutoApproveLimitCents,
      );
      if (input.mainApproverContactId && !(await findLinkedContact(db, accountId, input.mainApproverContactId))) {
        throw fieldError('mainApproverContactId', 'Choose a contact linked to this account');
      }
      const standardServiceIds = new Set(
        (await listAccountServices(db, accountId))
          .filter((service) => service.kind === 'standard')
          .map((service) => service.id),
      );
      const turnProfileServiceIds = input.turnProfileAllServices ? [] : [...new Set(input.turnProfileServiceIds)];
      if (turnProfileServiceIds.some((serviceId) => !standardServiceIds.has(serviceId))) {
        throw fieldError('turnProfileServiceIds', 'Choose standard services offered to this account');
      }
      if (!input.turnProfileAllServices && turnProfileServiceIds.length === 0) {
        throw fieldError('turnProfileServiceIds', 'Choose at least one service, or use ALL services');
      }
      const now = clock.now().toISOString();
      const existing = await findServiceProfile(db, accountId);
      const profile: ServiceProfilesTable = {
        accountId,
        turnProfileAllServices: input.turnProfileAllServices ? 1 : 0,
        addonApprovalMethod: input.addonApprovalMethod,
        addonAutoApproveLimitCents,
        backupNotificationPhone,
        mainApproverContactId: input.mainApproverContactId,
        addonPhotosRequired: flagOf(input.addonPhotosRequired, existing?.addonPhotosRequired ?? 0),
        proRequestsDirect: flagOf(input.proRequestsDirect, existing?.proRequestsDirect ?? 1),
        addonEscalationMinutes:
          input.addonEscalationMinutes ?? existing?.addonEscalationMinutes ?? DEFAULT_ESCALATION_MINUTES,
        poReminderDays: input.poReminderDays ?? existing?.poReminderDays ?? DEFAULT_PO_REMINDER_DAYS,
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
      };
      await db.transaction().execute(async (trx) => {
        const key = { column: 'account_id', value: accountId } as const;
        await refuseStaleEdit(trx, { table: 'service_profiles', key, type: 'service_profile' }, basedOnVersion);
        await saveServiceProfile(trx, profile, turnProfileServiceIds);
        const {
          mainApproverName: _name,
          approverOptions: _options,
          updatedAt: _updated,
          exists: _exists,
          version: _version,
          ...beforeView
        } = before;
        await recordAudit(trx, clock, actor, {
          action: 'service_profile.updated',
          subjectType: 'service_profile',
          subjectId: accountId,
          accountId,
          before: before.exists ? beforeView : null,
          after: {
            ...profile,
            turnProfileAllServices: input.turnProfileAllServices,
            turnProfileServiceIds,
            addonPhotosRequired: profile.addonPhotosRequired === 1,
            proRequestsDirect: profile.proRequestsDirect === 1,
            createdAt: undefined,
            updatedAt: undefined,
          },
        });
      });
      return read(accountId);
    },
  };
}
