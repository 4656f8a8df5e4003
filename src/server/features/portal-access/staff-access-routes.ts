import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiErrorSchema } from '../../../shared/api-error.ts';
import {
  AccessTimelineSchema,
  AccountParamsSchema,
  AccountPortalAccessSchema,
  ContactParamsSchema,
  GrantPortalAccessBodySchema,
  LinkSentSchema,
  PortalAccessSchema,
  SetTemporaryPasswordBodySchema,
  TemporaryPasswordSchema,
  UpdatePortalUsernameBodySchema,
  ViewAsStartedSchema,
} from '../../../shared/portal-access-contracts.ts';
import type { Deps } from '../../deps.ts';
import { requireStaff, requireStepUp, setSessionCookie } from '../../http/access.ts';
import { requestContext as context } from './request-context.ts';

const STAFF_TAGS = ['portal access'];
const staffErrors = {
  400: ApiErrorSchema,
  401: ApiErrorSchema,
  403: ApiErrorSchema,
  404: ApiErrorSchema,
  409: ApiErrorSchema,
  429: ApiErrorSchema,
};

/** Staff tools on a contact's and an account's portal access. */
export const staffAccessRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const { staffAccess, staffCredentials } = deps.portalAccess;

  const contactPath = '/api/staff/contacts/:contactId/portal-access';

  app.get(
    contactPath,
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'getPortalAccess',
        tags: STAFF_TAGS,
        summary: 'A contact’s portal access state and the actions it allows',
        params: ContactParamsSchema,
        response: { 200: PortalAccessSchema, ...staffErrors },
      },
    },
    async (request) => staffAccess.describeAccess(request.params.contactId),
  );

  app.post(
    `${contactPath}/grant`,
    {
      config: { access: 'staff', idempotent: true },
      schema: {
        operationId: 'grantPortalAccess',
        tags: STAFF_TAGS,
        summary: 'Turn portal access on (or change the portal email); by default emails a credential-create link',
        params: ContactParamsSchema,
        body: GrantPortalAccessBodySchema,
        response: {
          200: z.object({ credentialCreateEmailQueued: z.boolean(), access: PortalAccessSchema }),
          ...staffErrors,
        },
      },
    },
    async (request) => {
      // Moving an existing login to another address hands over the account: step-up and a reason.
      const current = (await staffAccess.describeAccess(request.params.contactId)).portalEmail;
      if (current && current.toLowerCase() !== request.body.portalEmail.trim().toLowerCase())
        await requireStepUp(request, 'reason');
      return staffAccess.grantAccess({ contactId: request.params.contactId, ...request.body, ...context(request) });
    },
  );

  app.post(
    `${contactPath}/revoke`,
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'revokePortalAccess',
        tags: STAFF_TAGS,
        summary: 'Turn portal access off: ends sessions and kills outstanding links',
        params: ContactParamsSchema,
        response: { 200: PortalAccessSchema, ...staffErrors },
      },
    },
    async (request) => staffAccess.revokeAccess({ contactId: request.params.contactId, ...context(request) }),
  );

  const linkRoutes = [
    [
      'credential-create-email',
      'sendCredentialCreateEmail',
      'Email a one-time link to choose a username and password',
      staffCredentials.sendCredentialCreateEmail,
    ],
    [
      'password-reset-email',
      'sendPasswordResetEmail',
      'Email a one-time password reset link',
      staffCredentials.sendPasswordResetEmail,
    ],
    [
      'login-link-email',
      'sendLoginLinkEmail',
      'Email a one-time sign-in link (15 minutes)',
      staffCredentials.sendLoginLinkEmail,
    ],
    ['welcome-email', 'resendWelcomeEmail', 'Send the portal welcome email again', staffCredentials.resendWelcomeEmail],
  ] as const;
  for (const [path, operationId, summary, send] of linkRoutes) {
    app.post(
      `${contactPath}/${path}`,
      {
        config: { access: 'staff' },
        schema: {
          operationId,
          tags: STAFF_TAGS,
          summary,
          params: ContactParamsSchema,
          response: { 200: LinkSentSchema, ...staffErrors },
        },
      },
      async (request) => send({ contactId: request.params.contactId, ...context(request) }),
    );
  }

  app.post(
    `${contactPath}/temporary-password`,
    {
      config: { access: 'staff', stepUp: 'reason' },
      schema: {
        operationId: 'setTemporaryPassword',
        tags: STAFF_TAGS,
        summary: 'Generate a temporary password (shown once, changed at first sign-in), optionally emailed',
        params: ContactParamsSchema,
        body: SetTemporaryPasswordBodySchema,
        response: { 200: TemporaryPasswordSchema, ...staffErrors },
      },
    },
    async (request) =>
      staffCredentials.setTemporaryPassword({
        contactId: request.params.contactId,
        sendEmail: request.body.sendEmail,
        ...context(request),
      }),
  );

  app.put(
    `${contactPath}/username`,
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'updatePortalUsername',
        tags: STAFF_TAGS,
        summary: 'Set or change the contact’s portal username',
        params: ContactParamsSchema,
        body: UpdatePortalUsernameBodySchema,
        response: { 200: PortalAccessSchema, ...staffErrors },
      },
    },
    async (request) =>
      staffCredentials.updateUsername({
        contactId: request.params.contactId,
        username: request.body.username,
        ...context(request),
      }),
  );

  app.delete(
    `${contactPath}/username`,
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'deletePortalUsername',
        tags: STAFF_TAGS,
        summary: 'Delete the username and password so a new person can set up the login',
        params: ContactParamsSchema,
        response: { 200: PortalAccessSchema, ...staffErrors },
      },
    },
    async (request) => staffCredentials.deleteUsername({ contactId: request.params.contactId, ...context(request) }),
  );

  app.post(
    `${contactPath}/unlock`,
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'unlockPortalLogin',
        tags: STAFF_TAGS,
        summary: 'Clear a sign-in lockout after failed attempts',
        params: ContactParamsSchema,
        response: { 200: PortalAccessSchema, ...staffErrors },
      },
    },
    async (request) => staffAccess.unlock({ contactId: request.params.contactId, ...context(request) }),
  );

  app.get(
    `${contactPath}/timeline`,
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'getPortalAccessTimeline',
        tags: STAFF_TAGS,
        summary: 'Links sent, delivered, opened and used; sign-ins, failures and lockouts',
        params: ContactParamsSchema,
        response: { 200: AccessTimelineSchema, ...staffErrors },
      },
    },
    async (request) => ({ items: await staffAccess.timeline(request.params.contactId) }),
  );

  app.post(
    `${contactPath}/view-as`,
    {
      config: { access: 'staff', stepUp: 'reason' },
      schema: {
        operationId: 'startViewingPortalAs',
        tags: STAFF_TAGS,
        summary: 'Open the portal as this contact: read-only, one hour, bannered and audited',
        params: ContactParamsSchema,
        response: { 200: ViewAsStartedSchema, ...staffErrors },
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request);
      const { token, expiresAt } = await staffAccess.startViewingAs({
        contactId: request.params.contactId,
        staffId: staff.id,
        ...context(request),
      });
      setSessionCookie(reply, deps.config, 'customer', token);
      return { expiresAt, portalUrl: '/portal/home' };
    },
  );

  // ---- staff tools on an account ---------------------------------------------------------------

  app.get(
    '/api/staff/accounts/:accountId/portal-access',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'getAccountPortalAccess',
        tags: STAFF_TAGS,
        summary: 'The account’s portal access switch and its contacts’ access states',
        params: AccountParamsSchema,
        response: { 200: AccountPortalAccessSchema, ...staffErrors },
      },
    },
    async (request) => staffAccess.accountAccess(request.params.accountId),
  );
};
