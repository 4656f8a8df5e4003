import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ApiErrorSchema } from '../../../shared/api-error.ts';
import {
  ApprovalLinkBodySchema,
  ApprovalLinkInspectionSchema,
  DecidedByLinkSchema,
  DecideByLinkBodySchema,
} from '../../../shared/approval-link-contracts.ts';
import type { Deps } from '../../deps.ts';
import { actorOf } from '../../http/access.ts';

const TAGS = ['portal add-on links'];

/** The one-tap approval links texted to the backup phone; both are POSTs, so a GET never decides. */
export const approvalLinksRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const links = deps.turns.approvalLinks;

  app.post(
    '/api/portal/approval-links/inspect',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'inspectApprovalLink',
        tags: TAGS,
        summary: 'What a texted approval link is for (or why it no longer works); never decides',
        body: ApprovalLinkBodySchema,
        response: { 200: ApprovalLinkInspectionSchema, 400: ApiErrorSchema, 429: ApiErrorSchema },
      },
    },
    async (request) => links.inspect(request.body.token, actorOf(request)),
  );

  app.post(
    '/api/portal/approval-links/decide',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'decideByApprovalLink',
        tags: TAGS,
        summary: 'Approve or decline the add-on of a texted link; the link works once',
        body: DecideByLinkBodySchema,
        response: { 200: DecidedByLinkSchema, 400: ApiErrorSchema, 429: ApiErrorSchema },
      },
    },
    async (request) => links.decide(request.body.token, request.body.decision, actorOf(request)),
  );
};
