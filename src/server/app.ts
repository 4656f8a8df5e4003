import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Deps } from './deps.ts';
import { cookieName, registerAccessControl, type RouteAccess, staffRolesOf } from './http/access.ts';
import { registerErrorHandler } from './http/error-handler.ts';
import { withErrorResponses } from './http/error-responses.ts';
import { frameworkErrorHandler, registerInputGuards } from './http/input-guards.ts';
import { IDEMPOTENCY_KEY_HEADER, isCreateOperation, registerIdempotency } from './http/idempotency.ts';
import { redactUrlForLog } from './http/log-redaction.ts';
import { securityHeaders } from './http/security-headers.ts';
import { healthRoutes } from './features/health/health-routes.ts';
import { staffSessionRoutes } from './features/staff/staff-routes.ts';
import { secondFactorRoutes } from './features/second-factor/second-factor-routes.ts';
import { auditRoutes } from './features/audit/audit-routes.ts';
import { catalogRoutes } from './features/catalog/catalog-routes.ts';
import { billingProfileRoutes } from './features/customers/billing-profile-routes.ts';
import { contactPreferencesRoutes } from './features/customers/contact-preferences-routes.ts';
import { contactsRoutes } from './features/customers/contacts-routes.ts';
import { customersRoutes } from './features/customers/customers-routes.ts';
import { onboardingRoutes } from './features/onboarding/onboarding-routes.ts';
import { notificationsRoutes } from './features/notifications/notifications-routes.ts';
import { portalAccessRoutes } from './features/portal-access/portal-access-routes.ts';
import { proAccessRoutes } from './features/pro-access/pro-access-routes.ts';
import { fieldRoutes } from './features/field/field-routes.ts';
import { registrationRoutes } from './features/registration/registration-routes.ts';
import { turnsRoutes } from './features/turns/turns-routes.ts';

const TOKEN_PAGE = /^\/(portal|pro)\/link(\/|$)/;

export const WEB_DIST_DIRECTORY = resolve(import.meta.dirname, '../../dist/web');

/** Builds the whole HTTP app from deps; main.ts and the HTTP tests build it the same way. */
export async function buildApp(
  deps: Deps,
  options: { serveWeb?: boolean; webDirectory?: string } = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger,
    trustProxy: deps.config.trustProxy,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    bodyLimit: 256 * 1024,
    // At most one access-log line per request (below) instead of Fastify's two with full request objects.
    logController: new LogController({ disableRequestLogging: true }),
    // Called only for requests, long after `headers` below is set.
    frameworkErrors: (error, request, reply) => frameworkErrorHandler(headers)(error, request, reply),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Only JSON bodies are accepted: a form or text/plain post (the classic CSRF vectors) gets 415.
  app.removeContentTypeParser(['text/plain']);
  // Before compression: its onSend must see the plain JSON answer it keeps.
  registerIdempotency(app, deps.idempotency);
  // API answers over 1 KB go out brotli or gzip (quality 4: fast enough per request); the web build is
  // compressed once at build time and sent as is.
  await app.register(fastifyCompress, { threshold: 1024, encodings: ['br', 'gzip'] });
  await app.register(fastifyCookie);
  const headers = securityHeaders({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: deps.config.secureCookies ? [] : null,
      },
    },
    hsts: deps.config.secureCookies ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
  });
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(headers);
    reply.header('x-request-id', request.id);
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    done();
  });
  const logsReads = deps.logger.level === 'debug' || deps.logger.level === 'trace';
  app.addHook('onResponse', (request, reply, done) => {
    // Successful reads are most of the traffic and the costliest part of a small one: they log at
    // debug (LOG_LEVEL=debug shows them); changes and every failure log at info.
    const read = reply.statusCode < 400 && (request.method === 'GET' || request.method === 'HEAD');
    if (read && !logsReads) return done();
    request.log[read ? 'debug' : 'info'](
      {
        method: request.method,
        url: redactUrlForLog(request.url),
        statusCode: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request completed',
    );
    done();
  });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Portico API', version: '0.1.0', description: 'Staff console and customer portal API' },
      components: {
        securitySchemes: {
          staffSession: { type: 'apiKey', in: 'cookie', name: cookieName(deps.config, 'staff') },
          customerSession: { type: 'apiKey', in: 'cookie', name: cookieName(deps.config, 'customer') },
          proSession: { type: 'apiKey', in: 'cookie', name: cookieName(deps.config, 'pro') },
        },
      },
    },
    transform: (input) => {
      const idempotent = isCreateOperation(input.route.method, input.route.schema, input.route.config);
      const documented = input.schema?.hide
        ? input
        : { ...input, schema: { ...input.schema, response: withErrorResponses(input.route, idempotent) } };
      const result = jsonSchemaTransform(documented);
      const access = input.route.config?.access;
      const staffRoles = staffRolesOf(access, input.route.config?.roles);
      // The route's access declaration, published so clients (and the authorization matrix test) can read it.
      return {
        ...result,
        schema: {
          ...result.schema,
          'x-access': access,
          ...(staffRoles.length ? { 'x-staff-roles': staffRoles } : {}),
          security: securityFor(access),
          ...(idempotent ? { 'x-idempotent': true, headers: idempotencyKeyHeader } : {}),
        },
      };
    },
  });

  registerErrorHandler(app);
  registerInputGuards(app);
  registerAccessControl(app, deps);

  await app.register(healthRoutes, { deps });
  await app.register(staffSessionRoutes, { deps });
  await app.register(secondFactorRoutes, { deps });
  await app.register(auditRoutes, { deps });
  await app.register(notificationsRoutes, { deps });
  await app.register(customersRoutes, { deps });
  await app.register(contactsRoutes, { deps });
  await app.register(contactPreferencesRoutes, { deps });
  await app.register(billingProfileRoutes, { deps });
  await app.register(onboardingRoutes, { deps });
  await app.register(catalogRoutes, { deps });
  await app.register(portalAccessRoutes, { deps });
  await app.register(registrationRoutes, { deps });
  await app.register(turnsRoutes, { deps });
  await app.register(proAccessRoutes, { deps });
  await app.register(fieldRoutes, { deps });

  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());

  if (options.serveWeb !== false) registerWeb(app, options.webDirectory ?? WEB_DIST_DIRECTORY);
  return app;
}

