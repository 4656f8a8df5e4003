import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiErrorSchema } from '../../../shared/api-error.ts';
import {
  AccountIdParamsSchema,
  AccountPricingSchema,
  AccountSetupStatusSchema,
  FloorplanFieldsSchema,
  FloorplanIdParamsSchema,
  FloorplanListSchema,
  FloorplanPricelistSchema,
  FloorplanSchema,
  MasterPricelistSchema,
  SetPricesBodySchema,
  UpdateAccountPricingBodySchema,
} from '../../../shared/catalog-contracts.ts';
import type { Deps } from '../../deps.ts';
import { actorOf, CUSTOMER_SETUP_ROLES } from '../../http/access.ts';
import { ifMatchVersion, withCurrentOnStale } from '../../http/versions.ts';
import { presentFloorplan, presentService } from './catalog-presenters.ts';

const tags = ['pricing'];

export const pricingRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const { pricing } = deps.catalog;

  const presentMaster = async () => {
    const master = await pricing.getMasterPricelist();
    return {
      items: master.items.map((item) => ({ ...presentService(item), priceCents: item.priceCents })),
      updatedAt: master.updatedAt,
      version: master.version,
    };
  };

  app.get(
    '/api/staff/master-pricelist',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'getMasterPricelist',
        tags,
        summary: 'Vendor-wide default price of every active catalog service',
        response: { 200: MasterPricelistSchema },
      },
    },
    presentMaster,
  );

  app.put(
    '/api/staff/master-pricelist',
    {
      config: { access: 'staff', roles: CUSTOMER_SETUP_ROLES },
      schema: {
        operationId: 'setMasterPricelistPrices',
        tags,
        summary: 'Replace the master prices with exactly this list (If-Match: the master pricelist’s version)',
        body: SetPricesBodySchema,
        response: { 200: MasterPricelistSchema, 400: ApiErrorSchema, 409: ApiErrorSchema },
      },
    },
    async (request) => {
      await withCurrentOnStale(
        () => pricing.setMasterPricelistPrices(request.body.prices, actorOf(request), ifMatchVersion(request)),
        presentMaster,
      );
      return presentMaster();
    },
  );

  const presentPricing = (result: Awaited<ReturnType<typeof pricing.getAccountPricing>>) => ({
    ...result,
    items: result.items.map((item) => ({
      ...presentService(item),
      masterPriceCents: item.masterPriceCents,
      overridePriceCents: item.overridePriceCents,
      effectivePriceCents: item.effectivePriceCents,
    })),
  });

  app.get(
    '/api/staff/accounts/:accountId/pricing',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'getAccountPricing',
        tags,
        summary: 'An account’s pricing configuration and the price of each service it can order',
        params: AccountIdParamsSchema,
        response: { 200: AccountPricingSchema, 404: ApiErrorSchema },
      },
    },
    async (request) => presentPricing(await pricing.getAccountPricing(request.params.accountId)),
  );

  app.put(
    '/api/staff/accounts/:accountId/pricing',
    {
      config: { access: 'staff', roles: CUSTOMER_SETUP_ROLES },
      schema: {
        operationId: 'updateAccountPricing',
        tags,
        summary: 'Choose the account’s pricelist and its own prices (If-Match: its version, 0 before the first save)',
        params: AccountIdParamsSchema,
        body: UpdateAccountPricingBodySchema,
        response: { 200: AccountPricingSchema, 400: ApiErrorSchema, 404: ApiErrorSchema, 409: ApiErrorSchema },
      },
    },
    async (request) => {
      const { accountId } = request.params;
      const updated = await withCurrentOnStale(
        () => pricing.updateAccountPricing(accountId, request.body, actorOf(request), ifMatchVersion(request)),
        async () => presentPricing(await pricing.getAccountPricing(accountId)),
      );
      return presentPricing(updated);
    },
  );

  app.get(
    '/api/staff/accounts/:accountId/setup-status',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'getAccountSetupStatus',
        tags,
        summary: 'Whether the account has what the portal needs to show services, floorplans and prices',
        params: AccountIdParamsSchema,
        response: { 200: AccountSetupStatusSchema, 404: ApiErrorSchema },
      },
    },
    async (request) => pricing.getAccountSetupStatus(request.params.accountId),
  );

  app.get(
    '/api/staff/accounts/:accountId/floorplans',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'listFloorplans',
        tags: ['floorplans'],
        summary: 'Floorplans of a property with their price and unit counts',
        params: AccountIdParamsSchema,
        response: { 200: FloorplanListSchema, 404: ApiErrorSchema },
      },
    },
    async (request) => ({ items: (await pricing.listFloorplans(request.params.accountId)).map(presentFloorplan) }),
  );

  app.post(
    '/api/staff/accounts/:accountId/floorplans',
    {
      config: { access: 'staff', roles: CUSTOMER_SETUP_ROLES },
      schema: {
        operationId: 'createFloorplan',
        tags: ['floorplans'],
        summary: 'Add a floorplan to a property',
        params: AccountIdParamsSchema,
        body: FloorplanFieldsSchema,
        response: { 201: FloorplanSchema, 400: ApiErrorSchema, 404: ApiErrorSchema, 409: ApiErrorSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          presentFloorplan(await pricing.createFloorplan(request.params.accountId, request.body, actorOf(request))),
        ),
  );

  app.put(
    '/api/staff/floorplans/:floorplanId',
    {
      config: { access: 'staff', roles: CUSTOMER_SETUP_ROLES },
      schema: {
        operationId: 'updateFloorplan',
        tags: ['floorplans'],
        summary: 'Change a floorplan’s name, size or rooms (If-Match: its version)',
        params: FloorplanIdParamsSchema,
        body: FloorplanFieldsSchema,
        response: { 200: FloorplanSchema, 400: ApiErrorSchema, 404: ApiErrorSchema, 409: ApiErrorSchema },
      },
    },
    async (request) => {
      const { floorplanId } = request.params;
      const updated = await withCurrentOnStale(
        () => pricing.updateFloorplan(floorplanId, request.body, actorOf(request), ifMatchVersion(request)),
        async () => presentFloorplan((await pricing.getFloorplanPrices(floorplanId)).floorplan),
      );
      return presentFloorplan(updated);
    },
  );

  app.delete(
    '/api/staff/floorplans/:floorplanId',
    {
      config: { access: 'staff', roles: CUSTOMER_SETUP_ROLES },
      schema: {
        operationId: 'deleteFloorplan',
        tags: ['floorplans'],
        summary: 'Delete a floorplan no unit uses, with its pricelist',
        params: FloorplanIdParamsSchema,
        response: { 204: z.null(), 404: ApiErrorSchema, 409: ApiErrorSchema },
      },
    },
    async (request, reply) => {
      await pricing.deleteFloorplan(request.params.floorplanId, actorOf(request));
      return reply.status(204).send(null);
    },
  );

  const presentPricelist = (result: Awaited<ReturnType<typeof pricing.getFloorplanPrices>>) => ({
    floorplan: presentFloorplan(result.floorplan),
    items: result.items.map((item) => ({
      ...presentService(item),
      priceCents: item.priceCents,
      suggestedPriceCents: item.suggestedPriceCents,
    })),
  });

  app.get(
    '/api/staff/floorplans/:floorplanId/prices',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'getFloorplanPrices',
        tags: ['floorplans'],
        summary: 'A floorplan’s pricelist of standard services and add-ons',
        params: FloorplanIdParamsSchema,
        response: { 200: FloorplanPricelistSchema, 404: ApiErrorSchema },
      },
    },
    async (request) => presentPricelist(await pricing.getFloorplanPrices(request.params.floorplanId)),
  );

  app.put(
    '/api/staff/floorplans/:floorplanId/prices',
    {
      config: { access: 'staff', roles: CUSTOMER_SETUP_ROLES },
      schema: {
        operationId: 'setFloorplanPrices',
        tags: ['floorplans'],
        summary:
          'Replace a floorplan’s whole pricelist; nothing is saved if any price is invalid (If-Match: the floorplan’s version)',
        params: FloorplanIdParamsSchema,
        body: SetPricesBodySchema,
        response: { 200: FloorplanPricelistSchema, 400: ApiErrorSchema, 404: ApiErrorSchema, 409: ApiErrorSchema },
      },
    },
    async (request) => {
      const { floorplanId } = request.params;
      const updated = await withCurrentOnStale(
        () => pricing.setFloorplanPrices(floorplanId, request.body.prices, actorOf(request), ifMatchVersion(request)),
        async () => presentPricelist(await pricing.getFloorplanPrices(floorplanId)),
      );
      return presentPricelist(updated);
    },
  );
};
