import { type RawBuilder, sql } from 'kysely';
import type { DatabaseKind } from './database.ts';

/** Whole days from `from` (a YYYY-MM-DD value) to a YYYY-MM-DD column, in the dialect's own date arithmetic. */
export function daysFromTo(kind: DatabaseKind, from: string, toColumn: RawBuilder<unknown>): RawBuilder<number> {
  return kind === 'postgres'
    ? sql<number>`(${toColumn}::date - ${from}::date)`
    : sql<number>`cast(julianday(${toColumn}) - julianday(${from}) as integer)`;
}
