import type { BaseDeps } from '../../deps.ts';

/** Services catalog, pricelists, floorplans, units and pros. */
export function createCatalogFeature(_deps: BaseDeps) {
  return {};
}
