import type { FastifySchema } from 'fastify';
import { ApiErrorSchema } from '../../shared/api-error.ts';
import type { ErrorCode } from '../errors.ts';
import type { RouteAccess } from './access.ts';
import { STATUS_BY_CODE } from './error-handler.ts';

export interface DocumentedRoute {
  method: string | string[];
  url: string;
  schema?: FastifySchema;
  config?: { access?: RouteAccess; errors?: readonly ErrorCode[] };
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The error codes an operation can answer with, derived from what every route shares (input checks,
 * the access declaration, body parsing, idempotent creates) plus the route's own `config.errors`
 * (what its service throws). One place, so the OpenAPI document lists real statuses without each
 * route writing them out.
 */
export function errorCodesOf(route: DocumentedRoute, idempotent: boolean): ErrorCode[] {
  const methods = [route.method].flat().map((method) => method.toUpperCase());
  const writes = methods.some((method) => BODY_METHODS.has(method));
  const hasPathParams = route.url.includes(':');
  const access = route.config?.access ?? 'public';
  const codes = new Set<ErrorCode>(['unavailable']);
  // Schema validation, and the NUL-byte guard on every string of a body, query or path.
  if (route.schema?.body || route.schema?.querystring || route.schema?.params || hasPathParams)
    codes.add('validation_failed');
  if (writes) {
    // Every write parses a JSON body (or none): too large, or another media type.
    codes.add('payload_too_large');
    codes.add('unsupported_media_type');
    // A state-changing request from another site is refused before access is checked.
    codes.add('forbidden');
  }
  if (access !== 'public') codes.add('unauthenticated');
  // Staff: role, temporary password, second-factor enrolment; customers: temporary password, view-as.
  if (access === 'staff' || access === 'staff:admin' || access === 'customer') codes.add('forbidden');
  // Every object named in the path is looked up (customers: only in their own accounts).
  if (hasPathParams) codes.add('not_found');
  if (idempotent) {
    codes.add('request_in_flight');
    codes.add('idempotency_key_reused');
  }
  for (const code of route.config?.errors ?? []) codes.add(code);
  return [...codes];
}

/** The route's response schemas with every error status it can answer, each with the one error shape. */
export function withErrorResponses(route: DocumentedRoute, idempotent: boolean): Record<string, unknown> {
  const declared = (route.schema?.response ?? {}) as Record<string, unknown>;
  const errors = Object.fromEntries(
    errorCodesOf(route, idempotent).map((code) => [STATUS_BY_CODE[code], ApiErrorSchema] as const),
  );
  return { ...errors, ...declared };
}
