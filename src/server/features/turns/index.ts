import type { BaseDeps } from '../../base-deps.ts';
import type { CatalogFeature } from '../catalog/index.ts';
import { createTurnsService } from './turns-service.ts';

/** Turns ordered in the customer portal: service lines, schedule, POs and add-on approvals. */
export function createTurnsFeature(deps: BaseDeps & { catalog: CatalogFeature }) {
  return createTurnsService({
    db: deps.db,
    clock: deps.clock,
    catalog: deps.catalog,
    publicUrl: deps.config.publicUrl,
  });
}

export type TurnsFeature = ReturnType<typeof createTurnsFeature>;
