import type { BaseDeps } from '../../base-deps.ts';
import type { CatalogFeature } from '../catalog/index.ts';
import type { CustomersFeature } from '../customers/index.ts';
import { createAddOnsService } from './add-ons-service.ts';
import { createPropertyViewsService } from './property-views-service.ts';
import { createTurnChangesService } from './turn-changes-service.ts';
import { createTurnContext } from './turn-context.ts';
import { createTurnOrdersService } from './turn-orders-service.ts';

/** Turns ordered in the customer portal: service lines, schedule, POs and add-on approvals. */
export function createTurnsFeature(deps: BaseDeps & { catalog: CatalogFeature; customers: CustomersFeature }) {
  const context = createTurnContext({
    db: deps.db,
    databaseKind: deps.database.kind,
    clock: deps.clock,
    catalog: deps.catalog,
  });
  return {
    properties: createPropertyViewsService(context, deps.customers),
    orders: createTurnOrdersService(context),
    changes: createTurnChangesService(context),
    addOns: createAddOnsService(context, deps.config.publicUrl),
  };
}

export type TurnsFeature = ReturnType<typeof createTurnsFeature>;
