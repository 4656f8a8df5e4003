import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AddOnIdParamsSchema,
  DecideAddOnBodySchema,
  RequestAddOnBodySchema,
  ServiceLineIdParamsSchema,
  TurnSchema,
} from '../../../shared/turn-contracts.ts';
import type { Deps } from '../../deps.ts';
import { actorOf } from '../../http/access.ts';
import { portalTags, staffTags, STAFF, customerScope, changing } from './turn-route-scope.ts';

/** Add-ons requested after the order: staff relay them; the customer or staff decide. */
export const addOnsRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const turns = deps.turns.addOns;

  app.post(
    '/api/portal/add-ons/:addOnId/approve',
    {
      config: { access: 'customer' },
      schema: {
        operationId: 'approveAddOn',
        tags: portalTags,
        summary: 'Approve an add-on a pro asked for',
        params: AddOnIdParamsSchema,
        body: DecideAddOnBodySchema,
        response: { 200: TurnSchema, ...changing },
      },
    },
    async (request) =>
      turns.approveAddOn(customerScope(request), request.params.addOnId, request.body.note, actorOf(request)),
  );

  app.post(
    '/api/portal/add-ons/:addOnId/decline',
    {
      config: { access: 'customer' },
      schema: {
        operationId: 'declineAddOn',
        tags: portalTags,
        summary: 'Decline an add-on a pro asked for',
        params: AddOnIdParamsSchema,
        body: DecideAddOnBodySchema,
        response: { 200: TurnSchema, ...changing },
      },
    },
    async (request) =>
      turns.declineAddOn(customerScope(request), request.params.addOnId, request.body.note, actorOf(request)),
  );

  app.post(
    '/api/staff/service-lines/:serviceLineId/add-ons',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'requestAddOn',
        tags: staffTags,
        summary: 'Relay a pro’s add-on request; the account’s approval method decides who approves',
        params: ServiceLineIdParamsSchema,
        body: RequestAddOnBodySchema,
        response: { 201: TurnSchema, ...changing },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await turns.requestAddOn(request.params.serviceLineId, request.body, actorOf(request))),
  );

  app.post(
    '/api/staff/add-ons/:addOnId/approve',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'approveAddOnAsStaff',
        tags: staffTags,
        summary: 'Approve a pending add-on (staff-approved accounts, or on the customer’s word)',
        params: AddOnIdParamsSchema,
        body: DecideAddOnBodySchema,
        response: { 200: TurnSchema, ...changing },
      },
    },
    async (request) => turns.approveAddOn(STAFF, request.params.addOnId, request.body.note, actorOf(request)),
  );

  app.post(
    '/api/staff/add-ons/:addOnId/decline',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'declineAddOnAsStaff',
        tags: staffTags,
        summary: 'Decline a pending add-on',
        params: AddOnIdParamsSchema,
        body: DecideAddOnBodySchema,
        response: { 200: TurnSchema, ...changing },
      },
    },
    async (request) => turns.declineAddOn(STAFF, request.params.addOnId, request.body.note, actorOf(request)),
  );
};
