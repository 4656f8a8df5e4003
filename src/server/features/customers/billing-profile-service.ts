import type { BillingProfileInput } from '../../../shared/billing-contracts.ts';
import type { ActorContext } from '../../actor.ts';
import type { Clock } from '../../clock.ts';
import type { Db, Trx } from '../../db/database.ts';
import { fieldError, notFound } from '../../errors.ts';
import { recordAudit } from '../audit/index.ts';
import { findBillingProfile, saveBillingProfile } from './billing-profile-repository.ts';
import { findAccountById } from './customers-repository.ts';
import { changedFields, normalizePhone } from './customers-rules.ts';

const EMPTY: BillingProfileInput = {
  contactFirstName: null,
  contactLastName: null,
  contactTitle: null,
  contactPhone: null,
  contactEmail: null,
  addressLine1: null,
  addressLine2: null,
  city: null,
  region: null,
  postalCode: null,
  billingType: null,
  billingCycle: null,
  billingMarket: null,
};

/** The account's billing profile: billing contact, address, type and cycle. */
export function createBillingProfileService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  async function read(executor: Db | Trx, accountId: string) {
    const account = await findAccountById(executor, accountId);
    if (!account) throw notFound('Account');
    const parent = account.parentAccountId ? await findAccountById(executor, account.parentAccountId) : undefined;
    const row = await findBillingProfile(executor, accountId);
    const fields: BillingProfileInput = row
      ? {
          contactFirstName: row.contactFirstName,
          contactLastName: row.contactLastName,
          contactTitle: row.contactTitle,
          contactPhone: row.contactPhone,
          contactEmail: row.contactEmail,
          addressLine1: row.addressLine1,
          addressLine2: row.addressLine2,
          city: row.city,
          region: row.region,
          postalCode: row.postalCode,
          billingType: row.billingType,
          billingCycle: row.billingCycle,
          billingMarket: row.billingMarket,
        }
      : EMPTY;
    return {
      accountId,
      accountName: account.name,
      managementCompanyName: parent?.name ?? null,
      ...fields,
      updatedAt: row?.updatedAt ?? null,
    };
  }

  return {
    getBillingProfile: (accountId: string) => read(db, accountId),

    async updateBillingProfile(accountId: string, input: BillingProfileInput, actor: ActorContext) {
      let contactPhone: string | null = null;
      if (input.contactPhone) {
        const phone = normalizePhone(input.contactPhone);
        if (!phone.ok) throw fieldError('contactPhone', phone.message);
        contactPhone = phone.e164;
      }
      return db.transaction().execute(async (trx) => {
        const before = await read(trx, accountId);
        const existing = await findBillingProfile(trx, accountId);
        const now = clock.now().toISOString();
        const fields = { ...input, contactPhone };
        const {
          accountId: _id,
          accountName: _name,
          managementCompanyName: _company,
          updatedAt: _at,
          ...beforeFields
        } = before;
        const change = changedFields(beforeFields, fields);
        if (Object.keys(change.after).length === 0) return before;
        await saveBillingProfile(trx, { accountId, ...fields, createdAt: existing?.createdAt ?? now, updatedAt: now });
        await recordAudit(trx, clock, actor, {
          action: 'account.billing_profile_updated',
          subjectType: 'account',
          subjectId: accountId,
          accountId,
          ...change,
        });
        return read(trx, accountId);
      });
    },
  };
}
