import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ApiErrorSchema } from '../../../shared/api-error.ts';
import { BillingProfileFieldsSchema, BillingProfileSchema } from '../../../shared/billing-contracts.ts';
import { IdParamsSchema } from '../../../shared/customer-contracts.ts';
import type { Deps } from '../../deps.ts';
import { actorOf, CUSTOMER_SETUP_ROLES } from '../../http/access.ts';

const errors = { 400: ApiErrorSchema, 401: ApiErrorSchema, 403: ApiErrorSchema, 404: ApiErrorSchema };

export const billingProfileRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const { billing } = deps.customers;

  app.get(
    '/api/staff/accounts/:accountId/billing-profile',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'getBillingProfile',
        tags: ['customers'],
        summary: 'The account’s billing contact, address, billing type and cycle',
        params: IdParamsSchema,
        response: { 200: BillingProfileSchema, ...errors },
      },
    },
    async (request) => billing.getBillingProfile(request.params.accountId),
  );

  app.put(
    '/api/staff/accounts/:accountId/billing-profile',
    {
      config: { access: 'staff', roles: CUSTOMER_SETUP_ROLES },
      schema: {
        operationId: 'updateBillingProfile',
        tags: ['customers'],
        summary: 'Save the account’s billing profile',
        params: IdParamsSchema,
        body: BillingProfileFieldsSchema,
        response: { 200: BillingProfileSchema, ...errors },
      },
    },
    async (request) => billing.updateBillingProfile(request.params.accountId, request.body, actorOf(request)),
  );
};
