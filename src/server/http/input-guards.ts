import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type FieldProblem } from '../errors.ts';
import { STATUS_BY_CODE } from './error-handler.ts';

/**
 * PostgreSQL text cannot hold U+0000 (SQLite can): a NUL byte anywhere in a body, query or path
 * parameter is refused as a field error before validation, the same on both databases, instead of
 * failing deep in a query.
 */
export function registerInputGuards(app: FastifyInstance): void {
  app.addHook('preValidation', (request, _reply, done) => {
    const fields: FieldProblem[] = [];
    for (const part of [request.params, request.query, request.body]) collectNul(part, '', fields);
    done(fields.length > 0 ? new AppError('validation_failed', 'Some fields need attention.', { fields }) : undefined);
  });
}

const NUL_MESSAGE = 'Remove the invisible NUL character (\\u0000).';
const MAX_DEPTH = 32;

function collectNul(value: unknown, path: string, fields: FieldProblem[], depth = 0): void {
  if (fields.length >= 20 || depth > MAX_DEPTH) return;
  if (typeof value === 'string') {
    if (value.includes('\u0000')) fields.push({ path, message: NUL_MESSAGE });
    return;
  }
  // Binary uploads (Buffers) are not text.
  if (typeof value !== 'object' || value === null || Buffer.isBuffer(value)) return;
  const entries = Array.isArray(value)
    ? value.map((item, index) => [String(index), item] as const)
    : Object.entries(value);
  for (const [key, item] of entries) {
    const itemPath = path ? `${path}.${key}` : key;
    if (key.includes('\u0000')) fields.push({ path: itemPath.replaceAll('\u0000', ''), message: NUL_MESSAGE });
    else collectNul(item, itemPath, fields, depth + 1);
  }
}

/**
 * Router-level refusals (a path parameter over the length limit, a malformed URL) answer in the API's
 * error shape with the security headers, and never echo the path back.
 */
export function frameworkErrorHandler(headers: Record<string, string>) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    reply.headers(headers);
    reply.header('cache-control', 'no-store');
    reply.header('x-request-id', request.id);
    const problem =
      error.code === 'FST_ERR_MAX_PARAM_LENGTH'
        ? new AppError('uri_too_long', 'The address is too long.')
        : new AppError('validation_failed', 'The address is not valid.');
    return reply
      .status(STATUS_BY_CODE[problem.code])
      .send({ error: { code: problem.code, message: problem.message, requestId: request.id } });
  };
}
