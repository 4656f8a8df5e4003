import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ApiErrorSchema } from '../../../shared/api-error.ts';
import {
  AccountIdParamsSchema,
  AccountServiceListSchema,
  ListServicesQuerySchema,
  ReorderAccountServicesBodySchema,
  ServiceFieldsSchema,
  ServiceIdParamsSchema,
  ServiceListSchema,
  ServiceSchema,
} from '../../../shared/catalog-contracts.ts';
import type { Deps } from '../../deps.ts';
import { actorOf, CUSTOMER_SETUP_ROLES } from '../../http/access.ts';
import { presentService } from './catalog-presenters.ts';

const tags = ['services catalog'];

export const serviceCatalogRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const { services } = deps.catalog;

  app.get(
    '/api/staff/services',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'listServices',
        tags,
        summary: 'The vendor-wide services catalog, in schedule order',
        querystring: ListServicesQuerySchema,
        response: { 200: ServiceListSchema, 400: ApiErrorSchema },
      },
    },
    async (request) => ({ items: (await services.listVendorServices(request.query)).map(presentService) }),
  );

  app.post(
    '/api/staff/services',
    {
      config: { access: 'staff', roles: CUSTOMER_SETUP_ROLES },
      schema: {
        operationId: 'createService',
        tags,
        summary: 'Add a service to the vendor-wide catalog',
        body: ServiceFieldsSchema,
        response: { 201: ServiceSchema, 400: ApiErrorSchema, 409: ApiErrorSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(presentService(await services.createVendorService(request.body, actorOf(request)))),
  );

  app.put(
    '/api/staff/services/:serviceId',
    {
      config: { access: 'staff', roles: CUSTOMER_SETUP_ROLES },
      schema: {
        operationId: 'updateService',
        tags,
        summary: 'Change a vendor or custom service (deactivate instead of deleting)',
        params: ServiceIdParamsSchema,
        body: ServiceFieldsSchema,
        response: { 200: ServiceSchema, 400: ApiErrorSchema, 404: ApiErrorSchema, 409: ApiErrorSchema },
      },
    },
    async (request) =>
      presentService(await services.updateService(request.params.serviceId, request.body, actorOf(request))),
  );

  app.get(
    '/api/staff/accounts/:accountId/services',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'listAccountServices',
        tags,
        summary: 'The services an account can order (catalog and custom), in the account’s order',
        params: AccountIdParamsSchema,
        response: { 200: AccountServiceListSchema, 404: ApiErrorSchema },
      },
    },
    async (request) => presentOrdered(await services.listAccountServices(request.params.accountId)),
  );

  app.post(
    '/api/staff/accounts/:accountId/services',
    {
      config: { access: 'staff', roles: CUSTOMER_SETUP_ROLES },
      schema: {
        operationId: 'createAccountService',
        tags,
        summary: 'Add a custom service for one account',
        params: AccountIdParamsSchema,
        body: ServiceFieldsSchema,
        response: { 201: ServiceSchema, 400: ApiErrorSchema, 404: ApiErrorSchema, 409: ApiErrorSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          presentService(await services.createAccountService(request.params.accountId, request.body, actorOf(request))),
        ),
  );

  app.put(
    '/api/staff/accounts/:accountId/services/order',
    {
      config: { access: 'staff', roles: CUSTOMER_SETUP_ROLES },
      schema: {
        operationId: 'reorderAccountServices',
        tags,
        summary: 'Set the order the account sees its services in',
        params: AccountIdParamsSchema,
        body: ReorderAccountServicesBodySchema,
        response: { 200: AccountServiceListSchema, 400: ApiErrorSchema, 404: ApiErrorSchema },
      },
    },
    async (request) =>
      presentOrdered(
        await services.reorderAccountServices(request.params.accountId, request.body.serviceIds, actorOf(request)),
      ),
  );
};

function presentOrdered(rows: Awaited<ReturnType<Deps['catalog']['services']['listAccountServices']>>) {
  return { items: rows.map((row, position) => ({ ...presentService(row), position })) };
}
