import { describe, expect, it } from 'vitest';
import { catalogOnboardingChecks, type CatalogOnboardingFacts } from './catalog-onboarding.ts';

const complete: CatalogOnboardingFacts = {
  profile: {
    turnProfileAllServices: 1,
    addonApprovalMethod: 'customer_approves',
    backupNotificationPhone: '+15125550142',
    mainApproverContactId: 'contact',
  },
  hasPricingConfiguration: true,
  masterPriceCount: 3,
  propertyCount: 2,
  propertiesWithPreferences: 2,
};

const doneByKey = (facts: CatalogOnboardingFacts) =>
  Object.fromEntries(catalogOnboardingChecks(facts).map((check) => [check.key, check.done]));

describe('catalogOnboardingChecks', () => {
  it('is all done for a complete setup, with no hints', () => {
    const checks = catalogOnboardingChecks(complete);
    expect(checks.every((check) => check.done && check.hint === null)).toBe(true);
  });

  it('names what the service profile lacks', () => {
    const checks = catalogOnboardingChecks({
      ...complete,
      profile: {
        turnProfileAllServices: 0,
        addonApprovalMethod: 'staff_approves',
        backupNotificationPhone: null,
        mainApproverContactId: 'contact',
      },
    });
    expect(checks.find((check) => check.key === 'turn_profile_all_services')?.done).toBe(false);
    expect(checks.find((check) => check.key === 'addon_approval_customer')?.done).toBe(false);
    expect(checks.find((check) => check.key === 'service_profile_approver')?.hint).toBe(
      'On the Service profile tab, add a backup notification phone.',
    );
  });

  it('needs both a pricing configuration and master prices, and preferences at every property', () => {
    expect(doneByKey({ ...complete, masterPriceCount: 0 }).pricing_has_data).toBe(false);
    expect(doneByKey({ ...complete, hasPricingConfiguration: false }).pricing_has_data).toBe(false);
    expect(doneByKey({ ...complete, propertiesWithPreferences: 1 }).pro_preferences).toBe(false);
    expect(doneByKey({ ...complete, propertyCount: 0, propertiesWithPreferences: 0 }).pro_preferences).toBe(false);
  });

  it('is not done at all without a profile', () => {
    expect(doneByKey({ ...complete, profile: null })).toMatchObject({
      turn_profile_all_services: false,
      addon_approval_customer: false,
      service_profile_approver: false,
    });
  });
});
