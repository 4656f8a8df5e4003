import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiErrorSchema } from '../../../shared/api-error.ts';
import { ProIdParamsSchema } from '../../../shared/catalog-contracts.ts';
import {
  AcceptedProLinkSchema,
  EndedProSessionsSchema,
  PRO_LINK_ACCEPTED_MESSAGE,
  ProLinkBodySchema,
  ProLinkInspectionSchema,
  ProSessionSchema,
  ProSignInLinkRequestBodySchema,
  SendProSignInLinkBodySchema,
  SentProSignInLinkSchema,
} from '../../../shared/pro-access-contracts.ts';
import type { Deps } from '../../deps.ts';
import { actorOf, clearSessionCookie, cookieName, requirePro, setSessionCookie } from '../../http/access.ts';

const PRO_TAGS = ['pro sign-in'];
const STAFF_TAGS = ['pros'];

export const proAccessRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const { service } = deps.proAccess;
  const context = (request: FastifyRequest) => ({
    actor: actorOf(request),
    userAgent: request.headers['user-agent'] ?? null,
  });

  app.post(
    '/api/pro/sign-in-links',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'requestProSignInLink',
        tags: PRO_TAGS,
        summary: 'Text (phone) or email a one-time sign-in link to a pro; the answer is the same either way',
        body: ProSignInLinkRequestBodySchema,
        response: { 202: AcceptedProLinkSchema, 400: ApiErrorSchema, 429: ApiErrorSchema },
      },
    },
    async (request, reply) => {
      await service.requestLink({ login: request.body.login, ...context(request) });
      return reply.status(202).send({ message: PRO_LINK_ACCEPTED_MESSAGE });
    },
  );

  app.post(
    '/api/pro/links/inspect',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'inspectProLink',
        tags: PRO_TAGS,
        summary: 'Whether a pro sign-in link still works, for its confirm page; never consumes it',
        body: ProLinkBodySchema,
        response: { 200: ProLinkInspectionSchema, 400: ApiErrorSchema },
      },
    },
    async (request) => service.inspectLink({ token: request.body.token }),
  );

  app.post(
    '/api/pro/links/redeem',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'redeemProLink',
        tags: PRO_TAGS,
        summary: 'Use a pro sign-in link once and start a working-day session',
        body: ProLinkBodySchema,
        response: { 204: z.null(), 400: ApiErrorSchema, 429: ApiErrorSchema },
      },
    },
    async (request, reply) => {
      const session = await service.redeemLink({ token: request.body.token, ...context(request) });
      setSessionCookie(reply, deps.config, 'pro', session.token);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/pro/session',
    {
      config: { access: 'pro' },
      schema: {
        operationId: 'getProSession',
        tags: PRO_TAGS,
        summary: 'The signed-in pro',
        response: { 200: ProSessionSchema },
      },
    },
    async (request) => requirePro(request),
  );

  app.delete(
    '/api/pro/session',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'signOutPro',
        tags: PRO_TAGS,
        summary: 'End the current pro session',
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const token = request.cookies[cookieName(deps.config, 'pro')];
      if (token) await service.endSession(token);
      clearSessionCookie(reply, deps.config, 'pro');
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/staff/pros/:proId/sign-in-link',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'sendProSignInLink',
        tags: STAFF_TAGS,
        summary: 'Send a pro a one-time sign-in link by SMS or email (15 minutes)',
        params: ProIdParamsSchema,
        body: SendProSignInLinkBodySchema,
        response: { 200: SentProSignInLinkSchema, 404: ApiErrorSchema, 409: ApiErrorSchema, 429: ApiErrorSchema },
      },
    },
    async (request) =>
      service.sendLinkAsStaff({ proId: request.params.proId, channel: request.body.channel, ...context(request) }),
  );

  app.delete(
    '/api/staff/pros/:proId/sessions',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'endProSessions',
        tags: STAFF_TAGS,
        summary: 'Sign a pro out everywhere (a lost phone) and kill their unused links',
        params: ProIdParamsSchema,
        response: { 200: EndedProSessionsSchema, 404: ApiErrorSchema },
      },
    },
    async (request) => service.endSessionsAsStaff({ proId: request.params.proId, ...context(request) }),
  );
};
