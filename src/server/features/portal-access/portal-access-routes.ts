import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiErrorSchema } from '../../../shared/api-error.ts';
import {
  AcceptedSchema,
  AccessLinkBodySchema,
  AccessLinkInspectionSchema,
  AccessTimelineSchema,
  AccountParamsSchema,
  AccountPortalAccessSchema,
  ChangeCustomerPasswordBodySchema,
  ContactParamsSchema,
  CustomerAccountListSchema,
  CustomerSessionSchema,
  GrantPortalAccessBodySchema,
  LinkSentSchema,
  PortalAccessSchema,
  RedeemAccessLinkBodySchema,
  RedeemedAccessLinkSchema,
  RequestPasswordResetBodySchema,
  SetTemporaryPasswordBodySchema,
  SignInCustomerBodySchema,
  TemporaryPasswordSchema,
  UpdatePortalUsernameBodySchema,
  UsernameAvailabilityBodySchema,
  UsernameAvailabilitySchema,
  ViewAsStartedSchema,
} from '../../../shared/portal-access-contracts.ts';
import type { Deps } from '../../deps.ts';
import {
  actorOf,
  clearSessionCookie,
  cookieName,
  requireCustomer,
  requireStaff,
  setSessionCookie,
  requireStepUp,
} from '../../http/access.ts';
import { PASSWORD_RESET_ACCEPTED_MESSAGE } from './portal-access-service.ts';

const CUSTOMER_TAGS = ['portal session'];
const STAFF_TAGS = ['portal access'];
const staffErrors = {
  400: ApiErrorSchema,
  401: ApiErrorSchema,
  403: ApiErrorSchema,
  404: ApiErrorSchema,
  409: ApiErrorSchema,
  429: ApiErrorSchema,
};

export const portalAccessRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const service = deps.portalAccess.service;
  const context = (request: Parameters<typeof actorOf>[0]) => ({
    actor: actorOf(request),
    userAgent: request.headers['user-agent'] ?? null,
  });

  // ---- customer portal ------------------------------------------------------------------------

  app.post(
    '/api/portal/session',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'signInCustomer',
        tags: CUSTOMER_TAGS,
        summary: 'Sign a customer in with username or portal email and password; sets the portal session cookie',
        body: SignInCustomerBodySchema,
        response: {
          200: z.object({ mustChangePassword: z.boolean() }),
          400: ApiErrorSchema,
          401: ApiErrorSchema,
          429: ApiErrorSchema,
        },
      },
    },
    async (request, reply) => {
      const { token, mustChangePassword } = await service.signIn({
        login: request.body.login,
        password: request.body.password,
        ...context(request),
      });
      setSessionCookie(reply, deps.config, 'customer', token);
      return { mustChangePassword };
    },
  );

  app.get(
    '/api/portal/session',
    {
      config: { access: 'customer', allowDuringPasswordChange: true },
      schema: {
        operationId: 'getCustomerSession',
        tags: CUSTOMER_TAGS,
        summary: 'The signed-in customer, and whether staff are viewing the portal as them',
        response: { 200: CustomerSessionSchema, 401: ApiErrorSchema },
      },
    },
    async (request) => service.describeSession(requireCustomer(request), request.sessionToken),
  );

  app.delete(
    '/api/portal/session',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'signOutCustomer',
        tags: CUSTOMER_TAGS,
        summary: 'End the current portal session (also ends a staff "view portal as" session)',
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const token = request.cookies[cookieName(deps.config, 'customer')];
      if (token) await service.endSession(token, context(request));
      clearSessionCookie(reply, deps.config, 'customer');
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/portal/session/password',
    {
      config: { access: 'customer', allowDuringPasswordChange: true },
      schema: {
        operationId: 'changeCustomerPassword',
        tags: CUSTOMER_TAGS,
        summary:
          'Change the signed-in customer’s password (also the forced change after a temporary password); ends other sessions',
        body: ChangeCustomerPasswordBodySchema,
        response: { 204: z.null(), 400: ApiErrorSchema, 401: ApiErrorSchema, 403: ApiErrorSchema },
      },
    },
    async (request, reply) => {
      const customer = requireCustomer(request);
      const { token } = await service.changePassword({
        loginId: customer.portalLoginId,
        currentPassword: request.body.currentPassword,
        newPassword: request.body.newPassword,
        ...context(request),
      });
      setSessionCookie(reply, deps.config, 'customer', token);
      return reply.status(204).send(null);
    },
  );

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
        response: { 200: AccessLinkInspectionSchema, 400: ApiErrorSchema },
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
      const { outcome, sessionToken } = await service.redeemLink({ ...request.body, ...context(request) });
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
        response: { 200: UsernameAvailabilitySchema, 400: ApiErrorSchema },
      },
    },
    async (request) => service.checkUsername(request.body),
  );

  app.get(
    '/api/portal/accounts',
    {
      config: { access: 'customer' },
      schema: {
        operationId: 'listCustomerAccounts',
        tags: CUSTOMER_TAGS,
        summary: 'The properties and companies the signed-in customer may see',
        response: { 200: CustomerAccountListSchema, 401: ApiErrorSchema, 403: ApiErrorSchema },
      },
    },
    async (request) => ({ items: await service.listAccounts(requireCustomer(request).accountIds) }),
  );

  // ---- staff tools on a contact ---------------------------------------------------------------

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
    async (request) => service.describeAccess(request.params.contactId),
  );

  app.post(
    `${contactPath}/grant`,
    {
      config: { access: 'staff' },
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
      const current = (await service.describeAccess(request.params.contactId)).portalEmail;
      if (current && current.toLowerCase() !== request.body.portalEmail.trim().toLowerCase())
        await requireStepUp(request, 'reason');
      return service.grantAccess({ contactId: request.params.contactId, ...request.body, ...context(request) });
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
    async (request) => service.revokeAccess({ contactId: request.params.contactId, ...context(request) }),
  );

  const linkRoutes = [
    [
      'credential-create-email',
      'sendCredentialCreateEmail',
      'Email a one-time link to choose a username and password',
      service.sendCredentialCreateEmail,
    ],
    [
      'password-reset-email',
      'sendPasswordResetEmail',
      'Email a one-time password reset link',
      service.sendPasswordResetEmail,
    ],
    [
      'login-link-email',
      'sendLoginLinkEmail',
      'Email a one-time sign-in link (15 minutes)',
      service.sendLoginLinkEmail,
    ],
    ['welcome-email', 'resendWelcomeEmail', 'Send the portal welcome email again', service.resendWelcomeEmail],
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
      service.setTemporaryPassword({
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
      service.updateUsername({
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
    async (request) => service.deleteUsername({ contactId: request.params.contactId, ...context(request) }),
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
    async (request) => service.unlock({ contactId: request.params.contactId, ...context(request) }),
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
    async (request) => ({ items: await service.timeline(request.params.contactId) }),
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
      const { token, expiresAt } = await service.startViewingAs({
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
    async (request) => service.accountAccess(request.params.accountId),
  );
};
