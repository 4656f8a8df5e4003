import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  CreateTurnBodySchema,
  ListTurnsQuerySchema,
  PropertyIdParamsSchema,
  TurnIdParamsSchema,
  TurnListSchema,
  TurnCountsQuerySchema,
  TurnCountsSchema,
  TurnPreviewBodySchema,
  TurnPreviewSchema,
  TurnSchema,
} from '../../../shared/turn-contracts.ts';
import type { Deps } from '../../deps.ts';
import { actorOf } from '../../http/access.ts';
import { portalTags, staffTags, STAFF, customerScope, missing, invalid, changing } from './turn-route-scope.ts';

/** Ordering turns and finding them again, in the portal and for staff. */
export const turnOrdersRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const turns = deps.turns.orders;

  app.get(
    '/api/portal/properties/:accountId/turns',
    {
      config: { access: 'customer' },
      schema: {
        operationId: 'listTurns',
        tags: portalTags,
        summary: 'The turn board, one page of a column: open turns by move-in, closed ones newest first',
        params: PropertyIdParamsSchema,
        querystring: ListTurnsQuerySchema,
        response: { 200: TurnListSchema, ...invalid },
      },
    },
    async (request) => turns.listTurns(customerScope(request), request.params.accountId, request.query),
  );

  app.get(
    '/api/portal/properties/:accountId/turn-counts',
    {
      config: { access: 'customer' },
      schema: {
        operationId: 'countTurns',
        tags: portalTags,
        summary: 'How many turns each board column holds, under the board’s filters',
        params: PropertyIdParamsSchema,
        querystring: TurnCountsQuerySchema,
        response: { 200: TurnCountsSchema, ...invalid },
      },
    },
    async (request) => turns.countTurns(customerScope(request), request.params.accountId, request.query),
  );

  app.post(
    '/api/portal/properties/:accountId/turns/preview',
    {
      config: { access: 'customer' },
      schema: {
        operationId: 'previewTurn',
        tags: portalTags,
        summary: 'Services, add-ons, prices and back-scheduled dates for a floorplan; saves nothing',
        params: PropertyIdParamsSchema,
        body: TurnPreviewBodySchema,
        response: { 200: TurnPreviewSchema, ...invalid },
      },
    },
    async (request) => turns.previewTurn(customerScope(request), request.params.accountId, request.body),
  );

  app.post(
    '/api/portal/properties/:accountId/turns',
    {
      config: { access: 'customer' },
      schema: {
        operationId: 'createTurn',
        tags: portalTags,
        summary: 'Order a turn',
        params: PropertyIdParamsSchema,
        body: CreateTurnBodySchema,
        response: { 201: TurnSchema, ...changing },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await turns.createTurn(customerScope(request), request.params.accountId, request.body, actorOf(request))),
  );

  app.get(
    '/api/portal/turns/:turnId',
    {
      config: { access: 'customer' },
      schema: {
        operationId: 'getTurn',
        tags: portalTags,
        summary: 'A turn with its services, dates, prices, POs and add-ons',
        params: TurnIdParamsSchema,
        response: { 200: TurnSchema, ...missing },
      },
    },
    async (request) => turns.getTurn(customerScope(request), request.params.turnId),
  );

  app.get(
    '/api/staff/accounts/:accountId/turns',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'listAccountTurns',
        tags: staffTags,
        summary: 'Turns of a property, or of a management company’s properties',
        params: PropertyIdParamsSchema,
        querystring: ListTurnsQuerySchema,
        response: { 200: TurnListSchema, ...invalid },
      },
    },
    async (request) => turns.listTurns(STAFF, request.params.accountId, request.query),
  );

  app.get(
    '/api/staff/turns/:turnId',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'getStaffTurn',
        tags: staffTags,
        summary: 'A turn as staff see it',
        params: TurnIdParamsSchema,
        response: { 200: TurnSchema, ...missing },
      },
    },
    async (request) => turns.getTurn(STAFF, request.params.turnId),
  );
};
