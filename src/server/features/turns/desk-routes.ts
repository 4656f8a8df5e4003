import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AssignProBodySchema, DeskQuerySchema, DeskTurnListSchema } from '../../../shared/desk-contracts.ts';
import { ServiceLineIdParamsSchema, TurnIdParamsSchema, TurnSchema } from '../../../shared/turn-contracts.ts';
import type { Deps } from '../../deps.ts';
import { actorOf } from '../../http/access.ts';
import { changing, invalid, staffTags } from './turn-route-scope.ts';

/** The staff turns desk: every account's turns in one list, the inbox to acknowledge, pro reassignment. */
export const deskRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const desk = deps.turns.desk;

  app.get(
    '/api/staff/desk/turns',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'listDeskTurns',
        tags: staffTags,
        summary: 'Every account’s turns: the inbox of unacknowledged ones, filters, newest or by move-in',
        querystring: DeskQuerySchema,
        response: { 200: DeskTurnListSchema, ...invalid },
      },
    },
    async (request) => desk.listDesk(request.query),
  );

  app.post(
    '/api/staff/desk/turns/:turnId/acknowledge',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'acknowledgeTurn',
        tags: staffTags,
        summary: 'Take a new or changed turn off the inbox; the property’s contacts hear it was received',
        params: TurnIdParamsSchema,
        response: { 200: TurnSchema, ...changing },
      },
    },
    async (request) => desk.acknowledgeTurn(request.params.turnId, actorOf(request)),
  );

  app.put(
    '/api/staff/service-lines/:serviceLineId/pro',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'assignServiceLinePro',
        tags: staffTags,
        summary: 'Give a service to another pro, or to nobody; both pros are told',
        params: ServiceLineIdParamsSchema,
        body: AssignProBodySchema,
        response: { 200: TurnSchema, ...changing },
      },
    },
    async (request) => desk.assignPro(request.params.serviceLineId, request.body.proId, actorOf(request)),
  );
};
