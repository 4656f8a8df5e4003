import { actorOf } from '../../http/access.ts';

/** Who is asking and from which browser, as the portal-access services record it. */
export function requestContext(request: Parameters<typeof actorOf>[0]) {
  return { actor: actorOf(request), userAgent: request.headers['user-agent'] ?? null };
}
