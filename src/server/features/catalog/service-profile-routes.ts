import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ApiErrorSchema } from '../../../shared/api-error.ts';
import {
  AccountIdParamsSchema,
  ServiceProfileSchema,
  UpdateServiceProfileBodySchema,
} from '../../../shared/catalog-contracts.ts';
import type { Deps } from '../../deps.ts';
import { actorOf } from '../../http/access.ts';
import { ifMatchVersion, withCurrentOnStale } from '../../http/versions.ts';

const tags = ['service profile'];

export const serviceProfileRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const { serviceProfiles } = deps.catalog;

  app.get(
    '/api/staff/accounts/:accountId/service-profile',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'getServiceProfile',
        tags,
        summary: 'Turn profile, add-on approval, backup phone and main approver of an account',
        params: AccountIdParamsSchema,
        response: { 200: ServiceProfileSchema, 404: ApiErrorSchema },
      },
    },
    async (request) => serviceProfiles.getServiceProfile(request.params.accountId),
  );

  app.put(
    '/api/staff/accounts/:accountId/service-profile',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'updateServiceProfile',
        tags,
        summary: 'Save an account’s service profile (If-Match: its version, 0 before the first save)',
        params: AccountIdParamsSchema,
        body: UpdateServiceProfileBodySchema,
        response: { 200: ServiceProfileSchema, 400: ApiErrorSchema, 404: ApiErrorSchema, 409: ApiErrorSchema },
      },
    },
    async (request) => {
      const { accountId } = request.params;
      return withCurrentOnStale(
        () => serviceProfiles.updateServiceProfile(accountId, request.body, actorOf(request), ifMatchVersion(request)),
        () => serviceProfiles.getServiceProfile(accountId),
      );
    },
  );
};
