import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { accessLinksRoutes } from './access-links-routes.ts';
import { customerSessionRoutes } from './customer-session-routes.ts';
import { staffAccessRoutes } from './staff-access-routes.ts';

export const portalAccessRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  await app.register(customerSessionRoutes, { deps });
  await app.register(accessLinksRoutes, { deps });
  await app.register(staffAccessRoutes, { deps });
};
