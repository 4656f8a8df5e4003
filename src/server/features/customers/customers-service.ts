import { randomInt } from 'node:crypto';
import type { ActorContext } from '../../actor.ts';
import type { Clock } from '../../clock.ts';
import type { Db, Trx } from '../../db/database.ts';
import type { AccountKind, AccountStatus, AccountsTable } from '../../db/database-schema.ts';
import { isUniqueViolation } from '../../db/unique-violation.ts';
import { AppError, fieldError, notFound } from '../../errors.ts';
import { newId } from '../../ids.ts';
import { recordAudit, refuseStaleEdit } from '../audit/index.ts';
import type { AccountHooks } from './account-hooks.ts';
import { findAccountContacts, findLinkedAccountIdsOfAccountContacts } from './contacts-repository.ts';
import {
  deleteOnboardingCheckOff,
  findAccountById,
  findAccountByNumber,
  findCustomers,
  findOnboardingCheckOff,
  findOnboardingCheckOffs,
  insertAccount,
  insertOnboardingCheckOff,
  updateAccountRow,
  type CustomerListFilter,
} from './customers-repository.ts';
import {
  accountNumberProblem,
  changedFields,
  generatedAccountNumber,
  normalizeAccountNumber,
} from './customers-rules.ts';
import {
  accountOnboardingChecks,
  isManualOnboardingItem,
  MANUAL_ONBOARDING_ITEMS,
  type OnboardingCheckProvider,
} from './onboarding.ts';
import { generatePortalKey, portalKeyColumns, revealPortalKey } from './portal-key.ts';

export interface CustomersServiceDeps {
  db: Db;
  clock: Clock;
  secretKey: string;
  accountHooks: AccountHooks;
}

export interface AddressInput {
  addressLine1: string | null;
  addressLine2: string | null;
  city: string | null;
  region: string | null;
  postalCode: string | null;
}

export interface CreateAccountInput extends AddressInput {
  name: string;
  accountNumber: string | null;
  status: AccountStatus;
}

export interface UpdateAccountInput extends AddressInput {
  name: string;
  accountNumber: string;
  parentAccountId: string | null;
}

function auditView(account: AccountsTable) {
  return {
    kind: account.kind,
    name: account.name,
    accountNumber: account.accountNumber,
    status: account.status,
    parentAccountId: account.parentAccountId,
    portalAccessEnabled: account.portalAccessEnabled === 1,
    addressLine1: account.addressLine1,
    addressLine2: account.addressLine2,
    city: account.city,
    region: account.region,
    postalCode: account.postalCode,
  };
}

function duplicateAccountNumber(accountNumber: string): AppError {
  return fieldError('accountNumber', `Account number ${accountNumber} is already in use`);
}

