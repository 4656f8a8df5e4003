import type { CalendarDate, ServiceLineStatus } from '../../db/schema/turns.ts';
import { isOpenLine } from './turn-rules.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * "At risk": the days left until the ready-by day (move-in − 1), today and the ready-by day both
 * counted, are fewer than the services still open, each needing a day. A turn without a move-in has
 * no deadline. The desk's SQL filter applies the same rule (desk-repository.ts).
 */
export function isAtRisk(
  moveInDate: CalendarDate | null,
  lineStatuses: readonly ServiceLineStatus[],
  today: CalendarDate,
): boolean {
  if (!moveInDate) return false;
  const open = lineStatuses.filter(isOpenLine).length;
  const daysLeft = Math.round((Date.parse(`${moveInDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
  return open > 0 && daysLeft < open;
}
