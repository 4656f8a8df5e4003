import type { AddonApprovalMethod } from '../../db/schema/catalog.ts';
import type { AddOnApprover, AddOnStatus, CalendarDate, ServiceLineStatus } from '../../db/schema/turns.ts';
import { AppError, fieldError } from '../../errors.ts';
import { toE164 } from '../../outbox/recipients.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Calendar arithmetic in UTC, so a date never shifts with the server's time zone or DST. */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Ready by = the day before move-in (the Infor/Yardi convention). */
export function readyByDate(moveInDate: CalendarDate | null): CalendarDate | null {
  return moveInDate ? addDays(moveInDate, -1) : null;
}

/** The move-in must come after the move-out, so there is at least one day to turn the unit. */
export function checkTurnDates(moveOutDate: CalendarDate, moveInDate: CalendarDate | null): void {
  if (moveInDate !== null && moveInDate <= moveOutDate)
    throw fieldError('moveInDate', 'The move-in must be after the move-out');
}

/**
 * Back-scheduling: a service is due its default number of days before move-in, but never before the
 * unit is empty (move-out) nor after it must be ready (move-in − 1). No move-in, no date: the
 * customer picks one or adds the move-in later.
 */
export function backScheduledDate(
  moveOutDate: CalendarDate,
  moveInDate: CalendarDate | null,
  defaultDayOffset: number,
): CalendarDate | null {
  if (!moveInDate) return null;
  const readyBy = readyByDate(moveInDate)!;
  const date = addDays(moveInDate, -Math.max(defaultDayOffset, 1));
  if (date < moveOutDate) return moveOutDate;
  // biome-ignore lint/complexity/useMathMinMax: calendar dates are YYYY-MM-DD strings; Math.min would coerce them to NaN
  return date > readyBy ? readyBy : date;
}

/** A date picked by hand must fall while the unit is empty: from the move-out to the ready-by day. */
export function checkManualDate(
  path: string,
  date: CalendarDate,
  moveOutDate: CalendarDate,
  moveInDate: CalendarDate | null,
): void {
  if (date < moveOutDate) throw fieldError(path, 'Pick a date on or after the move-out');
  const readyBy = readyByDate(moveInDate);
  if (readyBy && date > readyBy) throw fieldError(path, `Pick a date on or before the ready-by date (${readyBy})`);
}

/** An add-on tied to a standard service in the catalog goes only with that service; an untied one with any. */
export function addOnFitsService(addOn: { parentServiceId?: string | null }, serviceId: string): boolean {
  return !addOn.parentServiceId || addOn.parentServiceId === serviceId;
}

export const OPEN_LINE_STATUSES: readonly ServiceLineStatus[] = ['pending', 'scheduled'];
export const isOpenLine = (status: ServiceLineStatus) => OPEN_LINE_STATUSES.includes(status);

/**
 * A turn's status from its services: canceled when every service is, completed when every remaining
 * one is, in progress once work started (or some is done), scheduled once any is scheduled.
 */
export function deriveTurnStatus(lineStatuses: readonly ServiceLineStatus[], turnCanceled: boolean): ServiceLineStatus {
  const live = lineStatuses.filter((status) => status !== 'canceled');
  if (turnCanceled || live.length === 0) return 'canceled';
  if (live.every((status) => status === 'completed')) return 'completed';
  if (live.some((status) => status === 'in_progress' || status === 'completed')) return 'in_progress';
  if (live.some((status) => status === 'scheduled')) return 'scheduled';
  return 'pending';
}

/** What a turn costs: services not canceled, plus their approved add-ons. Unpriced items count as 0. */
export function turnTotalCents(
  lines: ReadonlyArray<{
    status: ServiceLineStatus;
    priceCents: number | null;
    addOns: ReadonlyArray<{ status: AddOnStatus; priceCents: number | null }>;
  }>,
): number {
  return lines
    .filter((line) => line.status !== 'canceled')
    .reduce(
      (total, line) =>
        total +
        (line.priceCents ?? 0) +
        line.addOns
          .filter((addOn) => addOn.status === 'approved')
          .reduce((sum, addOn) => sum + (addOn.priceCents ?? 0), 0),
      0,
    );
}

export type AddOnDecision = { status: 'approved' } | { status: 'pending'; approver: AddOnApprover };

/**
 * Who decides an add-on requested after the order (a pro in the field), per the account's method.
 * Over the auto-approve limit, or without a price to compare, it falls back to asking the customer.
 */
export function decideAddOnRequest(
  method: AddonApprovalMethod,
  limitCents: number | null,
  priceCents: number | null,
): AddOnDecision {
  if (method === 'staff_approves') return { status: 'pending', approver: 'staff' };
  if (method === 'auto_approve_under_limit' && limitCents !== null && priceCents !== null && priceCents < limitCents)
    return { status: 'approved' };
  return { status: 'pending', approver: 'customer' };
}

export type ContactDelivery = { channel: 'email' | 'sms'; to: string[] } | null;

/**
 * Where one contact's turn message goes under their notification preference (set in the onboard): a
 * text when they prefer SMS and have a usable number, nothing when they chose none (staff ring them),
 * email otherwise, so SMS without a number still reaches them. The one rule for every message to a
 * contact about a turn: turn notices and add-on approval requests (from staff or from the field).
 */
export function contactDelivery(
  contact: { notificationChannel: string; phone: string | null },
  emails: readonly string[],
): ContactDelivery {
  if (contact.notificationChannel === 'none') return null;
  const phone = contact.notificationChannel === 'sms' && contact.phone ? toE164(contact.phone) : null;
  if (phone) return { channel: 'sms', to: [phone] };
  return emails.length > 0 ? { channel: 'email', to: [...emails] } : null;
}

/** The account's add-on request policy (set in the onboard): add-on requests may have to carry photos. */
export function checkAddOnPhotoPolicy(photosRequired: boolean, photoCount: number | undefined): void {
  if (!photosRequired || (photoCount ?? 0) > 0) return;
  // A staff relay cannot attach photos; the pro sends the request with them from the field.
  throw fieldError(
    'photoIds',
    photoCount === undefined
      ? 'This customer needs a photo with every add-on request: ask the pro to request it with a photo from their assignments'
      : 'This customer needs at least one photo with every add-on request',
  );
}

/** PO choices: a default PO, or "I don't know yet", not both. */
export function checkPurchaseOrders(defaultPoNumber: string | null, poUnknown: boolean): void {
  if (poUnknown && defaultPoNumber)
    throw fieldError('defaultPoNumber', 'Clear the PO number, or untick “I don’t know the PO number yet”');
}

/** Staff move a service forward through the vendor's own steps; canceled and completed work stays put. */
export function checkStatusChange(
  from: ServiceLineStatus,
  to: 'scheduled' | 'in_progress' | 'completed',
  hasDate: boolean,
): void {
  if (from === 'canceled') throw new AppError('conflict', 'This service was canceled.');
  if (from === 'completed' && to !== 'completed') throw new AppError('conflict', 'This service is already completed.');
  if (to === 'scheduled' && !hasDate) throw new AppError('conflict', 'Give the service a date before scheduling it.');
}
