import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiErrorSchema } from '../../../shared/api-error.ts';
import {
  AccountIdParamsSchema,
  CreateUnitsBodySchema,
  UnitFieldsSchema,
  UnitIdParamsSchema,
  UnitListSchema,
  UnitSchema,
} from '../../../shared/catalog-contracts.ts';
import type { Deps } from '../../deps.ts';
import { actorOf, CUSTOMER_SETUP_ROLES } from '../../http/access.ts';
import { ifMatchVersion, withCurrentOnStale } from '../../http/versions.ts';
import { presentUnit } from './catalog-presenters.ts';

const tags = ['units'];

export const unitsRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const { units } = deps.catalog;

  app.get(
    '/api/staff/accounts/:accountId/units',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'listUnits',
        tags,
        summary: 'Units of a property, in natural number order',
        params: AccountIdParamsSchema,
        response: { 200: UnitListSchema, 404: ApiErrorSchema },
      },
    },
    async (request) => ({ items: (await units.listUnits(request.params.accountId)).map(presentUnit) }),
  );

  app.post(
    '/api/staff/accounts/:accountId/units',
    {
      config: { access: 'staff', roles: CUSTOMER_SETUP_ROLES },
      schema: {
        operationId: 'createUnit',
        tags,
        summary: 'Add a unit to a property',
        params: AccountIdParamsSchema,
        body: UnitFieldsSchema,
        response: { 201: UnitSchema, 400: ApiErrorSchema, 404: ApiErrorSchema, 409: ApiErrorSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(presentUnit(await units.createUnit(request.params.accountId, request.body, actorOf(request)))),
  );

  app.post(
    '/api/staff/accounts/:accountId/units/bulk',
    {
      config: { access: 'staff', roles: CUSTOMER_SETUP_ROLES },
      schema: {
        operationId: 'createUnits',
        tags,
        summary: 'Add many units at once from ranges such as 101-120; all or none',
        params: AccountIdParamsSchema,
        body: CreateUnitsBodySchema,
        response: { 201: UnitListSchema, 400: ApiErrorSchema, 404: ApiErrorSchema, 409: ApiErrorSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send({
        items: (await units.createUnits(request.params.accountId, request.body, actorOf(request))).map(presentUnit),
      }),
  );

  app.put(
    '/api/staff/units/:unitId',
    {
      config: { access: 'staff', roles: CUSTOMER_SETUP_ROLES },
      schema: {
        operationId: 'updateUnit',
        tags,
        summary: 'Change a unit’s number, floorplan or notes (If-Match: its version)',
        params: UnitIdParamsSchema,
        body: UnitFieldsSchema,
        response: { 200: UnitSchema, 400: ApiErrorSchema, 404: ApiErrorSchema, 409: ApiErrorSchema },
      },
    },
    async (request) => {
      const { unitId } = request.params;
      const updated = await withCurrentOnStale(
        () => units.updateUnit(unitId, request.body, actorOf(request), ifMatchVersion(request)),
        async () => presentUnit(await units.getUnit(unitId)),
      );
      return presentUnit(updated);
    },
  );

  app.delete(
    '/api/staff/units/:unitId',
    {
      config: { access: 'staff', roles: CUSTOMER_SETUP_ROLES },
      schema: {
        operationId: 'deleteUnit',
        tags,
        summary: 'Delete a unit',
        params: UnitIdParamsSchema,
        response: { 204: z.null(), 404: ApiErrorSchema },
      },
    },
    async (request, reply) => {
      await units.deleteUnit(request.params.unitId, actorOf(request));
      return reply.status(204).send(null);
    },
  );
};
