import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  CancelTurnBodySchema,
  RescheduleServiceLineBodySchema,
  ServiceLineIdParamsSchema,
  SetServiceLineStatusBodySchema,
  SetTurnPurchaseOrdersBodySchema,
  TurnIdParamsSchema,
  TurnSchema,
  UpdateTurnBodySchema,
} from '../../../shared/turn-contracts.ts';
import type { Deps } from '../../deps.ts';
import { actorOf } from '../../http/access.ts';
import { portalTags, staffTags, customerScope, changing } from './turn-route-scope.ts';

/** Changes to an ordered turn: its dates, POs and services; staff mark progress. */
export const turnChangesRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const turns = deps.turns.changes;

  app.put(
    '/api/portal/turns/:turnId',
    {
      config: { access: 'customer' },
      schema: {
        operationId: 'updateTurn',
        tags: portalTags,
        summary: 'Change the move-out, move-in and notes; optionally re-flow every open service’s date',
        params: TurnIdParamsSchema,
        body: UpdateTurnBodySchema,
        response: { 200: TurnSchema, ...changing },
      },
    },
    async (request) => turns.updateTurn(customerScope(request), request.params.turnId, request.body, actorOf(request)),
  );

  app.post(
    '/api/portal/turns/:turnId/cancel',
    {
      config: { access: 'customer' },
      schema: {
        operationId: 'cancelTurn',
        tags: portalTags,
        summary: 'Cancel the whole turn and its open services',
        params: TurnIdParamsSchema,
        body: CancelTurnBodySchema,
        response: { 200: TurnSchema, ...changing },
      },
    },
    async (request) =>
      turns.cancelTurn(customerScope(request), request.params.turnId, request.body.reason, actorOf(request)),
  );

  app.put(
    '/api/portal/turns/:turnId/purchase-orders',
    {
      config: { access: 'customer' },
      schema: {
        operationId: 'setTurnPurchaseOrders',
        tags: portalTags,
        summary: 'Set the default PO (or “I don’t know yet”) and per-service POs',
        params: TurnIdParamsSchema,
        body: SetTurnPurchaseOrdersBodySchema,
        response: { 200: TurnSchema, ...changing },
      },
    },
    async (request) =>
      turns.setPurchaseOrders(customerScope(request), request.params.turnId, request.body, actorOf(request)),
  );

  app.put(
    '/api/portal/service-lines/:serviceLineId/date',
    {
      config: { access: 'customer' },
      schema: {
        operationId: 'rescheduleServiceLine',
        tags: portalTags,
        summary: 'Pick another date for one service; it stays through move-in changes',
        params: ServiceLineIdParamsSchema,
        body: RescheduleServiceLineBodySchema,
        response: { 200: TurnSchema, ...changing },
      },
    },
    async (request) =>
      turns.rescheduleServiceLine(
        customerScope(request),
        request.params.serviceLineId,
        request.body.scheduledDate,
        actorOf(request),
      ),
  );

  app.delete(
    '/api/portal/service-lines/:serviceLineId',
    {
      config: { access: 'customer' },
      schema: {
        operationId: 'removeServiceLine',
        tags: portalTags,
        summary: 'Remove a service that is not needed (it is canceled)',
        params: ServiceLineIdParamsSchema,
        response: { 200: TurnSchema, ...changing },
      },
    },
    async (request) => turns.removeServiceLine(customerScope(request), request.params.serviceLineId, actorOf(request)),
  );

  app.put(
    '/api/staff/service-lines/:serviceLineId/status',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'setServiceLineStatus',
        tags: staffTags,
        summary: 'Mark a service scheduled, in progress or completed',
        params: ServiceLineIdParamsSchema,
        body: SetServiceLineStatusBodySchema,
        response: { 200: TurnSchema, ...changing },
      },
    },
    async (request) => turns.setServiceLineStatus(request.params.serviceLineId, request.body.status, actorOf(request)),
  );
};
