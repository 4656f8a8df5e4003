import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { addOnsRoutes } from './add-ons-routes.ts';
import { approvalLinksRoutes } from './approval-links-routes.ts';
import { deskRoutes } from './desk-routes.ts';
import { propertyViewsRoutes } from './property-views-routes.ts';
import { turnChangesRoutes } from './turn-changes-routes.ts';
import { turnOrdersRoutes } from './turn-orders-routes.ts';

export const turnsRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  await app.register(propertyViewsRoutes, { deps });
  await app.register(turnOrdersRoutes, { deps });
  await app.register(turnChangesRoutes, { deps });
  await app.register(addOnsRoutes, { deps });
  await app.register(deskRoutes, { deps });
  await app.register(approvalLinksRoutes, { deps });
};
