import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';

export const customersRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (_app, _options) => {};
