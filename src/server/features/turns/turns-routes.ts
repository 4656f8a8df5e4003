import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ApiErrorSchema } from '../../../shared/api-error.ts';
import {
  AccountServiceListSchema,
  FloorplanIdParamsSchema,
  FloorplanListSchema,
  FloorplanPricelistSchema,
  ReorderAccountServicesBodySchema,
  ServiceSchema,
  UnitListSchema,
} from '../../../shared/catalog-contracts.ts';
import {
  AddOnIdParamsSchema,
  CalendarQuerySchema,
  CalendarSchema,
  CancelTurnBodySchema,
  CreateTurnBodySchema,
  CustomServiceBodySchema,
  DecideAddOnBodySchema,
  ListTurnsQuerySchema,
  PortalPropertyListSchema,
  PortalPropertySchema,
  PortalPropertyUserListSchema,
  PropertyIdParamsSchema,
  RequestAddOnBodySchema,
  RescheduleServiceLineBodySchema,
  ServiceLineIdParamsSchema,
  SetServiceLineStatusBodySchema,
  SetTurnPurchaseOrdersBodySchema,
  TurnIdParamsSchema,
  TurnListSchema,
  TurnPreviewBodySchema,
  TurnPreviewSchema,
  TurnSchema,
  UpdatePropertyAddressBodySchema,
  UpdateTurnBodySchema,
} from '../../../shared/turn-contracts.ts';
import type { Deps } from '../../deps.ts';
import { actorOf, requireCustomer } from '../../http/access.ts';
import { presentFloorplan, presentService } from '../catalog/index.ts';
import type { TurnScope } from './turns-service.ts';

const portalTags = ['portal turns'];
const settingsTags = ['portal property settings'];
const staffTags = ['turns'];
const STAFF: TurnScope = { kind: 'staff' };

/** Every portal call runs in the signed-in customer's accounts; nothing else is reachable. */
function customerScope(request: FastifyRequest): TurnScope & { kind: 'customer' } {
  return { kind: 'customer', accountIds: requireCustomer(request).accountIds };
}

const missing = { 404: ApiErrorSchema };
const invalid = { 400: ApiErrorSchema, 404: ApiErrorSchema };
const changing = { 400: ApiErrorSchema, 404: ApiErrorSchema, 409: ApiErrorSchema };

export const turnsRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const { turns } = deps;

  // ---- Portal: properties and their settings ----

  app.get(
    '/api/portal/properties',
    {
      config: { access: 'customer' },
      schema: {
        operationId: 'listPortalProperties',
        tags: portalTags,
        summary: 'The properties this customer sees, with open turns and add-ons awaiting approval',
        response: { 200: PortalPropertyListSchema },
      },
    },
    async (request) => ({ items: await turns.listProperties(customerScope(request)) }),
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
        response: { 200: UnitListSchema, ...missing },
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

  // ---- Portal: turns ----

  app.get(
    '/api/portal/properties/:accountId/turns',
    {
      config: { access: 'customer' },
      schema: {
        operationId: 'listTurns',
        tags: portalTags,
        summary: 'The turn board: turns by move-in, filtered by status and unit',
        params: PropertyIdParamsSchema,
        querystring: ListTurnsQuerySchema,
        response: { 200: TurnListSchema, ...invalid },
      },
    },
    async (request) => ({
      items: await turns.listTurns(customerScope(request), request.params.accountId, request.query),
    }),
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

  // ---- Staff ----

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
    async (request) => ({ items: await turns.listTurns(STAFF, request.params.accountId, request.query) }),
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
