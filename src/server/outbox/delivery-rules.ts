/** Retry policy: exponential backoff with jitter, capped, then dead after the last attempt. */
export interface RetryPolicy {
  maxAttempts: number;
  baseDelaySeconds: number;
  maxDelaySeconds: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 8, baseDelaySeconds: 30, maxDelaySeconds: 3600 };

/**
 * Delay before the next attempt after `attempt` failed attempts: base·2^(attempt−1) capped at the maximum,
 * with "equal jitter" (a random point in the upper half) so workers that failed together spread out but
 * never retry sooner than half the nominal delay.
 */
export function backoffSeconds(attempt: number, policy: RetryPolicy, random: number): number {
  const nominal = Math.min(policy.maxDelaySeconds, policy.baseDelaySeconds * 2 ** Math.max(0, attempt - 1));
  return nominal / 2 + (nominal / 2) * random;
}

/** Why a delivery failed, as the sender classified it. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    /** Permanent errors (invalid recipient, rejected request) are not retried. */
    readonly permanent: boolean,
    /** The provider's Retry-After, honoured as a minimum delay. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

export type FailureOutcome = { status: 'dead' } | { status: 'queued'; delaySeconds: number };

export function outcomeOfFailure(
  error: DeliveryError,
  attempts: number,
  policy: RetryPolicy,
  random: number,
): FailureOutcome {
  if (error.permanent || attempts >= policy.maxAttempts) return { status: 'dead' };
  const delaySeconds = Math.max(backoffSeconds(attempts, policy, random), error.retryAfterSeconds ?? 0);
  return { status: 'queued', delaySeconds };
}

/** HTTP provider statuses: 408, 429 and 5xx are worth retrying; any other 4xx will fail again. */
export function isTransientHttpStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** SMTP replies: 4xx are temporary by definition (RFC 5321), 5xx permanent (550 unknown mailbox …). */
export function isTransientSmtpCode(code: number | undefined): boolean {
  return code === undefined || (code >= 400 && code < 500);
}

/** The longest a worker waits between two tries while its database is unreachable. */
export const MAX_FAILURE_BACKOFF_MILLISECONDS = 30_000;

/**
 * A worker whose claim failed `failures` times in a row (database down) waits the poll interval doubled
 * per failure, with equal jitter, up to 30 s: it comes back soon after the database does, without
 * hammering it or logging every second meanwhile.
 */
export function failureBackoffMilliseconds(failures: number, pollIntervalMilliseconds: number, random: number): number {
  const nominal = Math.min(MAX_FAILURE_BACKOFF_MILLISECONDS, pollIntervalMilliseconds * 2 ** Math.max(0, failures - 1));
  return nominal / 2 + (nominal / 2) * random;
}

/**
 * A provider's Retry-After in seconds: either delay-seconds or an HTTP date (RFC 9110 §10.2.3), counted
 * from `nowMilliseconds`; a date already past means "now". Anything else is ignored.
 */
export function parseRetryAfter(header: string | null, nowMilliseconds: number): number | undefined {
  if (!header) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - nowMilliseconds) / 1000));
}
