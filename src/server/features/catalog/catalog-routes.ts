import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { pricingRoutes } from './pricing-routes.ts';
import { prosRoutes } from './pros-routes.ts';
import { serviceCatalogRoutes } from './service-catalog-routes.ts';
import { serviceProfileRoutes } from './service-profile-routes.ts';
import { unitsRoutes } from './units-routes.ts';

export const catalogRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  await app.register(serviceCatalogRoutes, { deps });
  await app.register(serviceProfileRoutes, { deps });
  await app.register(pricingRoutes, { deps });
  await app.register(unitsRoutes, { deps });
  await app.register(prosRoutes, { deps });
};
