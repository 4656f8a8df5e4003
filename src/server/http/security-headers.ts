import helmet, { type HelmetOptions } from 'helmet';

/**
 * Helmet's headers, computed once: they never vary per request (no CSP nonces), and building the
 * helmet middleware on every request (what the Fastify plugin does) cost more than most handlers.
 */
export function securityHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string) => {
      headers[name.toLowerCase()] = value;
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  let failure: unknown = null;
  // helmet's middleware is synchronous: it sets the headers and calls next before returning.
  helmet(options)({} as never, response as never, (error?: unknown) => {
    failure = error ?? null;
  });
  if (failure) throw failure;
  return headers;
}
