import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { uniqueViolationField } from '../db/unique-violation.ts';
import { isDatabaseUnavailable } from '../db/unavailable.ts';
import { AppError, type ErrorCode, type FieldProblem } from '../errors.ts';

/** The one table from error code to HTTP status; a Record, so a new code cannot be forgotten here. */
export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  validation_failed: 400,
  invalid_link: 400,
  unauthenticated: 401,
  forbidden: 403,
  password_change_required: 403,
  second_factor_required: 401,
  second_factor_enrolment_required: 403,
  reauth_required: 401,
  not_found: 404,
  conflict: 409,
  request_in_flight: 409,
  stale_version: 409,
  idempotency_key_reused: 422,
  payload_too_large: 413,
  uri_too_long: 414,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
};

/** How long a caller is asked to wait while the database is unreachable (it reconnects by itself). */
const DATABASE_RETRY_AFTER_SECONDS = 5;

export function databaseUnavailable(): AppError {
  return new AppError('unavailable', 'Portico is briefly unavailable. Try again in a few seconds.', {
    retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS,
  });
}

function fromFrameworkError(error: FastifyError): AppError {
  const taken = uniqueViolationField(error);
  if (taken) return new AppError('conflict', taken.message, { fields: [taken] });
  if (hasZodFastifySchemaValidationErrors(error)) {
    const fields: FieldProblem[] = error.validation.map((issue) => ({
      path: issue.instancePath.replace(/^\//, '').replaceAll('/', '.'),
      message: issue.message ?? 'Invalid value',
    }));
    return new AppError('validation_failed', 'Some fields need attention.', { fields });
  }
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return new AppError('unsupported_media_type', 'Send the request body as application/json.');
  }
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return new AppError('payload_too_large', 'The upload is larger than this request allows.');
  }
  if (error.statusCode === 404) return new AppError('not_found', 'Not found');
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return new AppError('validation_failed', error.message);
  }
  if (isDatabaseUnavailable(error)) return databaseUnavailable();
  return new AppError('internal', 'Something went wrong on our side. Try again, and tell us if it keeps happening.');
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = error instanceof AppError ? error : fromFrameworkError(error);
    const status = STATUS_BY_CODE[appError.code];
    // 5xx details stay in the log; the caller sees only a generic message and the request id.
    if (status === 503) request.log.warn({ err: error }, 'database unavailable');
    else if (status >= 500) request.log.error({ err: error }, 'request failed');
    if (appError.details?.retryAfterSeconds) reply.header('retry-after', String(appError.details.retryAfterSeconds));
    return reply.status(status).send({
      error: {
        code: appError.code,
        message: appError.message,
        requestId: request.id,
        ...(appError.details?.fields ? { fields: appError.details.fields } : {}),
        ...(appError.details?.retryAfterSeconds ? { retryAfterSeconds: appError.details.retryAfterSeconds } : {}),
        ...(appError.details?.existingTurnId ? { existingTurnId: appError.details.existingTurnId } : {}),
        ...(appError.code === 'stale_version'
          ? {
              changedBy: appError.details?.changedBy,
              changedAt: appError.details?.changedAt ?? null,
              currentVersion: appError.details?.currentVersion,
              current: appError.details?.current,
            }
          : {}),
      },
    });
  });
  app.setNotFoundHandler((request, reply) => {
    return reply.status(404).send({ error: { code: 'not_found', message: 'Not found', requestId: request.id } });
  });
}
