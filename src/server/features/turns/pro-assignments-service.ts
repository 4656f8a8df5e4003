import type { CalendarDate } from '../../db/schema/turns.ts';
import { fieldError } from '../../errors.ts';
import type { TurnContext } from './turn-context.ts';
import * as repository from './turns-repository.ts';

/** What a pro's day and week views read: their services in a date window, and the days they are overbooked. */
export function createProAssignmentsService(context: TurnContext) {
  const { db, catalog } = context;

  return {
    /**
     * A pro's services dated in [from, to] (canceled ones left out), by day. `overCapacity` marks every
     * service of a day on which the pro has more open services than their daily capacity.
     */
    async listProAssignments(proId: string, from: CalendarDate, to: CalendarDate) {
      if (to < from) throw fieldError('to', 'The end of the range must not be before its start');
      const pro = await catalog.pros.getPro(proId);
      const rows = await repository.listProAssignments(db, proId, from, to);
      const openPerDay = new Map<string, number>();
      for (const row of rows)
        if (row.status !== 'completed')
          openPerDay.set(row.scheduledDate!, (openPerDay.get(row.scheduledDate!) ?? 0) + 1);
      return {
        dailyCapacity: pro.dailyCapacity,
        items: rows.map((row) => ({
          ...row,
          scheduledDate: row.scheduledDate!,
          overCapacity: (openPerDay.get(row.scheduledDate!) ?? 0) > pro.dailyCapacity,
        })),
      };
    },
  };
}
