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

export async function apiRequest<T>(
  method: Method,
  path: string,
  body?: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<T> {
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...extraHeaders },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return readResponse<T>(response);
}

/** Sends a file as the raw request body (photos); the server checks the content, not this type. */
export async function uploadFile<T>(path: string, file: Blob): Promise<T> {
  const response = await fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': file.type.startsWith('image/') ? file.type : 'application/octet-stream' },
    body: file,
  });
  return readResponse<T>(response);
}

async function readResponse<T>(response: Response): Promise<T> {
  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (payload as ApiError | null)?.error;
    throw new ApiRequestError(
      response.status,
      error?.code ?? 'internal',
      error?.message ?? `The server answered ${response.status}. Try again in a moment.`,
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

/** Builds a query string from defined values only. */
export function toQuery(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
