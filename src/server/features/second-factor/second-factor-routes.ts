import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiErrorSchema } from '../../../shared/api-error.ts';
import {
  ConfirmTotpBodySchema,
  PasskeyOptionsSchema,
  PasskeySignInBodySchema,
  RecoveryCodesSchema,
  RegisterPasskeyBodySchema,
  SecondFactorPolicySchema,
  SecondFactorProofSchema,
  SecondFactorStatusSchema,
  StepUpBodySchema,
  TotpEnrolmentSchema,
  UpdateSecondFactorPolicyBodySchema,
} from '../../../shared/second-factor-contracts.ts';
import { StaffSessionSchema } from '../../../shared/staff-contracts.ts';
import type { Deps } from '../../deps.ts';
import { presentStaffSession } from '../staff/index.ts';
import type { SessionsTable } from '../../db/database-schema.ts';
import { actorOf, requireStaff, setSessionCookie } from '../../http/access.ts';

const tags = ['staff second factor'];
// Enrolment may come first on a restricted session: before the first password change, or when the role demands it.
const ENROLMENT = { access: 'staff', allowDuringEnrolment: true, allowDuringPasswordChange: true } as const;
// The WebAuthn options go to the browser library untouched.
const json = (options: object) => options as Record<string, unknown>;
const errors = { 400: ApiErrorSchema, 401: ApiErrorSchema, 403: ApiErrorSchema, 409: ApiErrorSchema };

