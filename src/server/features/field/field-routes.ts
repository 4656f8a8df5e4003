import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiErrorSchema } from '../../../shared/api-error.ts';
import { AccountIdParamsSchema } from '../../../shared/catalog-contracts.ts';
import {
  AssignmentListSchema,
  AssignmentsQuerySchema,
  CreateReworkLineBodySchema,
  DismissReworkRequestBodySchema,
  PhotoIdParamsSchema,
  PhotoListSchema,
  PhotoSchema,
  ProAddOnRequestBodySchema,
  ProPhotoUploadQuerySchema,
  ProStatusChangeBodySchema,
  ReportIssueBodySchema,
  ReworkRequestIdParamsSchema,
  ReworkRequestListQuerySchema,
  ReworkRequestListSchema,
  ReworkSummarySchema,
} from '../../../shared/field-contracts.ts';
import { ServiceLineIdParamsSchema, TurnIdParamsSchema, TurnSchema } from '../../../shared/turn-contracts.ts';
import type { Deps } from '../../deps.ts';
import { actorOf, requireCustomer, requirePro, requireStaff } from '../../http/access.ts';
import { MAX_PHOTO_BYTES } from '../photos/index.ts';
import type { Viewer } from './field-service.ts';

const PRO_TAGS = ['pro field work'];
const PORTAL_TAGS = ['portal turns'];
const STAFF_TAGS = ['rework'];
const changing = { 400: ApiErrorSchema, 404: ApiErrorSchema, 409: ApiErrorSchema };
const uploading = { ...changing, 413: ApiErrorSchema, 415: ApiErrorSchema };
// Twice the photo limit, so an oversized photo gets the photo limit's own message; beyond that Fastify refuses.
const UPLOAD_BODY_LIMIT = 2 * MAX_PHOTO_BYTES;

const proViewer = (request: FastifyRequest): Viewer => ({ kind: 'pro', proId: requirePro(request).proId });
const customerViewer = (request: FastifyRequest): Viewer & { kind: 'customer' } => {
  const customer = requireCustomer(request);
  return { kind: 'customer', accountIds: customer.accountIds, loginId: customer.portalLoginId };
};

async function sendPhoto(reply: FastifyReply, photo: { data: Buffer; contentType: string }) {
  return reply.type(photo.contentType).header('content-disposition', 'inline').send(photo.data);
}

