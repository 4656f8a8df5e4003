import type { OnboardingCheck, OnboardingCheckProvider } from '../customers/index.ts';
import type { PricingService } from './pricing-service.ts';
import type { ProsService } from './pros-service.ts';
import type { ServiceProfileService } from './service-profile-service.ts';

/** What the service profile still lacks for a portal customer (seed 000 "Check the following on the Service Profile tab"). */
export function serviceProfileGaps(profile: { exists: boolean; turnProfileAllServices: boolean; addonApprovalMethod: string; backupNotificationPhone: string | null; mainApproverContactId: string | null }): string[] {
  if (!profile.exists) return ['the service profile is not set up yet'];
  const gaps: string[] = [];
  if (!profile.turnProfileAllServices) gaps.push('turn profile should have ALL services');
  if (profile.addonApprovalMethod !== 'customer_approves') gaps.push('add-on approval should be "customer approves"');
  if (!profile.backupNotificationPhone) gaps.push('backup notification phone');
  if (!profile.mainApproverContactId) gaps.push('main customer approver');
  return gaps;
}

/** The onboarding checklist items only the catalog can answer: service profile, pricing data, pro preferences. */
export function createCatalogOnboardingChecks(services: { serviceProfiles: ServiceProfileService; pricing: PricingService; pros: ProsService }): OnboardingCheckProvider {
  return {
    async checks(_db, account) {
      const [profile, setup] = await Promise.all([services.serviceProfiles.getServiceProfile(account.id), services.pricing.getAccountSetupStatus(account.id)]);
      const setupCheck = (key: string) => setup.checks.find((check) => check.key === key);
      const pricingChecks = [setupCheck('master_pricelist'), setupCheck('pricing_configuration')];
      const floorplanPrices = setupCheck('floorplan_prices');
      const gaps = serviceProfileGaps(profile);
      const checks: OnboardingCheck[] = [
        { key: 'service_profile_complete', label: 'Service profile is complete (ALL services, customer approves add-ons, backup phone, main approver)', done: gaps.length === 0, hint: gaps.length ? `Service Profile tab: ${gaps.join('; ')}.` : null },
        { key: 'pricing_has_data', label: 'Pricing configuration and master pricelist contain data', done: pricingChecks.every((check) => check?.ok), hint: pricingChecks.find((check) => !check?.ok)?.fix ?? null },
        { key: 'floorplans_priced', label: 'Floorplans have standard prices', done: Boolean(floorplanPrices?.ok), hint: floorplanPrices?.fix ?? null },
      ];
      if (account.kind === 'property') {
        const preferences = await services.pros.listProPreferences(account.id);
        checks.push({ key: 'pro_preferences', label: 'Pro preferences are set for the property', done: preferences.length > 0, hint: preferences.length ? null : 'Set preferred and secondary pros on the Pros tab.' });
      }
      return checks;
    },
  };
}
