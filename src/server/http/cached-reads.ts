import type { RouteOptions } from 'fastify';
import type { PrincipalCache } from './principal-cache.ts';

type CachedAnswers = Pick<PrincipalCache<unknown>, 'getAnswer' | 'setAnswer' | 'ticket'>;

/**
 * A cached read answers from the principal cache after the access checks ran (they run on every
 * request, from the cached principal); a miss stores its serialized 200 answer if no state-changing
 * request or revocation happened while it ran. Compressed answers are not stored (the plain JSON is
 * a string, a compressed one is not), so an answer is always the same bytes a miss would send.
 */
export function addCachedReadHooks(route: RouteOptions, cache: CachedAnswers): void {
  route.preHandler = [
    ...[route.preHandler ?? []].flat(),
    (request, reply, done) => {
      const token = request.sessionToken;
      if (!token) return done();
      const body = cache.getAnswer(token, request.url);
      if (body === undefined) {
        request.cachedReadTicket = cache.ticket();
        return done();
      }
      // Sent as is: a string with a JSON content type skips the serializer.
      reply.type('application/json; charset=utf-8').send(body);
    },
  ];
  route.onSend = [
    ...[route.onSend ?? []].flat(),
    (request, reply, payload, done) => {
      const ticket = request.cachedReadTicket;
      if (ticket !== null && request.sessionToken && reply.statusCode === 200 && typeof payload === 'string')
        cache.setAnswer(ticket, request.sessionToken, request.url, payload);
      done(null, payload);
    },
  ];
}