export const fieldRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const { field } = deps;
  // Photos arrive as the raw file; their content, not this header, decides whether they are accepted.
  app.addContentTypeParser(
    /^(image\/[\w.+-]+|application\/octet-stream)$/,
    { parseAs: 'buffer' },
    (_request, body, done) => done(null, body),
  );

  // ---- The pro's page ----

  app.get(
    '/api/pro/assignments',
    {
      config: { access: 'pro' },
      schema: {
        operationId: 'listProAssignments',
        tags: PRO_TAGS,
        summary: 'The signed-in pro’s services in a date window (at most 31 days), with what is needed on site',
        querystring: AssignmentsQuerySchema,
        response: { 200: AssignmentListSchema, 400: ApiErrorSchema },
      },
    },
    async (request) => ({
      items: await field.listAssignments(requirePro(request).proId, request.query.from, request.query.to),
    }),
  );

  app.post(
    '/api/pro/service-lines/:serviceLineId/photos',
    {
      config: { access: 'pro' },
      bodyLimit: UPLOAD_BODY_LIMIT,
      schema: {
        operationId: 'uploadProPhoto',
        tags: PRO_TAGS,
        summary: `A before, after or add-on photo of one of the pro’s services (the file as the body, at most ${MAX_PHOTO_BYTES / 1024 / 1024} MB)`,
        params: ServiceLineIdParamsSchema,
        querystring: ProPhotoUploadQuerySchema,
        response: { 201: PhotoSchema, ...uploading },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await field.uploadAsPro(
            requirePro(request).proId,
            request.params.serviceLineId,
            request.query.purpose,
            request.body,
          ),
        ),
  );

  for (const [path, operationId, summary, action] of [
    ['start', 'startProService', 'Start one of the pro’s services (in progress for the customer)', 'startService'],
    ['complete', 'completeProService', 'Complete one of the pro’s services', 'completeService'],
  ] as const) {
    app.post(
      `/api/pro/service-lines/:serviceLineId/${path}`,
      {
        config: { access: 'pro' },
        schema: {
          operationId,
          tags: PRO_TAGS,
          summary,
          params: ServiceLineIdParamsSchema,
          body: ProStatusChangeBodySchema,
          response: { 204: z.null(), ...changing },
        },
      },
      async (request, reply) => {
        await field[action](requirePro(request).proId, request.params.serviceLineId, actorOf(request));
        return reply.status(204).send(null);
      },
    );
  }

  app.post(
    '/api/pro/service-lines/:serviceLineId/add-ons',
    {
      config: { access: 'pro', idempotent: true },
      schema: {
        operationId: 'requestProAddOn',
        tags: PRO_TAGS,
        summary: 'Ask for an add-on from the floorplan’s pricelist, with a note and photos, under the account’s policy',
        params: ServiceLineIdParamsSchema,
        body: ProAddOnRequestBodySchema,
        response: { 204: z.null(), ...changing },
      },
    },
    async (request, reply) => {
      await field.requestAddOn(requirePro(request).proId, request.params.serviceLineId, request.body, actorOf(request));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/pro/photos/:photoId',
    {
      config: { access: 'pro' },
      schema: {
        operationId: 'getProPhoto',
        tags: PRO_TAGS,
        summary: 'A photo of a turn the pro works on (image/jpeg)',
        params: PhotoIdParamsSchema,
        response: { 200: z.unknown().describe('image/jpeg'), 404: ApiErrorSchema },
      },
    },
    async (request, reply) => sendPhoto(reply, await field.readPhoto(proViewer(request), request.params.photoId)),
  );

  // ---- The customer portal ----

  app.get(
    '/api/portal/turns/:turnId/photos',
    {
      config: { access: 'customer' },
      schema: {
        operationId: 'listPortalTurnPhotos',
        tags: PORTAL_TAGS,
        summary: 'The photos of a turn: before and after, with add-on requests, with reported issues',
        params: TurnIdParamsSchema,
        response: { 200: PhotoListSchema, 404: ApiErrorSchema },
      },
    },
    async (request) => ({ items: await field.listTurnPhotos(customerViewer(request), request.params.turnId) }),
  );

  app.get(
    '/api/portal/photos/:photoId',
    {
      config: { access: 'customer' },
      schema: {
        operationId: 'getPortalPhoto',
        tags: PORTAL_TAGS,
        summary: 'A photo of one of the customer’s turns (image/jpeg)',
        params: PhotoIdParamsSchema,
        response: { 200: z.unknown().describe('image/jpeg'), 404: ApiErrorSchema },
      },
    },
    async (request, reply) => sendPhoto(reply, await field.readPhoto(customerViewer(request), request.params.photoId)),
  );

  app.post(
    '/api/portal/service-lines/:serviceLineId/photos',
    {
      config: { access: 'customer' },
      bodyLimit: UPLOAD_BODY_LIMIT,
      schema: {
        operationId: 'uploadPortalIssuePhoto',
        tags: PORTAL_TAGS,
        summary: `A photo for an issue with a completed service (the file as the body, at most ${MAX_PHOTO_BYTES / 1024 / 1024} MB)`,
        params: ServiceLineIdParamsSchema,
        response: { 201: PhotoSchema, ...uploading },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await field.uploadAsCustomer(customerViewer(request), request.params.serviceLineId, request.body)),
  );

  app.post(
    '/api/portal/service-lines/:serviceLineId/issues',
    {
      config: { access: 'customer' },
      schema: {
        operationId: 'reportServiceIssue',
        tags: PORTAL_TAGS,
        summary: 'Report an issue with a completed service (a rework request for staff)',
        params: ServiceLineIdParamsSchema,
        body: ReportIssueBodySchema,
        response: { 201: z.object({ id: z.string(), status: z.literal('open') }), ...changing },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await field.reportIssue(
            customerViewer(request),
            request.params.serviceLineId,
            request.body,
            actorOf(request),
          ),
        ),
  );

  // ---- Staff ----

  app.get(
    '/api/staff/turns/:turnId/photos',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'listStaffTurnPhotos',
        tags: STAFF_TAGS,
        summary: 'Every photo of a turn',
        params: TurnIdParamsSchema,
        response: { 200: PhotoListSchema, 404: ApiErrorSchema },
      },
    },
    async (request) => ({ items: await field.listTurnPhotos({ kind: 'staff' }, request.params.turnId) }),
  );

  app.get(
    '/api/staff/photos/:photoId',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'getStaffPhoto',
        tags: STAFF_TAGS,
        summary: 'A photo (image/jpeg)',
        params: PhotoIdParamsSchema,
        response: { 200: z.unknown().describe('image/jpeg'), 404: ApiErrorSchema },
      },
    },
    async (request, reply) => sendPhoto(reply, await field.readPhoto({ kind: 'staff' }, request.params.photoId)),
  );

  app.get(
    '/api/staff/rework-requests',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'listReworkRequests',
        tags: STAFF_TAGS,
        summary: 'The rework desk: issues customers reported on completed services, newest first',
        querystring: ReworkRequestListQuerySchema,
        response: { 200: ReworkRequestListSchema },
      },
    },
    async (request) => field.listReworkRequests(request.query),
  );

  app.post(
    '/api/staff/rework-requests/:reworkRequestId/rework-line',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'createReworkLine',
        tags: STAFF_TAGS,
        summary: 'Turn a rework request into a punch-back service on the same turn, assigned to a pro',
        params: ReworkRequestIdParamsSchema,
        body: CreateReworkLineBodySchema,
        response: { 201: z.object({ reworkServiceLineId: z.string(), turn: TurnSchema }), ...changing },
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request);
      const created = await field.createReworkLine(request.params.reworkRequestId, request.body, {
        ...actorOf(request),
        actorId: staff.id,
      });
      return reply.status(201).send(created);
    },
  );

  app.post(
    '/api/staff/rework-requests/:reworkRequestId/dismiss',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'dismissReworkRequest',
        tags: STAFF_TAGS,
        summary: 'Close a rework request without a punch-back visit, saying why',
        params: ReworkRequestIdParamsSchema,
        body: DismissReworkRequestBodySchema,
        response: { 200: z.object({ id: z.string(), status: z.literal('dismissed') }), ...changing },
      },
    },
    async (request) => {
      const staff = requireStaff(request);
      return field.dismissReworkRequest(request.params.reworkRequestId, request.body.reason, {
        ...actorOf(request),
        actorId: staff.id,
      });
    },
  );

  app.get(
    '/api/staff/accounts/:accountId/rework-summary',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'getReworkSummary',
        tags: STAFF_TAGS,
        summary: 'Punch-back visits on an account, counted per pro and per service',
        params: AccountIdParamsSchema,
        response: { 200: ReworkSummarySchema },
      },
    },
    async (request) => field.reworkSummary(request.params.accountId),
  );
};