export function createCustomersService(deps: CustomersServiceDeps) {
  const { db, clock, secretKey, accountHooks } = deps;
  const onboardingProviders: OnboardingCheckProvider[] = [];

  async function requireAccount(executor: Db | Trx, accountId: string): Promise<AccountsTable> {
    const account = await findAccountById(executor, accountId);
    if (!account) throw notFound('Account');
    return account;
  }

  /** The account with its management company, as pages show it. */
  async function withParent(executor: Db | Trx, account: AccountsTable) {
    const parent = account.parentAccountId ? await findAccountById(executor, account.parentAccountId) : undefined;
    return { account, parent: parent ?? null };
  }

  async function chooseAccountNumber(executor: Db | Trx, requested: string | null): Promise<string> {
    if (requested) {
      const problem = accountNumberProblem(requested);
      if (problem) throw fieldError('accountNumber', problem);
      const accountNumber = normalizeAccountNumber(requested);
      if (await findAccountByNumber(executor, accountNumber)) throw duplicateAccountNumber(accountNumber);
      return accountNumber;
    }
    for (let attempt = 0; attempt < 20; attempt++) {
      const candidate = generatedAccountNumber(randomInt);
      if (!(await findAccountByNumber(executor, candidate))) return candidate;
    }
    throw new AppError('conflict', 'Could not pick a free account number; enter one.');
  }

  async function requireManagementCompany(executor: Db | Trx, parentAccountId: string): Promise<AccountsTable> {
    const parent = await findAccountById(executor, parentAccountId);
    if (parent?.kind !== 'management_company') throw fieldError('parentAccountId', 'Choose a management company');
    return parent;
  }

  async function createAccount(
    kind: AccountKind,
    input: CreateAccountInput & { parentAccountId: string | null },
    actor: ActorContext,
  ) {
    try {
      return await db.transaction().execute(async (trx) => {
        if (input.parentAccountId) await requireManagementCompany(trx, input.parentAccountId);
        const now = clock.now().toISOString();
        const id = newId();
        const account: AccountsTable = {
          id,
          kind,
          parentAccountId: kind === 'property' ? input.parentAccountId : null,
          name: input.name,
          accountNumber: await chooseAccountNumber(trx, input.accountNumber),
          status: input.status,
          portalAccessEnabled: 0,
          addressLine1: input.addressLine1,
          addressLine2: input.addressLine2,
          city: input.city,
          region: input.region,
          postalCode: input.postalCode,
          onboardingState: 'not_started',
          onboardCompletedAt: null,
          onboardCompletedByStaffId: null,
          ...portalKeyColumns(secretKey, id, generatePortalKey(), now),
          createdAt: now,
          updatedAt: now,
        };
        await insertAccount(trx, account);
        await recordAudit(trx, clock, actor, {
          action: 'account.created',
          subjectType: 'account',
          subjectId: id,
          accountId: id,
          after: auditView(account),
        });
        return withParent(trx, account);
      });
    } catch (error) {
      // Two staff picking the same number at once: the unique index decides, the loser gets the field error.
      if (isUniqueViolation(error))
        throw duplicateAccountNumber(input.accountNumber ? normalizeAccountNumber(input.accountNumber) : 'generated');
      throw error;
    }
  }

  return {
    /** Computed onboarding checks from other features (catalog, portal-access), registered in deps.ts; returns its removal. */
    registerOnboardingCheckProvider(provider: OnboardingCheckProvider): () => void {
      onboardingProviders.push(provider);
      return () => {
        const index = onboardingProviders.indexOf(provider);
        if (index >= 0) onboardingProviders.splice(index, 1);
      };
    },

    listCustomers(filter: CustomerListFilter) {
      return findCustomers(db, filter);
    },

    async getAccount(accountId: string) {
      return withParent(db, await requireAccount(db, accountId));
    },

    createManagementCompany(input: CreateAccountInput, actor: ActorContext) {
      return createAccount('management_company', { ...input, parentAccountId: null }, actor);
    },

    createProperty(input: CreateAccountInput & { parentAccountId: string | null }, actor: ActorContext) {
      return createAccount('property', input, actor);
    },

    async updateAccount(accountId: string, input: UpdateAccountInput, actor: ActorContext, basedOnVersion?: number) {
      try {
        return await db.transaction().execute(async (trx) => {
          await refuseStaleEdit(
            trx,
            { table: 'accounts', key: { column: 'id', value: accountId }, type: 'account' },
            basedOnVersion,
          );
          const before = await requireAccount(trx, accountId);
          const problem = accountNumberProblem(input.accountNumber);
          if (problem) throw fieldError('accountNumber', problem);
          const accountNumber = normalizeAccountNumber(input.accountNumber);
          if (accountNumber !== before.accountNumber && (await findAccountByNumber(trx, accountNumber)))
            throw duplicateAccountNumber(accountNumber);
          if (before.kind === 'management_company' && input.parentAccountId)
            throw fieldError('parentAccountId', 'A management company cannot belong to another one');
          if (input.parentAccountId) await requireManagementCompany(trx, input.parentAccountId);
          const patch = {
            name: input.name,
            accountNumber,
            parentAccountId: input.parentAccountId,
            addressLine1: input.addressLine1,
            addressLine2: input.addressLine2,
            city: input.city,
            region: input.region,
            postalCode: input.postalCode,
          };
          const change = changedFields(before, patch);
          if (Object.keys(change.after).length === 0) return withParent(trx, before);
          const after = await updateAccountRow(trx, accountId, { ...patch, updatedAt: clock.now().toISOString() });
          if (after.parentAccountId !== before.parentAccountId)
            await accountHooks.afterParentChange(trx, { account: after, previousParentId: before.parentAccountId });
          await recordAudit(trx, clock, actor, {
            action: 'account.updated',
            subjectType: 'account',
            subjectId: accountId,
            accountId,
            ...change,
          });
          return withParent(trx, after);
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw duplicateAccountNumber(normalizeAccountNumber(input.accountNumber));
        throw error;
      }
    },

    /** The address alone, as the portal's property settings correct it. */
    async updateAccountAddress(accountId: string, address: AddressInput, actor: ActorContext) {
      return db.transaction().execute(async (trx) => {
        const before = await requireAccount(trx, accountId);
        const account = await updateAccountRow(trx, accountId, { ...address, updatedAt: clock.now().toISOString() });
        await recordAudit(trx, clock, actor, {
          action: 'account.address_updated',
          subjectType: 'account',
          subjectId: accountId,
          accountId,
          before: {
            addressLine1: before.addressLine1,
            addressLine2: before.addressLine2,
            city: before.city,
            region: before.region,
            postalCode: before.postalCode,
          },
          after: address,
        });
        return account;
      });
    },

    /** Status changes run the account hooks in the same transaction (portal-access sends welcome emails on "current"). */
    async setAccountStatus(accountId: string, status: AccountStatus, actor: ActorContext) {
      return db.transaction().execute(async (trx) => {
        const before = await requireAccount(trx, accountId);
        if (before.status === status) return withParent(trx, before);
        const account = await updateAccountRow(trx, accountId, { status, updatedAt: clock.now().toISOString() });
        await recordAudit(trx, clock, actor, {
          action: 'account.status_changed',
          subjectType: 'account',
          subjectId: accountId,
          accountId,
          before: { status: before.status },
          after: { status },
        });
        await accountHooks.afterStatusChange(trx, { account, previousStatus: before.status, actor });
        return withParent(trx, account);
      });
    },

    /** The account-level master switch for portal access; portal-access reacts through the hooks in this transaction. */
    async setAccountPortalAccess(accountId: string, enabled: boolean, actor: ActorContext) {
      return db.transaction().execute(async (trx) => {
        const before = await requireAccount(trx, accountId);
        const flag = enabled ? 1 : 0;
        if (before.portalAccessEnabled === flag) return withParent(trx, before);
        const account = await updateAccountRow(trx, accountId, {
          portalAccessEnabled: flag,
          updatedAt: clock.now().toISOString(),
        });
        await recordAudit(trx, clock, actor, {
          action: enabled ? 'account.portal_access_enabled' : 'account.portal_access_disabled',
          subjectType: 'account',
          subjectId: accountId,
          accountId,
          before: { portalAccessEnabled: before.portalAccessEnabled === 1 },
          after: { portalAccessEnabled: enabled },
        });
        await accountHooks.afterPortalAccessChange(trx, { account, enabled, actor });
        return withParent(trx, account);
      });
    },

    /** Reading the key out is audited: it is the secret that lets anyone register for this account. */
    async revealPortalKey(accountId: string, actor: ActorContext) {
      const account = await requireAccount(db, accountId);
      const portalKey = revealPortalKey(account, secretKey);
      await recordAudit(db, clock, actor, {
        action: 'account.portal_key_revealed',
        subjectType: 'account',
        subjectId: accountId,
        accountId,
      });
      return { portalKey, rotatedAt: account.portalKeyRotatedAt };
    },

    /** A new key; the old one stops matching at once. */
    async rotatePortalKey(accountId: string, actor: ActorContext) {
      return db.transaction().execute(async (trx) => {
        await requireAccount(trx, accountId);
        const now = clock.now().toISOString();
        const portalKey = generatePortalKey();
        const account = await updateAccountRow(trx, accountId, {
          ...portalKeyColumns(secretKey, accountId, portalKey, now),
          updatedAt: now,
        });
        await recordAudit(trx, clock, actor, {
          action: 'account.portal_key_rotated',
          subjectType: 'account',
          subjectId: accountId,
          accountId,
        });
        return { portalKey: revealPortalKey(account, secretKey), rotatedAt: now };
      });
    },

    async getOnboardingChecklist(accountId: string) {
      const account = await requireAccount(db, accountId);
      const contacts = await findAccountContacts(db, accountId);
      const links = await findLinkedAccountIdsOfAccountContacts(db, accountId);
      const computed = [
        ...accountOnboardingChecks({
          account,
          hasStaffContact: contacts.some((contact) => contact.staffMemberId !== null),
          // Staff's own contact records are not onboarded; only the customer's people need a main property.
          contacts: contacts
            .filter((contact) => contact.staffMemberId === null)
            .map((contact) => ({
              name: `${contact.firstName} ${contact.lastName}`,
              mainAccountId: contact.mainAccountId,
              linkedAccountIds: links.get(contact.id) ?? [],
            })),
        }),
        ...(await Promise.all(onboardingProviders.map((provider) => provider.checks(db, account)))).flat(),
      ];
      const checkOffs = new Map((await findOnboardingCheckOffs(db, accountId)).map((row) => [row.itemKey, row]));
      return [
        ...computed.map((check) => ({
          key: check.key,
          label: check.label,
          source: 'computed' as const,
          phase: check.phase ?? ('before' as const),
          done: check.done,
          hint: check.hint,
          checkedByName: null,
          checkedAt: null,
        })),
        ...MANUAL_ONBOARDING_ITEMS.map((item) => {
          const checkOff = checkOffs.get(item.key);
          return {
            key: item.key,
            label: item.label,
            source: 'manual' as const,
            phase: item.phase,
            done: Boolean(checkOff),
            hint: null,
            checkedByName: checkOff?.checkedByName ?? null,
            checkedAt: checkOff?.checkedAt ?? null,
          };
        }),
      ];
    },

    /** Ticks a manual checklist item off (or back on); computed items follow the data instead. */
    async setOnboardingCheck(accountId: string, itemKey: string, done: boolean, actor: ActorContext): Promise<void> {
      if (!isManualOnboardingItem(itemKey)) throw new AppError('not_found', 'No such manual checklist item');
      if (actor.actorKind !== 'staff' || !actor.actorId)
        throw new AppError('forbidden', 'Only staff tick off onboarding items.');
      const staffId = actor.actorId;
      await db.transaction().execute(async (trx) => {
        await requireAccount(trx, accountId);
        const existing = await findOnboardingCheckOff(trx, accountId, itemKey);
        if (Boolean(existing) === done) return;
        if (done)
          await insertOnboardingCheckOff(trx, {
            accountId,
            itemKey,
            checkedByStaffId: staffId,
            checkedAt: clock.now().toISOString(),
          });
        else await deleteOnboardingCheckOff(trx, accountId, itemKey);
        await recordAudit(trx, clock, actor, {
          action: done ? 'account.onboarding_item_checked' : 'account.onboarding_item_unchecked',
          subjectType: 'account',
          subjectId: accountId,
          accountId,
          after: { itemKey },
        });
      });
    },
  };
}

export type CustomersService = ReturnType<typeof createCustomersService>;
