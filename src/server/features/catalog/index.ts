import type { BaseDeps } from '../../base-deps.ts';
import { createCatalogOnboardingProvider } from './catalog-onboarding.ts';
import { createPricingService } from './pricing-service.ts';
import { createProsService } from './pros-service.ts';
import { createServiceCatalogService } from './service-catalog-service.ts';
import { createServiceProfileService } from './service-profile-service.ts';
import { createUnitsService } from './units-service.ts';

export { presentFloorplan, presentService } from './catalog-presenters.ts';

/** Services catalog, service profiles, pricelists and floorplans, units and pros. */
export function createCatalogFeature(deps: BaseDeps) {
  const { db, clock } = deps;
  return {
    services: createServiceCatalogService({ db, clock }),
    serviceProfiles: createServiceProfileService({ db, clock }),
    pricing: createPricingService({ db, clock }),
    units: createUnitsService({ db, clock }),
    pros: createProsService({ db, clock }),
    /** Registered with customers in deps.ts: the checklist items catalog data answers. */
    onboardingChecks: createCatalogOnboardingProvider(),
  };
}

export type CatalogFeature = ReturnType<typeof createCatalogFeature>;
