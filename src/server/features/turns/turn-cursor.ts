import { decodePageCursor, encodePageCursor } from '../../page-cursor.ts';
import type { TurnCursor } from './turn-pages-repository.ts';
import type { DeskCursor } from './desk-repository.ts';

/** An opaque page cursor: the board key of the last turn of the previous page. */
export const encodeCursor = (cursor: TurnCursor): string => encodePageCursor(cursor);
export const decodeCursor = (value: string): TurnCursor => decodePageCursor<TurnCursor>(value, 3);

/** The desk's cursor: the sort key of the last turn of the previous page and its id. */
export const encodeDeskCursor = (cursor: DeskCursor): string => encodePageCursor(cursor);
export const decodeDeskCursor = (value: string): DeskCursor => decodePageCursor<DeskCursor>(value, 2);
