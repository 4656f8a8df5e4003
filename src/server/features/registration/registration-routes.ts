import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ApiErrorSchema } from '../../../shared/api-error.ts';
import {
  AccountParamsSchema,
  AddRegistrationNoteBodySchema,
  BulkPortalLoginPlanSchema,
  BulkPortalLoginResultSchema,
  CloseRegistrationRequestBodySchema,
  ListRegistrationRequestsQuerySchema,
  MatchRegistrationRequestBodySchema,
  PortalKeyEmailPreviewSchema,
  PublicRegistrationSettingsSchema,
  RegisterWithPortalKeyBodySchema,
  RegisterWithPortalKeyResultSchema,
  RegistrationAccountCandidateListSchema,
  RegistrationContactCandidateListSchema,
  RegistrationRequestDetailSchema,
  RegistrationRequestListSchema,
  RegistrationRequestParamsSchema,
  RegistrationSettingsSchema,
  RequestPortalRegistrationBodySchema,
  RequestPortalRegistrationResultSchema,
  SearchRegistrationAccountsQuerySchema,
  SearchRegistrationContactsQuerySchema,
  SetRegistrationStepBodySchema,
  UpdateRegistrationSettingsBodySchema,
} from '../../../shared/registration-contracts.ts';
import type { Deps } from '../../deps.ts';
import { actorOf, requireStaff } from '../../http/access.ts';
import {
  presentContact,
  presentRequestDetail,
  presentRequestSummary,
  presentSettings,
} from './registration-presenters.ts';

const PUBLIC_TAGS = ['registration'];
const STAFF_TAGS = ['registration requests'];

