import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiErrorSchema } from '../../../shared/api-error.ts';
import {
  ChangeStaffPasswordBodySchema,
  SignInStaffBodySchema,
  StaffSessionSchema,
} from '../../../shared/staff-contracts.ts';
import type { Deps } from '../../deps.ts';
import { actorOf, clearSessionCookie, cookieName, requireStaff, setSessionCookie } from '../../http/access.ts';
import { presentStaffSession } from './staff-presenters.ts';

export const staffSessionRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.post(
    '/api/staff/session',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'signInStaff',
        tags: ['staff session'],
        summary: 'Sign a staff member in; sets the staff session cookie',
        body: SignInStaffBodySchema,
        response: { 200: StaffSessionSchema, 400: ApiErrorSchema, 401: ApiErrorSchema, 429: ApiErrorSchema },
      },
    },
    async (request, reply) => {
      const { token, staff, state, hasSecondFactor } = await deps.staff.signIn({
        email: request.body.email,
        password: request.body.password,
        actor: actorOf(request),
        userAgent: request.headers['user-agent'] ?? null,
      });
      setSessionCookie(reply, deps.config, 'staff', token);
      return presentStaffSession(staff, state, await deps.secondFactors.sessionView(staff, state, { hasSecondFactor }));
    },
  );

  app.get(
    '/api/staff/session',
    {
      config: {
        access: 'staff',
        allowDuringPasswordChange: true,
        allowDuringSecondFactor: true,
        allowDuringEnrolment: true,
      },
      schema: {
        operationId: 'getStaffSession',
        tags: ['staff session'],
        summary: 'The signed-in staff member',
        response: { 200: StaffSessionSchema, 401: ApiErrorSchema },
      },
    },
    async (request) => {
      const staff = requireStaff(request);
      const session = request.staffSession!;
      return presentStaffSession(staff, session, await deps.secondFactors.sessionView(staff, session));
    },
  );

  app.delete(
    '/api/staff/session',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'signOutStaff',
        tags: ['staff session'],
        summary: 'End the current staff session',
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const token = request.cookies[cookieName(deps.config, 'staff')];
      if (token) await deps.sessions.end(token);
      clearSessionCookie(reply, deps.config, 'staff');
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/staff/session/password',
    {
      config: { access: 'staff', allowDuringPasswordChange: true, allowDuringEnrolment: true },
      schema: {
        operationId: 'changeStaffPassword',
        tags: ['staff session'],
        summary: 'Change the signed-in staff member’s password; ends their other sessions',
        body: ChangeStaffPasswordBodySchema,
        response: { 200: StaffSessionSchema, 400: ApiErrorSchema, 401: ApiErrorSchema, 429: ApiErrorSchema },
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request);
      const { token, state } = await deps.staff.changePassword({
        staffId: staff.id,
        session: request.staffSession!,
        currentPassword: request.body.currentPassword,
        newPassword: request.body.newPassword,
        actor: actorOf(request),
        userAgent: request.headers['user-agent'] ?? null,
      });
      setSessionCookie(reply, deps.config, 'staff', token);
      return presentStaffSession(staff, state, await deps.secondFactors.sessionView(staff, state));
    },
  );
};