export const secondFactorRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const service = deps.secondFactors;
  const sessionOf = (request: { staffSession: SessionsTable | null }) => request.staffSession!;

  /** A sign-in's second step and a step-up both check a proof, rotate the session and answer with it. */
  async function confirmWith(
    request: FastifyRequest,
    reply: FastifyReply,
    confirm: (input: Omit<Parameters<typeof service.stepUp>[0], 'proof'>) => ReturnType<typeof service.stepUp>,
  ) {
    const staff = requireStaff(request);
    const { token, state } = await confirm({
      staff,
      session: sessionOf(request),
      token: request.sessionToken!,
      origin: request.headers.origin,
      actor: actorOf(request),
      userAgent: request.headers['user-agent'] ?? null,
    });
    setSessionCookie(reply, deps.config, 'staff', token);
    return presentStaffSession(staff, state, await service.sessionView(staff, state));
  }

  app.post(
    '/api/staff/session/second-factor',
    {
      config: { access: 'staff', allowDuringSecondFactor: true, allowDuringPasswordChange: true },
      schema: {
        operationId: 'completeStaffSecondFactor',
        tags,
        summary: 'The second step of a password sign-in: an authenticator code, a recovery code or a passkey',
        body: SecondFactorProofSchema,
        response: { 200: StaffSessionSchema, ...errors, 429: ApiErrorSchema },
      },
    },
    (request, reply) =>
      confirmWith(request, reply, (input) => service.completeSignIn({ ...input, proof: request.body })),
  );

  app.post(
    '/api/staff/session/passkey-challenge',
    {
      config: { access: 'staff', allowDuringSecondFactor: true, allowDuringPasswordChange: true },
      schema: {
        operationId: 'createStaffPasskeyChallenge',
        tags,
        summary: 'WebAuthn options to confirm with one of my passkeys (second factor or step-up)',
        response: { 200: PasskeyOptionsSchema, ...errors },
      },
    },
    async (request) => ({
      options: json(await service.passkeyChallenge(requireStaff(request), request.headers.origin)),
    }),
  );

  app.post(
    '/api/staff/session/step-up',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'stepUpStaffSession',
        tags,
        summary: 'Confirm it is me again (second factor, or password when I have none) for 10 minutes',
        body: StepUpBodySchema,
        response: { 200: StaffSessionSchema, ...errors, 429: ApiErrorSchema },
      },
    },
    (request, reply) => confirmWith(request, reply, (input) => service.stepUp({ ...input, proof: request.body })),
  );

  app.post(
    '/api/staff/passkey-sign-in/options',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'createStaffPasskeySignInOptions',
        tags,
        summary: 'WebAuthn options for signing in with a passkey instead of a password',
        response: { 200: PasskeyOptionsSchema, 400: ApiErrorSchema },
      },
    },
    async (request) => ({ options: json(await service.passwordlessOptions(request.headers.origin)) }),
  );

  app.post(
    '/api/staff/passkey-sign-in',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'signInStaffWithPasskey',
        tags,
        summary: 'Sign in with a passkey (it counts as both factors); sets the staff session cookie',
        body: PasskeySignInBodySchema,
        response: { 200: StaffSessionSchema, 400: ApiErrorSchema, 401: ApiErrorSchema },
      },
    },
    async (request, reply) => {
      const { token, staff, state } = await service.passwordlessSignIn({
        response: request.body.response as AuthenticationResponseJSON,
        origin: request.headers.origin,
        actor: actorOf(request),
        userAgent: request.headers['user-agent'] ?? null,
        findStaff: deps.findStaff,
      });
      setSessionCookie(reply, deps.config, 'staff', token);
      return presentStaffSession(staff, state, await service.sessionView(staff, state));
    },
  );

  app.get(
    '/api/staff/me/second-factors',
    {
      config: ENROLMENT,
      schema: {
        operationId: 'getMySecondFactors',
        tags,
        summary: 'My authenticator app, recovery codes and passkeys',
        response: { 200: SecondFactorStatusSchema, 401: ApiErrorSchema },
      },
    },
    async (request) => service.status(requireStaff(request)),
  );

  app.post(
    '/api/staff/me/totp',
    {
      config: ENROLMENT,
      schema: {
        operationId: 'startTotpEnrolment',
        tags,
        summary: 'A new authenticator-app secret, active once a code from the app confirms it',
        response: { 200: TotpEnrolmentSchema, ...errors },
      },
    },
    async (request) => service.startTotp(requireStaff(request), sessionOf(request)),
  );

  app.post(
    '/api/staff/me/totp/confirm',
    {
      config: ENROLMENT,
      schema: {
        operationId: 'confirmTotpEnrolment',
        tags,
        summary: 'Confirm the authenticator app with its current code; returns recovery codes the first time',
        body: ConfirmTotpBodySchema,
        response: { 200: RecoveryCodesSchema, ...errors },
      },
    },
    async (request) =>
      service.confirmTotp(requireStaff(request), request.body.code, request.sessionToken!, actorOf(request)),
  );

  app.delete(
    '/api/staff/me/totp',
    {
      config: { access: 'staff', stepUp: 'fresh' },
      schema: {
        operationId: 'removeTotp',
        tags,
        summary: 'Remove my authenticator app',
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await service.removeTotp(requireStaff(request), actorOf(request));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/staff/me/recovery-codes',
    {
      config: { access: 'staff', stepUp: 'fresh' },
      schema: {
        operationId: 'regenerateRecoveryCodes',
        tags,
        summary: 'New recovery codes; the old ones stop working',
        response: { 200: RecoveryCodesSchema, ...errors },
      },
    },
    async (request) => service.regenerateRecoveryCodes(requireStaff(request), actorOf(request)),
  );

  app.post(
    '/api/staff/me/passkeys/options',
    {
      config: ENROLMENT,
      schema: {
        operationId: 'createPasskeyRegistrationOptions',
        tags,
        summary: 'WebAuthn options to add a passkey',
        response: { 200: PasskeyOptionsSchema, ...errors },
      },
    },
    async (request) => ({
      options: json(
        await service.passkeyRegistrationOptions(requireStaff(request), sessionOf(request), request.headers.origin),
      ),
    }),
  );

  app.post(
    '/api/staff/me/passkeys',
    {
      config: ENROLMENT,
      schema: {
        operationId: 'registerPasskey',
        tags,
        summary: 'Add a passkey; returns recovery codes when it is my first second factor',
        body: RegisterPasskeyBodySchema,
        response: { 200: RecoveryCodesSchema, ...errors },
      },
    },
    async (request) =>
      service.registerPasskey({
        staff: requireStaff(request),
        name: request.body.name,
        response: request.body.response as RegistrationResponseJSON,
        origin: request.headers.origin,
        token: request.sessionToken!,
        actor: actorOf(request),
      }),
  );

  app.delete(
    '/api/staff/me/passkeys/:passkeyId',
    {
      config: { access: 'staff', stepUp: 'fresh' },
      schema: {
        operationId: 'removePasskey',
        tags,
        summary: 'Remove one of my passkeys',
        params: z.object({ passkeyId: z.string().max(1024) }),
        response: { 204: z.null(), ...errors, 404: ApiErrorSchema },
      },
    },
    async (request, reply) => {
      await service.removePasskey(requireStaff(request), request.params.passkeyId, actorOf(request));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/staff/second-factor-policy',
    {
      config: { access: 'staff:admin' },
      schema: {
        operationId: 'getSecondFactorPolicy',
        tags,
        summary: 'Which staff roles must use a second factor',
        response: { 200: SecondFactorPolicySchema, 401: ApiErrorSchema, 403: ApiErrorSchema },
      },
    },
    async () => service.policy(),
  );

  app.put(
    '/api/staff/second-factor-policy',
    {
      config: { access: 'staff:admin', stepUp: 'fresh' },
      schema: {
        operationId: 'updateSecondFactorPolicy',
        tags,
        summary: 'Require (or stop requiring) a second factor for a staff role',
        body: UpdateSecondFactorPolicyBodySchema,
        response: { 200: SecondFactorPolicySchema, ...errors },
      },
    },
    async (request) => service.setPolicy(request.body.role, request.body.required, actorOf(request)),
  );
};
