import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiErrorSchema } from '../../../shared/api-error.ts';
import {
  ChangeCustomerPasswordBodySchema,
  CustomerAccountListSchema,
  CustomerDeviceListSchema,
  ListCustomerAccountsQuerySchema,
  CustomerDeviceParamsSchema,
  CustomerDevicesQuerySchema,
  CustomerSessionSchema,
  SignInCustomerBodySchema,
} from '../../../shared/portal-access-contracts.ts';
import type { Deps } from '../../deps.ts';
import { clearSessionCookie, cookieName, requireCustomer, setSessionCookie } from '../../http/access.ts';
import { requestContext as context } from './request-context.ts';

const CUSTOMER_TAGS = ['portal session'];

/** The signed-in customer: sign in and out, the session, its password and its accounts. */
export const customerSessionRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const service = deps.portalAccess.customerSessions;

  app.post(
    '/api/portal/session',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'signInCustomer',
        tags: CUSTOMER_TAGS,
        summary: 'Sign a customer in with username or portal email and password; sets the portal session cookie',
        body: SignInCustomerBodySchema,
        response: {
          200: z.object({ mustChangePassword: z.boolean() }),
          400: ApiErrorSchema,
          401: ApiErrorSchema,
          403: ApiErrorSchema,
          429: ApiErrorSchema,
        },
      },
    },
    async (request, reply) => {
      const { token, mustChangePassword } = await service.signIn({
        login: request.body.login,
        password: request.body.password,
        ...context(request),
      });
      setSessionCookie(reply, deps.config, 'customer', token);
      return { mustChangePassword };
    },
  );

  app.get(
    '/api/portal/session',
    {
      config: { access: 'customer', allowDuringPasswordChange: true, cachedRead: true },
      schema: {
        operationId: 'getCustomerSession',
        tags: CUSTOMER_TAGS,
        summary: 'The signed-in customer, and whether staff are viewing the portal as them',
        response: { 200: CustomerSessionSchema, 401: ApiErrorSchema },
      },
    },
    async (request) => service.describeSession(requireCustomer(request), request.sessionToken),
  );

  app.delete(
    '/api/portal/session',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'signOutCustomer',
        tags: CUSTOMER_TAGS,
        summary: 'End the current portal session (also ends a staff "view portal as" session)',
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const token = request.cookies[cookieName(deps.config, 'customer')];
      if (token) await service.endSession(token, context(request));
      clearSessionCookie(reply, deps.config, 'customer');
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/portal/session/password',
    {
      config: { access: 'customer', allowDuringPasswordChange: true },
      schema: {
        operationId: 'changeCustomerPassword',
        tags: CUSTOMER_TAGS,
        summary:
          'Change the signed-in customer’s password (also the forced change after a temporary password); ends other sessions',
        body: ChangeCustomerPasswordBodySchema,
        response: { 204: z.null(), 400: ApiErrorSchema, 401: ApiErrorSchema, 403: ApiErrorSchema, 429: ApiErrorSchema },
      },
    },
    async (request, reply) => {
      const customer = requireCustomer(request);
      const { token } = await service.changePassword({
        loginId: customer.portalLoginId,
        currentPassword: request.body.currentPassword,
        newPassword: request.body.newPassword,
        ...context(request),
      });
      setSessionCookie(reply, deps.config, 'customer', token);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/portal/accounts',
    {
      config: { access: 'customer' },
      schema: {
        operationId: 'listCustomerAccounts',
        tags: CUSTOMER_TAGS,
        summary: 'A page of the properties and companies the signed-in customer may see, by name',
        querystring: ListCustomerAccountsQuerySchema,
        response: { 200: CustomerAccountListSchema, 400: ApiErrorSchema, 401: ApiErrorSchema, 403: ApiErrorSchema },
      },
    },
    async (request) => service.listAccounts(requireCustomer(request).accountIds, request.query),
  );

  app.get(
    '/api/portal/session/devices',
    {
      config: { access: 'customer' },
      schema: {
        operationId: 'listCustomerDevices',
        tags: CUSTOMER_TAGS,
        summary: 'The devices where this customer is signed in (this one marked), newest activity first',
        querystring: CustomerDevicesQuerySchema,
        response: { 200: CustomerDeviceListSchema, 400: ApiErrorSchema, 401: ApiErrorSchema, 403: ApiErrorSchema },
      },
    },
    async (request) => service.listDevices(requireCustomer(request).portalLoginId, request.sessionToken, request.query),
  );

  app.delete(
    '/api/portal/session/devices/:deviceId',
    {
      config: { access: 'customer' },
      schema: {
        operationId: 'signOutCustomerDevice',
        tags: CUSTOMER_TAGS,
        summary: 'Sign one of this customer’s devices out',
        params: CustomerDeviceParamsSchema,
        response: { 204: z.null(), 400: ApiErrorSchema, 401: ApiErrorSchema, 403: ApiErrorSchema, 404: ApiErrorSchema },
      },
    },
    async (request, reply) => {
      await service.endDevice(requireCustomer(request).portalLoginId, request.params.deviceId, context(request));
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/api/portal/session/devices',
    {
      config: { access: 'customer' },
      schema: {
        operationId: 'signOutCustomerEverywhere',
        tags: CUSTOMER_TAGS,
        summary: 'Sign this customer out on every device, this one included',
        response: { 204: z.null(), 401: ApiErrorSchema, 403: ApiErrorSchema },
      },
    },
    async (request, reply) => {
      await service.endAllDevices(requireCustomer(request).portalLoginId, context(request));
      clearSessionCookie(reply, deps.config, 'customer');
      return reply.status(204).send(null);
    },
  );
};
