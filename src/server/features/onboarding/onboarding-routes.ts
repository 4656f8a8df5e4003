import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiErrorSchema } from '../../../shared/api-error.ts';
import { IdParamsSchema } from '../../../shared/customer-contracts.ts';
import {
  AnswerParamsSchema,
  OnboardingSessionSchema,
  SaveAnswerBodySchema,
} from '../../../shared/onboarding-contracts.ts';
import type { Deps } from '../../deps.ts';
import { actorOf, CUSTOMER_SETUP_ROLES } from '../../http/access.ts';

const tags = ['onboarding'];
const errors = { 400: ApiErrorSchema, 401: ApiErrorSchema, 403: ApiErrorSchema, 404: ApiErrorSchema };
const PdfSchema = z.any().describe('application/pdf');

export const onboardingRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const { sessions, outline } = deps.onboarding;
  const base = '/api/staff/accounts/:accountId/onboarding-session';

  app.get(
    base,
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'getOnboardingSession',
        tags,
        summary:
          'The onboard session of an account: every answer (read from where it is stored), who gave it, progress',
        params: IdParamsSchema,
        response: { 200: OnboardingSessionSchema, ...errors },
      },
    },
    async (request) => sessions.getSession(request.params.accountId),
  );

  app.put(
    `${base}/answers/:questionKey`,
    {
      config: { access: 'staff', roles: CUSTOMER_SETUP_ROLES },
      schema: {
        operationId: 'saveOnboardingAnswer',
        tags,
        summary: 'Save one answer; it is written where the product reads it. 409 when another PSM saved it first',
        params: AnswerParamsSchema,
        body: SaveAnswerBodySchema,
        response: { 200: OnboardingSessionSchema, 409: ApiErrorSchema, ...errors },
      },
    },
    async (request) =>
      sessions.saveAnswer(request.params.accountId, request.params.questionKey, request.body, actorOf(request)),
  );

  app.post(
    `${base}/complete`,
    {
      config: { access: 'staff', roles: CUSTOMER_SETUP_ROLES },
      schema: {
        operationId: 'completeOnboarding',
        tags,
        summary: 'Record "onboard complete" (date and PSM) once every Closing item is covered',
        params: IdParamsSchema,
        response: { 200: OnboardingSessionSchema, ...errors },
      },
    },
    async (request) => sessions.completeOnboarding(request.params.accountId, actorOf(request)),
  );

  app.get(
    `${base}/outline.pdf`,
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'downloadOnboardingOutline',
        tags,
        summary: 'The outline filled in with this account’s contacts and answers, and what is still open (PDF)',
        params: IdParamsSchema,
        response: { 200: PdfSchema, ...errors },
      },
    },
    async (request, reply) => {
      const pdf = await outline.filled(request.params.accountId);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="onboard-outline-${pdf.slug}.pdf"`)
        .send(pdf.bytes);
    },
  );

  app.get(
    '/api/staff/onboarding/outline.pdf',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'downloadBlankOnboardingOutline',
        tags,
        summary: 'The blank onboard outline, for preparing a call (PDF)',
        response: { 200: PdfSchema, 401: ApiErrorSchema, 403: ApiErrorSchema },
      },
    },
    async (_request, reply) =>
      reply
        .type('application/pdf')
        .header('content-disposition', 'attachment; filename="onboard-outline.pdf"')
        .send(await outline.blank()),
  );
};
