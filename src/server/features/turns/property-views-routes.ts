import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AccountServiceListSchema,
  FloorplanIdParamsSchema,
  FloorplanListSchema,
  FloorplanPricelistSchema,
  ReorderAccountServicesBodySchema,
  ServiceSchema,
  PortalUnitListSchema,
} from '../../../shared/catalog-contracts.ts';
import {
  CalendarQuerySchema,
  CalendarSchema,
  CustomServiceBodySchema,
  ListPortalPropertiesQuerySchema,
  PortalPropertyListSchema,
  PortalPropertySchema,
  PortalPropertyUserListSchema,
  PropertyIdParamsSchema,
  UpdatePropertyAddressBodySchema,
} from '../../../shared/turn-contracts.ts';
import { ApiErrorSchema } from '../../../shared/api-error.ts';
import type { Deps } from '../../deps.ts';
import { actorOf } from '../../http/access.ts';
import { presentFloorplan, presentService } from '../catalog/index.ts';
import { portalTags, settingsTags, customerScope, missing, invalid, changing } from './turn-route-scope.ts';

/** The portal’s property views: home, property settings and the calendar. */
export const propertyViewsRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const turns = deps.turns.properties;

  app.get(
    '/api/portal/properties',
    {
      config: { access: 'customer', cachedRead: true },
      schema: {
        operationId: 'listPortalProperties',
        tags: portalTags,
        summary: 'A page of the properties this customer sees (by name), with open turns and add-ons awaiting approval',
        querystring: ListPortalPropertiesQuerySchema,
        response: { 200: PortalPropertyListSchema, 400: ApiErrorSchema },
      },
    },
    async (request) => turns.listProperties(customerScope(request), request.query),
  );

  app.get(
    '/api/portal/properties/:accountId',
    {
      config: { access: 'customer' },
      schema: {
        operationId: 'getPortalProperty',
        tags: portalTags,
        summary: 'One property with its address and counts',
        params: PropertyIdParamsSchema,
        response: { 200: PortalPropertySchema, ...missing },
      },
    },
    async (request) => turns.getProperty(customerScope(request), request.params.accountId),
  );

  app.put(
    '/api/portal/properties/:accountId/address',
    {
      config: { access: 'customer' },
      schema: {
        operationId: 'updatePortalPropertyAddress',
        tags: settingsTags,
        summary: 'Correct the property’s address',
        params: PropertyIdParamsSchema,
        body: UpdatePropertyAddressBodySchema,
        response: { 200: PortalPropertySchema, ...invalid },
      },
    },
    async (request) =>
      turns.updatePropertyAddress(customerScope(request), request.params.accountId, request.body, actorOf(request)),
  );

  app.get(
    '/api/portal/properties/:accountId/users',
    {
      config: { access: 'customer' },
      schema: {
        operationId: 'listPortalPropertyUsers',
        tags: settingsTags,
        summary: 'The people at this property and who approves add-ons',
        params: PropertyIdParamsSchema,
        response: { 200: PortalPropertyUserListSchema, ...missing },
      },
    },
    async (request) => ({ items: await turns.listPropertyUsers(customerScope(request), request.params.accountId) }),
  );

  app.get(
    '/api/portal/properties/:accountId/services',
    {
      config: { access: 'customer' },
      schema: {
        operationId: 'listPortalPropertyServices',
        tags: settingsTags,
        summary: 'Setup services: what we provide, in-house and other vendors, in the property’s order',
        params: PropertyIdParamsSchema,
        response: { 200: AccountServiceListSchema, ...missing },
      },
    },
    async (request) => ({
      items: (await turns.listPropertyServices(customerScope(request), request.params.accountId)).map(
        (row, position) => ({ ...presentService(row), position }),
      ),
    }),
  );

  app.post(
    '/api/portal/properties/:accountId/services',
    {
      config: { access: 'customer' },
      schema: {
        operationId: 'createPortalCustomService',
        tags: settingsTags,
        summary: 'Add a custom service done in-house or by another vendor',
        params: PropertyIdParamsSchema,
        body: CustomServiceBodySchema,
        response: { 201: ServiceSchema, ...changing },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          presentService(
            await turns.createCustomService(
              customerScope(request),
              request.params.accountId,
              request.body,
              actorOf(request),
            ),
          ),
        ),
  );

  app.put(
    '/api/portal/properties/:accountId/services/order',
    {
      config: { access: 'customer' },
      schema: {
        operationId: 'reorderPortalPropertyServices',
        tags: settingsTags,
        summary: 'Drag services into the order turns list them in',
        params: PropertyIdParamsSchema,
        body: ReorderAccountServicesBodySchema,
        response: { 200: AccountServiceListSchema, ...invalid },
      },
    },
    async (request) => ({
      items: (
        await turns.reorderPropertyServices(
          customerScope(request),
          request.params.accountId,
          request.body.serviceIds,
          actorOf(request),
        )
      ).map((row, position) => ({ ...presentService(row), position })),
    }),
  );

  app.get(
    '/api/portal/properties/:accountId/floorplans',
    {
      config: { access: 'customer' },
      schema: {
        operationId: 'listPortalFloorplans',
        tags: settingsTags,
        summary: 'The property’s floorplans',
        params: PropertyIdParamsSchema,
        response: { 200: FloorplanListSchema, ...missing },
      },
    },
    async (request) => ({
      items: (await turns.listPropertyFloorplans(customerScope(request), request.params.accountId)).map(
        presentFloorplan,
      ),
    }),
  );

  app.get(
    '/api/portal/floorplans/:floorplanId/prices',
    {
      config: { access: 'customer' },
      schema: {
        operationId: 'getPortalFloorplanPricelist',
        tags: settingsTags,
        summary: 'A floorplan’s pricelist: standard services and add-ons',
        params: FloorplanIdParamsSchema,
        response: { 200: FloorplanPricelistSchema, ...missing },
      },
    },
    async (request) => {
      const pricelist = await turns.getFloorplanPricelist(customerScope(request), request.params.floorplanId);
      return {
        floorplan: presentFloorplan(pricelist.floorplan),
        items: pricelist.items.map((item) => ({
          ...presentService(item),
          priceCents: item.priceCents,
          suggestedPriceCents: item.suggestedPriceCents,
        })),
      };
    },
  );

  app.get(
    '/api/portal/properties/:accountId/units',
    {
      config: { access: 'customer' },
      schema: {
        operationId: 'listPortalUnits',
        tags: settingsTags,
        summary: 'The property’s units',
        params: PropertyIdParamsSchema,
        response: { 200: PortalUnitListSchema, ...missing },
      },
    },
    async (request) => ({
      items: (await turns.listPropertyUnits(customerScope(request), request.params.accountId)).map((unit) => ({
        id: unit.id,
        accountId: unit.accountId,
        number: unit.number,
        floorplanId: unit.floorplanId,
        floorplanName: unit.floorplanName,
        notes: unit.notes,
      })),
    }),
  );

  app.get(
    '/api/portal/properties/:accountId/calendar',
    {
      config: { access: 'customer' },
      schema: {
        operationId: 'getPortalCalendar',
        tags: portalTags,
        summary: 'Scheduled services of the property between two dates',
        params: PropertyIdParamsSchema,
        querystring: CalendarQuerySchema,
        response: { 200: CalendarSchema, ...invalid },
      },
    },
    async (request) => ({
      items: (
        await turns.getCalendar(customerScope(request), request.params.accountId, request.query.from, request.query.to)
      ).map((line) => ({
        serviceLineId: line.id,
        turnId: line.turnId,
        unitNumber: line.unitNumber,
        name: line.serviceName,
        providerCategory: line.providerCategory,
        status: line.status,
        scheduledDate: line.scheduledDate!,
      })),
    }),
  );
};
