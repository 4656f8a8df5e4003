import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ActorContext } from '../actor.ts';
import type { Config } from '../config.ts';
import type { SessionKind, SessionsTable, StaffMembersTable, StaffRole } from '../db/database-schema.ts';
import { AppError, type ErrorCode } from '../errors.ts';
import {
  STEP_UP_REASON_HEADER,
  STEP_UP_WINDOW_SECONDS,
  StepUpReasonSchema,
} from '../../shared/second-factor-contracts.ts';
import { STAFF_PERMISSION_ROLES } from '../../shared/staff-permissions.ts';
import { type SessionService, sessionDeadline } from '../features/sessions/index.ts';
import { addCachedReadHooks } from './cached-reads.ts';
import { createPrincipalCache } from './principal-cache.ts';

/**
 * Every /api route declares who may call it in `config.access`; a route without one fails at startup
 * (deny by default). The declarations are the machine-readable authorization matrix that
 * test/authorization-matrix tests read.
 */
export type RouteAccess = 'public' | 'staff' | 'staff:admin' | 'customer' | 'pro';

/** Every staff role; a 'staff' route without `roles` is open to all of them. */
export const ALL_STAFF_ROLES: readonly StaffRole[] = ['admin', 'psm', 'support'];
/**
 * Changing what a customer is set up with (accounts, contacts, onboarding, catalog, prices, units,
 * pros) and taking over a customer's sign-in (temporary passwords, usernames, portal keys, bulk
 * logins): admins and PSMs, not support (SECURITY.md E).
 */
export const CUSTOMER_SETUP_ROLES: readonly StaffRole[] = STAFF_PERMISSION_ROLES.customerSetup;

/** The staff roles a route lets in: the one place the role policy is decided. */
export function staffRolesOf(access: RouteAccess | undefined, roles: readonly StaffRole[] | undefined) {
  if (access === 'staff:admin') return ['admin'] as const;
  if (access === 'staff') return roles ?? ALL_STAFF_ROLES;
  return [];
}

export interface CustomerPrincipal {
  portalLoginId: string;
  contactId: string;
  /** Accounts this customer may see; every portal query is scoped by these. */
  accountIds: string[];
  /** Set while staff view the portal as this customer; such sessions are read-only. */
  impersonatorStaffId: string | null;
  mustChangePassword: boolean;
}

/** Issue-specific customer lookup, provided by the portal-access feature. */
export type CustomerResolver = (session: SessionsTable) => Promise<CustomerPrincipal | null>;

/** A field technician signed in on their phone; every pro query is scoped by proId. */
export interface ProPrincipal {
  proId: string;
  name: string;
}

/** Provided by the pro-access feature: null when the pro is gone or deactivated (their sessions end then). */
export type ProResolver = (session: SessionsTable) => Promise<ProPrincipal | null>;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** Staff routes: the roles allowed (every staff role when absent). */
    roles?: readonly StaffRole[];
    /** Still allowed while a temporary password must be changed. */
    allowDuringPasswordChange?: boolean;
    /** A state-changing route that staff viewing the portal as a customer may still call (sign-out). */
    allowWhileViewingAs?: boolean;
    /** Staff: callable after the password while the second factor is still owed. */
    allowDuringSecondFactor?: boolean;
    /** Staff: callable while a second factor must be set up before anything else. */
    allowDuringEnrolment?: boolean;
    /**
     * Staff: needs the strongest factor within the last 10 minutes; 'reason' also needs a typed reason
     * (the X-Step-Up-Reason header), which goes to the audit log.
     */
    stepUp?: 'fresh' | 'reason';
    /** The error codes the route's service may throw, beyond those every route shares (http/error-responses.ts). */
    errors?: readonly ErrorCode[];
    /**
     * A customer or staff read whose answer depends only on its URL and who asks: remembered with the
     * principal for a few seconds (http/principal-cache.ts).
     */
    cachedRead?: boolean;
  }
  interface FastifyRequest {
    staff: StaffMembersTable | null;
    staffSession: SessionsTable | null;
    checkStepUp: ((stepUp: 'fresh' | 'reason') => Promise<void>) | null;
    customer: CustomerPrincipal | null;
    pro: ProPrincipal | null;
    sessionToken: string | null;
    /** Set on state-changing requests, which clear the principal caches when they start and end. */
    endStateChange: (() => void) | null;
    /** A cached read that missed: the cache's ticket, so its answer is stored only if nothing changed meanwhile. */
    cachedReadTicket: number | null;
  }
}

export function cookieName(config: Config, kind: SessionKind): string {
  // __Host- pins the cookie to this exact origin (Secure, Path=/, no Domain); browsers only accept it over https.
  return config.secureCookies ? `__Host-portico_${kind}` : `portico_${kind}`;
}