const idempotencyKeyHeader = {
  type: 'object',
  properties: {
    [IDEMPOTENCY_KEY_HEADER]: {
      type: 'string',
      minLength: 1,
      maxLength: 255,
      description:
        'One key per submission: a repeat with the same key and body gets the first answer (24 h), another body 422, while the first runs 409',
    },
  },
};

function securityFor(access: RouteAccess | undefined): Array<Record<string, string[]>> {
  if (access === 'customer') return [{ customerSession: [] }];
  if (access === 'pro') return [{ proSession: [] }];
  if (access === 'staff' || access === 'staff:admin') return [{ staffSession: [] }];
  return [];
}

/**
 * Serves the Vite build, the .br or .gz copy the browser accepts. Hashed assets never change under their
 * name, so they are cached for a year; index.html is revalidated on every load so a deploy shows at once.
 * Unknown non-API paths get index.html so client-side routes survive a reload.
 */
function registerWeb(app: FastifyInstance, directory: string): void {
  if (!existsSync(directory)) {
    app.log.warn(`web app not built (${directory} missing); run npm run build:web`);
    return;
  }
  void app.register(fastifyStatic, {
    root: directory,
    wildcard: false,
    index: false,
    preCompressed: true,
    cacheControl: false,
    setHeaders: (reply, path) => {
      const hashed = path.startsWith(resolve(directory, 'assets'));
      // A page whose address carries a one-time link token is kept out of every cache.
      const tokenPage = TOKEN_PAGE.test(reply.request.url.split('?')[0] ?? '');
      reply.header(
        'cache-control',
        hashed ? 'public, max-age=31536000, immutable' : tokenPage ? 'no-store' : 'no-cache',
      );
    },
  });
  app.get('/*', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (path.startsWith('/api/')) return reply.callNotFound();
    const file = resolve(directory, `.${decodeURIComponent(path)}`);
    if (path !== '/' && file.startsWith(directory) && existsSync(file) && !path.endsWith('/')) {
      return reply.sendFile(path.slice(1));
    }
    return reply.sendFile('index.html');
  });
}
