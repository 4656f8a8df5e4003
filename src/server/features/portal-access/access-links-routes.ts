import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ApiErrorSchema } from '../../../shared/api-error.ts';
import {
  AcceptedSchema,
  AccessLinkBodySchema,
  AccessLinkInspectionSchema,
  RedeemAccessLinkBodySchema,
  RedeemedAccessLinkSchema,
  RequestPasswordResetBodySchema,
  UsernameAvailabilityBodySchema,
  UsernameAvailabilitySchema,
} from '../../../shared/portal-access-contracts.ts';
import type { Deps } from '../../deps.ts';
import { cookieName, setSessionCookie } from '../../http/access.ts';
import { requestContext as context } from './request-context.ts';
import { PASSWORD_RESET_ACCEPTED_MESSAGE } from './portal-access-common.ts';
const CUSTOMER_TAGS = ['portal session'];

/** Forgot password and the emailed one-time links, before anyone is signed in. */
export const accessLinksRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const service = deps.portalAccess.links;

  app.post(
    '/api/portal/password-reset',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'requestCustomerPasswordReset',
        tags: CUSTOMER_TAGS,
        summary: 'Forgot password: emails a reset link when a login matches; the answer is the same either way',
        body: RequestPasswordResetBodySchema,
        response: { 202: AcceptedSchema, 400: ApiErrorSchema, 429: ApiErrorSchema },
      },
    },
    async (request, reply) => {
      await service.requestPasswordReset({ login: request.body.login, ...context(request) });
      return reply.status(202).send({ message: PASSWORD_RESET_ACCEPTED_MESSAGE });
    },
  );

  app.post(
    '/api/portal/links/inspect',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'inspectAccessLink',
        tags: CUSTOMER_TAGS,
        summary: 'Which form an emailed link opens (or why it no longer works); never consumes the link',
        body: AccessLinkBodySchema,
        response: { 200: AccessLinkInspectionSchema, 400: ApiErrorSchema, 429: ApiErrorSchema },
      },
    },
    async (request) => service.inspectLink({ token: request.body.token, ...context(request) }),
  );

  app.post(
    '/api/portal/links/redeem',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'redeemAccessLink',
        tags: CUSTOMER_TAGS,
        summary: 'Use an emailed link once: set credentials, reset the password, verify the email or sign in',
        body: RedeemAccessLinkBodySchema,
        response: { 200: RedeemedAccessLinkSchema, 400: ApiErrorSchema, 409: ApiErrorSchema, 429: ApiErrorSchema },
      },
    },
    async (request, reply) => {
      const { outcome, sessionToken } = await service.redeemLink({
        ...request.body,
        ...context(request),
        previousSessionToken: request.cookies[cookieName(deps.config, 'customer')] ?? null,
      });
      if (sessionToken) setSessionCookie(reply, deps.config, 'customer', sessionToken);
      return { outcome };
    },
  );

  app.post(
    '/api/portal/links/username-availability',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'checkUsernameAvailability',
        tags: CUSTOMER_TAGS,
        summary: 'Whether a username is free, for the credential-create page (needs its live link)',
        body: UsernameAvailabilityBodySchema,
        response: { 200: UsernameAvailabilitySchema, 400: ApiErrorSchema, 429: ApiErrorSchema },
      },
    },
    async (request) => service.checkUsername({ ...request.body, ...context(request) }),
  );
};