export function setSessionCookie(reply: FastifyReply, config: Config, kind: SessionKind, token: string): void {
  reply.setCookie(cookieName(config, kind), token, {
    httpOnly: true,
    secure: config.secureCookies,
    // Customers and pros arrive from links in email and SMS, which Strict would not sign in.
    sameSite: kind === 'staff' ? 'strict' : 'lax',
    path: '/',
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Config, kind: SessionKind): void {
  reply.clearCookie(cookieName(config, kind), { path: '/', secure: config.secureCookies, httpOnly: true });
}

export function actorOf(request: FastifyRequest): ActorContext {
  if (request.staff)
    return { actorKind: 'staff', actorId: request.staff.id, ipAddress: request.ip, requestId: request.id };
  if (request.customer)
    return {
      actorKind: 'customer',
      actorId: request.customer.portalLoginId,
      ipAddress: request.ip,
      requestId: request.id,
    };
  if (request.pro)
    return { actorKind: 'pro', actorId: request.pro.proId, ipAddress: request.ip, requestId: request.id };
  return { actorKind: 'anonymous', actorId: null, ipAddress: request.ip, requestId: request.id };
}

export function requireStaff(request: FastifyRequest): StaffMembersTable {
  if (!request.staff) throw new AppError('unauthenticated', 'Sign in to continue.');
  return request.staff;
}

export function requireCustomer(request: FastifyRequest): CustomerPrincipal {
  if (!request.customer) throw new AppError('unauthenticated', 'Sign in to continue.');
  return request.customer;
}

export function requirePro(request: FastifyRequest): ProPrincipal {
  if (!request.pro) throw new AppError('unauthenticated', 'Sign in to continue.');
  return request.pro;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF (OWASP Fetch Metadata + mandatory Origin fallback): a state-changing request must come from our
 * own pages. Requests with neither header come from non-browser clients, which carry no ambient cookies.
 */
export function isCrossSiteRequest(request: FastifyRequest, publicUrl: string): boolean {
  if (SAFE_METHODS.has(request.method)) return false;
  const fetchSite = request.headers['sec-fetch-site'];
  if (typeof fetchSite === 'string') return fetchSite !== 'same-origin' && fetchSite !== 'none';
  const origin = request.headers.origin;
  if (typeof origin !== 'string') return false;
  const ownOrigins = [new URL(publicUrl).origin, `${request.protocol}://${request.host}`];
  return !ownOrigins.includes(origin);
}

interface AccessDeps {
  config: Config;
  sessions: SessionService;
  findStaff: (id: string) => Promise<StaffMembersTable | undefined>;
  resolveCustomer: CustomerResolver;
  now: () => Date;
  /** Records the typed reason of a step-up action, before the action runs. */
  recordStepUpReason: (request: FastifyRequest, reason: string) => Promise<void>;
  resolvePro: ProResolver;
}

export function registerAccessControl(app: FastifyInstance, deps: AccessDeps): void {
  app.decorateRequest('staff', null);
  app.decorateRequest('staffSession', null);
  app.decorateRequest('checkStepUp', null);
  app.decorateRequest('customer', null);
  app.decorateRequest('pro', null);
  app.decorateRequest('sessionToken', null);
  app.decorateRequest('endStateChange', null);
  app.decorateRequest('cachedReadTicket', null);

  const clock = { now: deps.now };
  const customers = createPrincipalCache<CustomerPrincipal>(clock);
  const staffMembers = createPrincipalCache<{ staff: StaffMembersTable; session: SessionsTable }>(clock);

  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/') && !route.config?.access) {
      throw new Error(`Route ${route.method} ${route.url} does not declare config.access`);
    }
    // HEAD answers (Fastify's automatic ones) are left uncached.
    if (route.config?.cachedRead && route.method !== 'HEAD') {
      const access = route.config.access;
      const cache = access === 'customer' ? customers : access?.startsWith('staff') ? staffMembers : null;
      if (route.method !== 'GET' || !cache)
        throw new Error(`Route ${route.method} ${route.url} cannot be a cached read`);
      addCachedReadHooks(route, cache);
    }
  });
  deps.sessions.onEnd({
    tokenEnded: (token) => {
      customers.revoke([]);
      staffMembers.revoke([]);
      customers.forget(token);
      staffMembers.forget(token);
    },
    subjectsEnded: (subjectIds) => {
      customers.revoke(subjectIds);
      staffMembers.revoke(subjectIds);
    },
  });

  async function customerOf(token: string): Promise<CustomerPrincipal | null> {
    const cached = customers.get(token);
    if (cached) return cached;
    const ticket = customers.ticket();
    const session = await deps.sessions.resolve(token, 'customer');
    const customer = session ? await deps.resolveCustomer(session) : null;
    if (session && customer) customers.set(ticket, token, customer, session.subjectId, sessionDeadline(session));
    return customer;
  }

  // The cached session row carries the second-factor state and the step-up time; both change only in
  // state-changing requests, which clear the cache.
  async function staffOf(token: string) {
    const cached = staffMembers.get(token);
    if (cached) return cached;
    const ticket = staffMembers.ticket();
    const session = await deps.sessions.resolve(token, 'staff');
    const staff = session ? await deps.findStaff(session.subjectId) : undefined;
    if (!session || !staff || staff.deactivatedAt) return null;
    const principal = { staff, session };
    staffMembers.set(ticket, token, principal, session.subjectId, sessionDeadline(session));
    return principal;
  }

  // A state-changing request may change who can see what: nothing cached survives it.
  // Callback hooks (not async ones): they run on every request and have nothing to await.
  app.addHook('onRequest', (request, reply, done) => {
    if (SAFE_METHODS.has(request.method)) return done();
    customers.writeStarted();
    staffMembers.writeStarted();
    let ended = false;
    request.endStateChange = () => {
      if (ended) return;
      ended = true;
      customers.writeEnded();
      staffMembers.writeEnded();
    };
    // 'close' also fires when the client went away before the response finished.
    reply.raw.once('close', request.endStateChange);
    done();
  });
  app.addHook('onResponse', (request, _reply, done) => {
    request.endStateChange?.();
    done();
  });

  app.addHook('onRequest', async (request) => {
    if (isCrossSiteRequest(request, deps.config.publicUrl)) {
      throw new AppError('forbidden', 'This request did not come from a Portico page.');
    }
    const access = request.routeOptions.config.access;
    if (!access || access === 'public') return;

    if (access === 'customer') {
      const token = request.cookies[cookieName(deps.config, 'customer')];
      const customer = token ? await customerOf(token) : null;
      if (!customer) throw new AppError('unauthenticated', 'Sign in to continue.');
      request.customer = customer;
      request.sessionToken = token ?? null;
      if (customer.mustChangePassword && !request.routeOptions.config.allowDuringPasswordChange) {
        throw new AppError('password_change_required', 'Choose a new password before continuing.');
      }
      // "View portal as this contact" is read-only.
      if (
        customer.impersonatorStaffId &&
        !SAFE_METHODS.has(request.method) &&
        !request.routeOptions.config.allowWhileViewingAs
      ) {
        throw new AppError('forbidden', 'You are viewing the portal as this contact; changes are disabled.');
      }
      return;
    }

    if (access === 'pro') {
      const token = request.cookies[cookieName(deps.config, 'pro')];
      const session = token ? await deps.sessions.resolve(token, 'pro') : null;
      const pro = session ? await deps.resolvePro(session) : null;
      if (!pro) throw new AppError('unauthenticated', 'Sign in to continue.');
      request.pro = pro;
      request.sessionToken = token ?? null;
      return;
    }

    const token = request.cookies[cookieName(deps.config, 'staff')];
    const principal = token ? await staffOf(token) : null;
    if (!principal) throw new AppError('unauthenticated', 'Sign in to continue.');
    const { staff, session } = principal;
    request.staff = staff;
    request.staffSession = session;
    request.sessionToken = token ?? null;
    const config = request.routeOptions.config;
    if (session.secondFactor === 'pending' && !config.allowDuringSecondFactor) {
      throw new AppError('second_factor_required', 'Confirm it is you with your second factor.');
    }
    if (session.secondFactor === 'enrol' && !config.allowDuringEnrolment) {
      throw new AppError('second_factor_enrolment_required', 'Your role requires a second factor: set one up first.');
    }
    if (session.mustChangePassword && !config.allowDuringPasswordChange) {
      throw new AppError('password_change_required', 'Choose a new password before continuing.');
    }
    if (!staffRolesOf(access, config.roles).includes(staff.role)) {
      throw new AppError('forbidden', 'Your staff role does not allow this.');
    }
    request.checkStepUp = (stepUp) => checkStepUp(request, session, stepUp, deps);
    if (config.stepUp) await request.checkStepUp(config.stepUp);
  });
}

