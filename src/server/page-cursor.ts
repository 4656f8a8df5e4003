import { fieldError } from './errors.ts';

/** An opaque page cursor: the sort key of the last row of the previous page (its last part is the row's id). */
export function encodePageCursor(key: readonly string[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodePageCursor<Key extends string[]>(value: string, length: Key['length']): Key {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === length && parsed.every((part) => typeof part === 'string'))
      return parsed as Key;
  } catch {
    // Falls through to the field error.
  }
  throw fieldError('cursor', 'This page link is not valid; reload the list');
}