export const registrationRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const { selfRegistration, queue, settings, bulkPortalLogins } = deps.registration;

  // ---------- public: portal visitors ----------

  app.get(
    '/api/portal/registration-settings',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'getRegistrationSettings',
        tags: PUBLIC_TAGS,
        summary: 'Whether visitors may sign up in the portal (shows the Sign up button)',
        response: { 200: PublicRegistrationSettingsSchema },
      },
    },
    async () => selfRegistration.getPublicSettings(),
  );

  app.post(
    '/api/portal/registrations',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'registerWithPortalKey',
        tags: PUBLIC_TAGS,
        summary: 'Sign up with the account’s portal key and account number; the login works once the email is verified',
        body: RegisterWithPortalKeyBodySchema,
        response: {
          201: RegisterWithPortalKeyResultSchema,
          400: ApiErrorSchema,
          403: ApiErrorSchema,
          429: ApiErrorSchema,
        },
      },
    },
    async (request, reply) => {
      const { email } = await selfRegistration.registerWithPortalKey(request.body, actorOf(request));
      return reply.status(201).send({ status: 'verification_sent', email });
    },
  );

  app.post(
    '/api/portal/registration-requests',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'requestPortalRegistration',
        tags: PUBLIC_TAGS,
        summary: 'Ask for a portal login without a portal key; staff match the request to an account',
        body: RequestPortalRegistrationBodySchema,
        response: {
          202: RequestPortalRegistrationResultSchema,
          400: ApiErrorSchema,
          403: ApiErrorSchema,
          429: ApiErrorSchema,
        },
      },
    },
    async (request, reply) => {
      await selfRegistration.requestPortalRegistration(request.body, actorOf(request));
      return reply.status(202).send({ status: 'received' });
    },
  );

  // ---------- staff: the queue ----------

  app.get(
    '/api/staff/registration-requests',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'listRegistrationRequests',
        tags: STAFF_TAGS,
        summary:
          'Registration requests, newest first, filtered by state and searched by name, email, property or account',
        querystring: ListRegistrationRequestsQuerySchema,
        response: { 200: RegistrationRequestListSchema },
      },
    },
    async (request) => {
      const { rows, hasMore } = await queue.listRequests(request.query);
      return { items: rows.map(presentRequestSummary), hasMore };
    },
  );

  app.get(
    '/api/staff/registration-requests/:requestId',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'getRegistrationRequest',
        tags: STAFF_TAGS,
        summary: 'One registration request with its contact, history and the configured steps',
        params: RegistrationRequestParamsSchema,
        response: { 200: RegistrationRequestDetailSchema, 404: ApiErrorSchema },
      },
    },
    async (request) => presentRequestDetail(await queue.getRequest(request.params.requestId)),
  );

  app.get(
    '/api/staff/registration-requests/:requestId/account-candidates',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'searchRegistrationAccounts',
        tags: STAFF_TAGS,
        summary: 'Accounts to match a request to, by name or account number',
        params: RegistrationRequestParamsSchema,
        querystring: SearchRegistrationAccountsQuerySchema,
        response: { 200: RegistrationAccountCandidateListSchema },
      },
    },
    async (request) => ({ items: await queue.searchAccounts(request.query.search) }),
  );

  app.get(
    '/api/staff/registration-requests/:requestId/contact-candidates',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'searchRegistrationContacts',
        tags: STAFF_TAGS,
        summary: 'Contacts of an account to match a request to, by name or email; those with the submitted email first',
        params: RegistrationRequestParamsSchema,
        querystring: SearchRegistrationContactsQuerySchema,
        response: { 200: RegistrationContactCandidateListSchema, 404: ApiErrorSchema },
      },
    },
    async (request) => {
      const contacts = await queue.searchContacts(
        request.params.requestId,
        request.query.accountId,
        request.query.search,
      );
      return {
        items: contacts.map((contact) => ({
          ...presentContact(contact),
          hasSubmittedEmail: contact.hasSubmittedEmail,
        })),
      };
    },
  );

  app.post(
    '/api/staff/registration-requests/:requestId/match',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'matchRegistrationRequest',
        tags: STAFF_TAGS,
        summary:
          'Assign the request to an account and a contact (existing or new), optionally adding the submitted email to the contact',
        params: RegistrationRequestParamsSchema,
        body: MatchRegistrationRequestBodySchema,
        response: {
          200: RegistrationRequestDetailSchema,
          400: ApiErrorSchema,
          404: ApiErrorSchema,
          409: ApiErrorSchema,
        },
      },
    },
    async (request) => {
      const staff = requireStaff(request);
      await queue.matchRequest(request.params.requestId, request.body, { ...actorOf(request), actorId: staff.id });
      return presentRequestDetail(await queue.getRequest(request.params.requestId));
    },
  );

  app.post(
    '/api/staff/registration-requests/:requestId/step',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'setRegistrationStep',
        tags: STAFF_TAGS,
        summary: 'Move the request to a step; the "send portal key" step emails the key, the closing step closes it',
        params: RegistrationRequestParamsSchema,
        body: SetRegistrationStepBodySchema,
        response: {
          200: RegistrationRequestDetailSchema,
          400: ApiErrorSchema,
          404: ApiErrorSchema,
          409: ApiErrorSchema,
        },
      },
    },
    async (request) => {
      await queue.setStep(request.params.requestId, request.body.stepId, actorOf(request));
      return presentRequestDetail(await queue.getRequest(request.params.requestId));
    },
  );

  app.get(
    '/api/staff/registration-requests/:requestId/portal-key-email',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'previewPortalKeyEmail',
        tags: STAFF_TAGS,
        summary: 'The portal-key email as the visitor would receive it, without sending it',
        params: RegistrationRequestParamsSchema,
        response: { 200: PortalKeyEmailPreviewSchema, 404: ApiErrorSchema, 409: ApiErrorSchema },
      },
    },
    async (request) => queue.previewPortalKeyEmail(request.params.requestId),
  );

  app.post(
    '/api/staff/registration-requests/:requestId/portal-key-email',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'sendPortalKey',
        tags: STAFF_TAGS,
        summary: 'Email the account number and portal key to the visitor of a matched request',
        params: RegistrationRequestParamsSchema,
        response: { 200: RegistrationRequestDetailSchema, 404: ApiErrorSchema, 409: ApiErrorSchema },
      },
    },
    async (request) => {
      await queue.sendPortalKey(request.params.requestId, actorOf(request));
      return presentRequestDetail(await queue.getRequest(request.params.requestId));
    },
  );

  app.post(
    '/api/staff/registration-requests/:requestId/close',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'closeRegistrationRequest',
        tags: STAFF_TAGS,
        summary: 'Close the request with a reason',
        params: RegistrationRequestParamsSchema,
        body: CloseRegistrationRequestBodySchema,
        response: { 200: RegistrationRequestDetailSchema, 404: ApiErrorSchema, 409: ApiErrorSchema },
      },
    },
    async (request) => {
      await queue.closeRequest(
        request.params.requestId,
        { reason: request.body.reason, note: request.body.note ?? null },
        actorOf(request),
      );
      return presentRequestDetail(await queue.getRequest(request.params.requestId));
    },
  );

  app.post(
    '/api/staff/registration-requests/:requestId/notes',
    {
      config: { access: 'staff', idempotent: true },
      schema: {
        operationId: 'addRegistrationNote',
        tags: STAFF_TAGS,
        summary: 'Add a note to the request’s history',
        params: RegistrationRequestParamsSchema,
        body: AddRegistrationNoteBodySchema,
        response: { 200: RegistrationRequestDetailSchema, 404: ApiErrorSchema },
      },
    },
    async (request) => {
      await queue.addNote(request.params.requestId, request.body.text, actorOf(request));
      return presentRequestDetail(await queue.getRequest(request.params.requestId));
    },
  );

  // ---------- staff: settings ----------

  app.get(
    '/api/staff/registration-settings',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'getStaffRegistrationSettings',
        tags: STAFF_TAGS,
        summary: 'Self-registration switch, the staff role that receives visitor replies, and the request steps',
        response: { 200: RegistrationSettingsSchema },
      },
    },
    async () => presentSettings(await settings.getSettings()),
  );

  app.put(
    '/api/staff/registration-settings',
    {
      config: { access: 'staff:admin' },
      schema: {
        operationId: 'updateRegistrationSettings',
        tags: STAFF_TAGS,
        summary: 'Change the self-registration settings and steps',
        body: UpdateRegistrationSettingsBodySchema,
        response: { 200: RegistrationSettingsSchema, 400: ApiErrorSchema, 409: ApiErrorSchema },
      },
    },
    async (request) => presentSettings(await settings.updateSettings(request.body, actorOf(request))),
  );

  // ---------- staff: bulk portal logins for an account ----------

  app.get(
    '/api/staff/accounts/:accountId/bulk-portal-logins',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'planBulkPortalLogins',
        tags: STAFF_TAGS,
        summary:
          'Dry run of "generate portal logins": which contacts would get a setup link and which are skipped, and why',
        params: AccountParamsSchema,
        response: { 200: BulkPortalLoginPlanSchema, 404: ApiErrorSchema },
      },
    },
    async (request) => ({
      accountId: request.params.accountId,
      ...(await bulkPortalLogins.planBulkPortalLogins(request.params.accountId)),
    }),
  );

  app.post(
    '/api/staff/accounts/:accountId/bulk-portal-logins',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'generateBulkPortalLogins',
        tags: STAFF_TAGS,
        summary: 'Email a portal setup link to every contact of the account that can get one',
        params: AccountParamsSchema,
        response: { 200: BulkPortalLoginResultSchema, 404: ApiErrorSchema },
      },
    },
    async (request) => bulkPortalLogins.generateBulkPortalLogins(request.params.accountId, actorOf(request)),
  );
};
