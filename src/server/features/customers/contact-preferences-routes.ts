import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ApiErrorSchema } from '../../../shared/api-error.ts';
import {
  ContactIdParamsSchema,
  ContactPreferencesBodySchema,
  ContactSchema,
} from '../../../shared/customer-contracts.ts';
import type { Deps } from '../../deps.ts';
import { actorOf } from '../../http/access.ts';
import { presentContact } from './customers-routes.ts';

const errors = { 400: ApiErrorSchema, 401: ApiErrorSchema, 403: ApiErrorSchema, 404: ApiErrorSchema };

export const contactPreferencesRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const { contacts } = deps.customers;

  app.put(
    '/api/staff/contacts/:contactId/preferences',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'updateContactPreferences',
        tags: ['contacts'],
        summary: 'Set how turn and approval messages reach a contact and whether they may change the schedule',
        params: ContactIdParamsSchema,
        body: ContactPreferencesBodySchema,
        response: { 200: ContactSchema, ...errors },
      },
    },
    async (request) =>
      presentContact(await contacts.updateContactPreferences(request.params.contactId, request.body, actorOf(request))),
  );
};
