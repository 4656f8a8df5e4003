import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema } from 'fastify';
import { createHash } from 'node:crypto';
import { AppError } from '../errors.ts';
import type { IdempotencyClaim, IdempotencyService } from '../features/idempotency/index.ts';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
const VALID_KEY = /^[\x21-\x7e]{1,255}$/;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Overrides the default: a POST answering 201 or 202 is a create and honours Idempotency-Key. */
    idempotent?: boolean;
  }
  interface FastifyRequest {
    idempotencyClaim: IdempotencyClaim | null;
  }
}

/** A create operation: a POST that answers 201 Created or 202 Accepted, unless the route says otherwise. */
export function isCreateOperation(
  method: string | string[],
  schema: FastifySchema | undefined,
  config: { idempotent?: boolean } | undefined,
): boolean {
  if (config?.idempotent !== undefined) return config.idempotent;
  const response = (schema?.response ?? {}) as Record<string, unknown>;
  return method === 'POST' && (201 in response || 202 in response);
}

function principalOf(request: FastifyRequest): string {
  if (request.staff) return `staff:${request.staff.id}`;
  if (request.customer) return `customer:${request.customer.portalLoginId}`;
  if (request.pro) return `pro:${request.pro.proId}`;
  return 'anonymous';
}

function fingerprintOf(request: FastifyRequest): string {
  const hash = createHash('sha256').update(`${request.method} ${request.url}\n`);
  hash.update(Buffer.isBuffer(request.body) ? request.body : JSON.stringify(request.body ?? null));
  return hash.digest('hex');
}

/**
 * Idempotency-Key on every create operation: the first request with a key does the work and its
 * successful answer is kept for 24 hours; the same key with the same request gets that answer again
 * (Idempotent-Replayed: true) without doing the work twice, with another request 422, and while the
 * first is still running 409. A failed first request frees its key. Keys are scoped per principal and
 * operation. Registered before compression, so the stored answer is the plain JSON.
 */
export function registerIdempotency(app: FastifyInstance, service: IdempotencyService): void {
  app.decorateRequest('idempotencyClaim', null);

  // Route hooks on create operations only: every other request skips both.
  app.addHook('onRoute', (route) => {
    if (!isCreateOperation(route.method, route.schema, route.config)) return;
    route.preHandler = [claimKey, ...[route.preHandler ?? []].flat()];
    route.onSend = [...[route.onSend ?? []].flat(), recordAnswer];
  });

  async function claimKey(request: FastifyRequest, reply: FastifyReply) {
    const header = request.headers[IDEMPOTENCY_KEY_HEADER];
    if (header === undefined) return;
    const { schema } = request.routeOptions;
    if (typeof header !== 'string' || !VALID_KEY.test(header)) {
      const message = 'Idempotency-Key must be 1 to 255 visible ASCII characters';
      throw new AppError('validation_failed', message, { fields: [{ path: 'Idempotency-Key', message }] });
    }
    const scope = `${principalOf(request)}:${schema?.operationId ?? request.routeOptions.url}`;
    const outcome = await service.begin(scope, header, fingerprintOf(request));
    if (outcome.kind === 'first') {
      request.idempotencyClaim = outcome.claim;
      return;
    }
    if (outcome.kind === 'different_request') {
      throw new AppError(
        'idempotency_key_reused',
        'This Idempotency-Key was already used for a different request. Use a new key for a new request.',
      );
    }
    if (outcome.kind === 'in_flight') {
      throw new AppError(
        'request_in_flight',
        'A request with this Idempotency-Key is still being processed. Try again in a moment.',
        { retryAfterSeconds: 1 },
      );
    }
    reply.code(outcome.statusCode).header('idempotent-replayed', 'true');
    if (outcome.contentType) reply.header('content-type', outcome.contentType);
    return reply.send(outcome.statusCode === 204 ? null : outcome.body);
  }

  async function recordAnswer(request: FastifyRequest, reply: FastifyReply, payload: unknown) {
    const claim = request.idempotencyClaim;
    if (!claim) return payload;
    request.idempotencyClaim = null;
    try {
      const body = payload === null || payload === undefined ? '' : payload;
      if (reply.statusCode >= 200 && reply.statusCode < 300 && typeof body === 'string') {
        const contentType = reply.getHeader('content-type');
        await service.complete(claim, {
          statusCode: reply.statusCode,
          contentType: typeof contentType === 'string' ? contentType : null,
          body,
        });
      } else {
        await service.release(claim);
      }
    } catch (error) {
      // The work is done and answered; a key left in flight frees itself after its lease.
      request.log.warn({ err: error }, 'idempotency key not recorded');
    }
    return payload;
  }
}
