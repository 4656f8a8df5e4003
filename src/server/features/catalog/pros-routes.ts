import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiErrorSchema } from '../../../shared/api-error.ts';
import {
  AccountIdParamsSchema,
  ProFieldsSchema,
  ProIdParamsSchema,
  ProListSchema,
  ProPreferenceListSchema,
  ProSchema,
  SetProPreferencesBodySchema,
} from '../../../shared/catalog-contracts.ts';
import type { Deps } from '../../deps.ts';
import { actorOf, CUSTOMER_SETUP_ROLES } from '../../http/access.ts';
import { ifMatchVersion, withCurrentOnStale } from '../../http/versions.ts';
import { presentPro } from './catalog-presenters.ts';

const tags = ['pros'];

export const prosRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const { pros } = deps.catalog;

  app.get(
    '/api/staff/pros',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'listPros',
        tags,
        summary: 'Field technicians and the services they perform',
        response: { 200: ProListSchema },
      },
    },
    async () => ({ items: (await pros.listPros()).map(presentPro) }),
  );

  app.post(
    '/api/staff/pros',
    {
      config: { access: 'staff', roles: CUSTOMER_SETUP_ROLES },
      schema: {
        operationId: 'createPro',
        tags,
        summary: 'Add a pro',
        body: ProFieldsSchema,
        response: { 201: ProSchema, 400: ApiErrorSchema },
      },
    },
    async (request, reply) => reply.status(201).send(presentPro(await pros.createPro(request.body, actorOf(request)))),
  );

  app.put(
    '/api/staff/pros/:proId',
    {
      config: { access: 'staff', roles: CUSTOMER_SETUP_ROLES },
      schema: {
        operationId: 'updatePro',
        tags,
        summary: 'Change a pro’s details, skills or active flag (If-Match: their version)',
        params: ProIdParamsSchema,
        body: ProFieldsSchema,
        response: { 200: ProSchema, 400: ApiErrorSchema, 404: ApiErrorSchema, 409: ApiErrorSchema },
      },
    },
    async (request) => {
      const { proId } = request.params;
      const updated = await withCurrentOnStale(
        () => pros.updatePro(proId, request.body, actorOf(request), ifMatchVersion(request)),
        async () => presentPro(await pros.getPro(proId)),
      );
      return presentPro(updated);
    },
  );

  app.delete(
    '/api/staff/pros/:proId',
    {
      config: { access: 'staff', roles: CUSTOMER_SETUP_ROLES },
      schema: {
        operationId: 'deletePro',
        tags,
        summary: 'Delete a pro and the property preferences naming them',
        params: ProIdParamsSchema,
        response: { 204: z.null(), 404: ApiErrorSchema },
      },
    },
    async (request, reply) => {
      await pros.deletePro(request.params.proId, actorOf(request));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/staff/accounts/:accountId/pro-preferences',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'listProPreferences',
        tags,
        summary: 'Preferred and secondary pro per service at an account',
        params: AccountIdParamsSchema,
        response: { 200: ProPreferenceListSchema, 404: ApiErrorSchema },
      },
    },
    async (request) => ({ items: await pros.listProPreferences(request.params.accountId) }),
  );

  app.put(
    '/api/staff/accounts/:accountId/pro-preferences',
    {
      config: { access: 'staff', roles: CUSTOMER_SETUP_ROLES },
      schema: {
        operationId: 'setProPreferences',
        tags,
        summary: 'Replace the account’s pro preferences',
        params: AccountIdParamsSchema,
        body: SetProPreferencesBodySchema,
        response: { 200: ProPreferenceListSchema, 400: ApiErrorSchema, 404: ApiErrorSchema },
      },
    },
    async (request) => ({
      items: await pros.setProPreferences(request.params.accountId, request.body.preferences, actorOf(request)),
    }),
  );
};
