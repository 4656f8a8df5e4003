/**
 * True when a query failed because the database could not be reached or dropped the connection, not
 * because of the query: the request may succeed when retried (HTTP 503, worker backoff).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    // 08: connection exceptions; 57P01–57P03: admin shutdown, crash shutdown, cannot connect now;
    // 53300: too many connections. SQLITE_BUSY: another process held the write lock past the timeout.
    if (/^08/.test(code) || /^57P0[123]$/.test(code) || code === '53300') return true;
    if (['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN'].includes(code)) return true;
    if (code.startsWith('SQLITE_BUSY')) return true;
  }
  if (error instanceof AggregateError) return error.errors.some(isDatabaseUnavailable);
  return (
    typeof message === 'string' &&
    /Connection terminated|not queryable|timeout exceeded when trying to connect|Connection ended/i.test(message)
  );
}
