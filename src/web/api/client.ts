import type { ApiError } from '../../shared/api-error.ts';

/** An API failure with the server's code, message and per-field problems. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Array<{ path: string; message: string }> = [],
    /** On a duplicate order: the open turn that already covers the unit and dates. */
    readonly existingTurnId: string | null = null,
  ) {
    super(message);
  }

  /** Field messages keyed by path, ready for a form's setErrors. */
  fieldErrors(): Record<string, string> {
    return Object.fromEntries(this.fields.map((field) => [field.path, field.message]));
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One Idempotency-Key per submission: the same POST sent again before it was answered (a double click,
 * a retry after a lost connection) carries the same key, so the server creates once and answers both
 * alike. A key is forgotten once an answer arrives; a later identical submission is a new one.
 */
const unansweredKeys = new Map<string, string>();
const unansweredUploadKeys = new WeakMap<Blob, string>();

function newKey(): string {
  // getRandomValues works on plain http too, where randomUUID does not exist.
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** While the first request with the key is still running the server answers 409; wait for its answer. */
async function sendOnce(send: (key: string) => Promise<Response>, key: string, forget: () => void) {
  for (let attempt = 0; ; attempt += 1) {
    const response = await send(key);
    if (response.status === 409 && attempt < 10) {
      const payload = (await response
        .clone()
        .json()
        .catch(() => null)) as ApiError | null;
      if (payload?.error.code === 'request_in_flight') {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        continue;
      }
    }
    forget();
    return response;
  }
}

export async function apiRequest<T>(
  method: Method,
  path: string,
  body?: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<T> {
  const serialized = body === undefined ? undefined : JSON.stringify(body);
  const send = (key: string | null) =>
    fetch(path, {
      method,
      credentials: 'same-origin',
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(key ? { 'idempotency-key': key } : {}),
        ...extraHeaders,
      },
      body: serialized,
    });
  if (method !== 'POST') return readResponse<T>(await send(null));
  const submission = `${path}\n${serialized ?? ''}`;
  const key = unansweredKeys.get(submission) ?? newKey();
  unansweredKeys.set(submission, key);
  return readResponse<T>(await sendOnce(send, key, () => unansweredKeys.delete(submission)));
}

/** Sends a file as the raw request body (photos); the server checks the content, not this type. */
export async function uploadFile<T>(path: string, file: Blob): Promise<T> {
  const key = unansweredUploadKeys.get(file) ?? newKey();
  unansweredUploadKeys.set(file, key);
  const send = (idempotencyKey: string) =>
    fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'content-type': file.type.startsWith('image/') ? file.type : 'application/octet-stream',
        'idempotency-key': idempotencyKey,
      },
      body: file,
    });
  return readResponse<T>(await sendOnce(send, key, () => unansweredUploadKeys.delete(file)));
}

async function readResponse<T>(response: Response): Promise<T> {
  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (payload as ApiError | null)?.error;
    const staleAt = error?.code === 'stale_version' && error.changedAt ? new Date(error.changedAt) : null;
    throw new ApiRequestError(
      response.status,
      error?.code ?? 'internal',
      staleAt
        ? `${error?.changedBy ?? 'Someone'} changed this at ${staleAt.toLocaleString()}. Reload to see their change, then edit again.`
        : (error?.message ?? `The server answered ${response.status}. Try again in a moment.`),
      error?.fields,
      error?.existingTurnId ?? null,
    );
  }
  return payload as T;
}

/** Optional per-request headers (the step-up reason travels in one). */
type Headers = Record<string, string>;

export const api = {
  get: <T>(path: string, headers?: Headers) => apiRequest<T>('GET', path, undefined, headers),
  post: <T>(path: string, body?: unknown, headers?: Headers) => apiRequest<T>('POST', path, body ?? {}, headers),
  put: <T>(path: string, body?: unknown, headers?: Headers) => apiRequest<T>('PUT', path, body ?? {}, headers),
  patch: <T>(path: string, body?: unknown, headers?: Headers) => apiRequest<T>('PATCH', path, body ?? {}, headers),
  delete: <T>(path: string, headers?: Headers) => apiRequest<T>('DELETE', path, undefined, headers),
};

/** The header a step-up action carries its typed reason in (recorded in the audit log). */
export function reasonHeader(reason: string): Headers {
  return { 'x-step-up-reason': encodeURIComponent(reason) };
}

/** The version an edit is based on; the server refuses it (409) if the record changed since. */
export function ifMatch(version: number): Headers {
  return { 'if-match': `"${version}"` };
}

/** Builds a query string from defined values only. */
export function toQuery(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
