/** The closed set of error codes; http/error-handler.ts maps each to one HTTP status. */
export type ErrorCode =
  | 'validation_failed'
  | 'unauthenticated'
  | 'forbidden'
  | 'password_change_required'
  | 'second_factor_required'
  | 'second_factor_enrolment_required'
  | 'reauth_required'
  | 'not_found'
  | 'conflict'
  | 'request_in_flight'
  | 'idempotency_key_reused'
  | 'stale_version'
  | 'invalid_link'
  | 'rate_limited'
  | 'unsupported_media_type'
  | 'unavailable'
  | 'payload_too_large'
  | 'uri_too_long'
  | 'internal';

export interface FieldProblem {
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: {
      fields?: FieldProblem[];
      retryAfterSeconds?: number;
      existingTurnId?: string;
      /** stale_version: who changed the record since the caller read it, when, and its state now. */
      changedBy?: string;
      changedAt?: string | null;
      currentVersion?: number;
      current?: unknown;
    },
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function notFound(what: string): AppError {
  return new AppError('not_found', `${what} not found`);
}

/** A validation error on one field, shown next to that field in the UI. */
export function fieldError(path: string, message: string): AppError {
  return new AppError('validation_failed', message, { fields: [{ path, message }] });
}
