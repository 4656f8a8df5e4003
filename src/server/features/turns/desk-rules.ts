import type { CalendarDate } from '../../db/schema/turns.ts';
import { addDays } from './turn-rules.ts';

/**
 * "At risk": the days left until the ready-by day (move-in − 1), today and the ready-by day both
 * counted, are fewer than the services still to finish, each needing a day. Stored on the turn as the
 * first such day and kept in step with its services and dates, so the desk filters on an index. A
 * turn without a move-in, or with nothing left to do, is never at risk.
 */
export function atRiskFrom(moveInDate: CalendarDate | null, servicesLeft: number): CalendarDate | null {
  if (!moveInDate || servicesLeft === 0) return null;
  return addDays(moveInDate, 1 - servicesLeft);
}

export const isAtRisk = (from: CalendarDate | null | undefined, today: CalendarDate) => from != null && from <= today;