/** For a route whose step-up depends on what the request changes (a portal email that already has a login). */
export function requireStepUp(request: FastifyRequest, stepUp: 'fresh' | 'reason'): Promise<void> {
  if (!request.checkStepUp) throw new AppError('unauthenticated', 'Sign in to continue.');
  return request.checkStepUp(stepUp);
}

async function checkStepUp(
  request: FastifyRequest,
  session: SessionsTable,
  stepUp: 'fresh' | 'reason',
  deps: AccessDeps,
): Promise<void> {
  let reason: string | null = null;
  if (stepUp === 'reason') {
    const parsed = StepUpReasonSchema.safeParse(decodeReason(request.headers[STEP_UP_REASON_HEADER]));
    if (!parsed.success) {
      const message = parsed.error.issues[0]?.message ?? 'Say why you need this';
      throw new AppError('validation_failed', message, { fields: [{ path: 'reason', message }] });
    }
    reason = parsed.data;
  }
  const age = session.reauthenticatedAt ? deps.now().getTime() - new Date(session.reauthenticatedAt).getTime() : -1;
  if (age < 0 || age > STEP_UP_WINDOW_SECONDS * 1000) {
    throw new AppError('reauth_required', 'Confirm it is you again to do this.');
  }
  if (reason) await deps.recordStepUpReason(request, reason);
}

function decodeReason(header: string | string[] | undefined): string {
  if (typeof header !== 'string') return '';
  try {
    return decodeURIComponent(header);
  } catch {
    return '';
  }
}
