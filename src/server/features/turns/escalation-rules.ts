import type { IsoTimestamp } from '../../db/schema/columns.ts';

const MINUTE_MS = 60 * 1000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** A one-tap approval link works for this long after it is texted: long enough to answer, short if leaked. */
export const APPROVAL_LINK_LIFETIME_SECONDS = 4 * 3600;

/** The shortest escalation window an account can set: the sweep looks no further back than this. */
export const MIN_ESCALATION_MINUTES = 5;

export type EscalationStep = 'text_backup' | 'alert_staff' | null;

/**
 * What an add-on still waiting on the customer needs now. `minutes` after the request, the backup
 * phone gets a one-tap link; `minutes` after that (the second window), staff are alerted on the desk.
 * An account without a backup phone has nobody to text: staff are alerted at the first window.
 */
export function escalationStep(
  addOn: { requestedAt: IsoTimestamp; escalatedAt?: IsoTimestamp | null; staffAlertedAt?: IsoTimestamp | null },
  minutes: number,
  hasBackupPhone: boolean,
  now: Date,
): EscalationStep {
  if (addOn.staffAlertedAt) return null;
  const window = minutes * MINUTE_MS;
  if (!addOn.escalatedAt) {
    if (now.getTime() - Date.parse(addOn.requestedAt) < window) return null;
    return hasBackupPhone ? 'text_backup' : 'alert_staff';
  }
  return now.getTime() - Date.parse(addOn.escalatedAt) >= window ? 'alert_staff' : null;
}

/**
 * "I don't know the PO number yet": the contacts are reminded `days` after the order and again every
 * `days` after the last reminder, for as long as the turn is open without a PO.
 */
export function poReminderDue(
  turn: { createdAt: IsoTimestamp; poRemindedAt?: IsoTimestamp | null },
  days: number,
  now: Date,
): boolean {
  const since = Date.parse(turn.poRemindedAt ?? turn.createdAt);
  return now.getTime() - since >= days * DAY_MS;
}
