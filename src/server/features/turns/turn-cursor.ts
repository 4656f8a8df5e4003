import { fieldError } from '../../errors.ts';
import type { TurnCursor } from './turns-repository.ts';
import type { DeskCursor } from './desk-repository.ts';

/** An opaque page cursor: the board key of the last turn of the previous page. */
export function encodeCursor(cursor: TurnCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeCursor(value: string): TurnCursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 3 && parsed.every((part) => typeof part === 'string')) {
      return parsed as TurnCursor;
    }
  } catch {
    // Falls through to the field error.
  }
  throw fieldError('cursor', 'This page link is not valid; reload the list');
}

/** The desk's cursor: the sort key of the last turn of the previous page and its id. */
export function encodeDeskCursor(cursor: DeskCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeDeskCursor(value: string): DeskCursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && parsed.every((part) => typeof part === 'string'))
      return parsed as DeskCursor;
  } catch {
    // Falls through to the field error.
  }
  throw fieldError('cursor', 'This page link is not valid; reload the list');
}
