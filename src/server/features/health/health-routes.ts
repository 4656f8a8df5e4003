import { sql } from 'kysely';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { HealthSchema } from '../../../shared/staff-contracts.ts';
import type { Deps } from '../../deps.ts';

export const healthRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/healthz',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'getHealth',
        tags: ['health'],
        summary: 'Liveness and database reachability (503 while the database is unreachable)',
        response: { 200: HealthSchema, 503: HealthSchema },
      },
    },
    async (request, reply) => {
      try {
        await sql`select 1`.execute(deps.db);
        return { status: 'ok' as const, database: deps.database.kind };
      } catch (error) {
        // A load balancer takes the node out of rotation; the pool reconnects once the database is back.
        request.log.warn({ err: error }, 'health check: database unreachable');
        return reply
          .status(503)
          .header('retry-after', '5')
          .send({ status: 'unavailable' as const, database: deps.database.kind });
      }
    },
  );
};
