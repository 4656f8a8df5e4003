import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';

export const portalAccessRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (_app, _options) => {};
