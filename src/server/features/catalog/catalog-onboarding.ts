import type { Db } from '../../db/database.ts';
import type { ServiceProfilesTable } from '../../db/schema/catalog.ts';
import type { OnboardingCheck, OnboardingCheckProvider } from '../customers/index.ts';
import { findChildPropertyIds } from './catalog-repository.ts';
import { findPricingConfig, listMasterPrices } from './pricing-repository.ts';
import { listPreferencedAccountIds } from './pros-repository.ts';
import { findServiceProfile } from './service-profile-repository.ts';

export interface CatalogOnboardingFacts {
  profile: Pick<
    ServiceProfilesTable,
    'turnProfileAllServices' | 'addonApprovalMethod' | 'backupNotificationPhone' | 'mainApproverContactId'
  > | null;
  hasPricingConfiguration: boolean;
  masterPriceCount: number;
  /** Properties that should have pro preferences (the account itself, or a company's properties). */
  propertyCount: number;
  propertiesWithPreferences: number;
}

/** The onboarding checklist items that catalog data answers (services, pricing, floorplans, units, pros). */
export function catalogOnboardingChecks(facts: CatalogOnboardingFacts): OnboardingCheck[] {
  const { profile } = facts;
  const approverMissing = [
    !profile?.backupNotificationPhone && 'a backup notification phone',
    !profile?.mainApproverContactId && 'a main customer approver',
  ].filter(Boolean);
  const pricingDone = facts.hasPricingConfiguration && facts.masterPriceCount > 0;
  const preferencesDone = facts.propertyCount > 0 && facts.propertiesWithPreferences === facts.propertyCount;
  return [
    {
      key: 'turn_profile_all_services',
      label: 'Service profile: the turn profile has ALL services',
      done: profile?.turnProfileAllServices === 1,
      hint:
        profile?.turnProfileAllServices === 1
          ? null
          : 'On the Service profile tab, switch on "Turn profile has ALL services".',
    },
    {
      key: 'addon_approval_customer',
      label: 'Service profile: add-on approval method is "Customer approves"',
      done: profile?.addonApprovalMethod === 'customer_approves',
      hint:
        profile?.addonApprovalMethod === 'customer_approves'
          ? null
          : 'On the Service profile tab, set the add-on approval method to "Customer approves".',
    },
    {
      key: 'service_profile_approver',
      label: 'Service profile: backup notification phone and main customer approver',
      done: Boolean(profile) && approverMissing.length === 0,
      hint:
        profile && approverMissing.length === 0
          ? null
          : `On the Service profile tab, add ${approverMissing.join(' and ') || 'the add-on approval details'}.`,
    },
    {
      key: 'pricing_has_data',
      label: 'The pricing configuration and the master pricelist contain data',
      done: pricingDone,
      hint: pricingDone
        ? null
        : !facts.hasPricingConfiguration
          ? 'Save the pricing configuration on the Pricing & floorplans tab.'
          : 'Enter prices on the master pricelist (Services page).',
    },
    {
      key: 'pro_preferences',
      label: 'Preferences for pros are created',
      done: preferencesDone,
      hint: preferencesDone
        ? null
        : facts.propertyCount === 0
          ? 'Add the company’s properties first.'
          : 'Choose preferred and secondary pros on the property’s Pros tab.',
    },
  ];
}

export function createCatalogOnboardingProvider(): OnboardingCheckProvider {
  return {
    async checks(db: Db, account) {
      const propertyIds = account.kind === 'property' ? [account.id] : await findChildPropertyIds(db, account.id);
      const [profile, config, masterPrices, withPreferences] = await Promise.all([
        findServiceProfile(db, account.id),
        findPricingConfig(db, account.id),
        listMasterPrices(db),
        listPreferencedAccountIds(db, propertyIds),
      ]);
      return catalogOnboardingChecks({
        profile: profile ?? null,
        hasPricingConfiguration: Boolean(config),
        masterPriceCount: masterPrices.length,
        propertyCount: propertyIds.length,
        propertiesWithPreferences: withPreferences.length,
      });
    },
  };
}
