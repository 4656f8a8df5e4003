/** The path segment after /link/ is a one-time sign-in secret (portal and pro links). */
const LINK_TOKEN = /(\/link\/)[^/?#]+/g;
/** Any other segment shaped like a 256-bit base64url token; ids are UUIDs and never match. */
const TOKEN_SHAPED = /(^|\/)[A-Za-z0-9_-]{40,}(?=\/|$)/g;

/**
 * A URL as it may appear in the log: one-time tokens in the path and every query value (sign-up links
 * carry account numbers, and a future link might carry a secret) become `[redacted]`.
 */
export function redactUrlForLog(url: string): string {
  const queryStart = url.indexOf('?');
  const path = queryStart < 0 ? url : url.slice(0, queryStart);
  const redactedPath = path.replace(LINK_TOKEN, '$1[redacted]').replace(TOKEN_SHAPED, '$1[redacted]');
  if (queryStart < 0) return redactedPath;
  const query = url
    .slice(queryStart + 1)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      return equals < 0 ? pair : `${pair.slice(0, equals)}=[redacted]`;
    })
    .join('&');
  return `${redactedPath}?${query}`;
}
