import type { FastifyRequest } from 'fastify';
import { AppError, fieldError } from '../errors.ts';

/**
 * The version an edit was based on, from `If-Match: "<version>"` (the record's `version` field). Without
 * the header the write is unconditional; the console always sends it.
 */
export function ifMatchVersion(request: FastifyRequest): number | undefined {
  const header = request.headers['if-match'];
  if (header === undefined) return undefined;
  const match = typeof header === 'string' ? /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim()) : null;
  if (!match) throw fieldError('If-Match', 'If-Match must be the version the change is based on, e.g. "3"');
  return Number(match[1]);
}

/** A stale edit's 409 carries the record as it is now, presented like the route's own answer. */
export async function withCurrentOnStale<T>(work: () => Promise<T>, current: () => Promise<unknown>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'stale_version') throw error;
    throw new AppError(error.code, error.message, { ...error.details, current: await current() });
  }
}
