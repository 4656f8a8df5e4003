import type { Clock } from '../../clock.ts';
import type { Trx } from '../../db/database.ts';
import type { StaffRole } from '../../db/schema/columns.ts';
import type { CalendarDate, TurnsTable } from '../../db/schema/turns.ts';
import { enqueue } from '../../outbox/outbox.ts';
import * as repository from './notices-repository.ts';
import { contactDelivery } from './turn-rules.ts';

export type ProEvent = 'assigned' | 'changed' | 'canceled';
/** What a customer did in the portal that the account's staff hear of. */
export type StaffEvent = 'ordered' | 'changed' | 'canceled';
export type CustomerEvent =
  | 'turn_acknowledged'
  | 'service_scheduled'
  | 'service_rescheduled'
  | 'service_started'
  | 'service_completed'
  | 'po_reminder';

export interface ProWork {
  proId: string;
  serviceName: string;
  scheduledDate: CalendarDate | null;
}

/** The lines that have a pro, as the work each pro is told about. */
export function proWorkOf(
  lines: ReadonlyArray<{ assignedProId: string | null; serviceName: string; scheduledDate: CalendarDate | null }>,
): ProWork[] {
  return lines.flatMap((line) =>
    line.assignedProId
      ? [{ proId: line.assignedProId, serviceName: line.serviceName, scheduledDate: line.scheduledDate }]
      : [],
  );
}

type TurnForNotice = Pick<TurnsTable, 'id' | 'accountId' | 'unitNumber' | 'moveInDate'>;
type TurnForStaff = TurnForNotice & Pick<TurnsTable, 'moveOutDate'>;

function formatAddress(row: {
  addressLine1: string | null;
  addressLine2: string | null;
  city: string | null;
  region: string | null;
  postalCode: string | null;
}) {
  const street = [row.addressLine1, row.addressLine2].filter(Boolean).join(', ');
  const place = [row.city, [row.region, row.postalCode].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  return [street, place].filter(Boolean).join(', ');
}

/**
 * The outbox messages turn events cause, written in the caller's transaction so a notice goes out
 * exactly when its change commits.
 */
export function createTurnNotices(deps: { clock: Clock; publicUrl: string; staffRole: StaffRole }) {
  const { clock, publicUrl } = deps;

  return {
    /** One email per staff member of the account, with the desk link that finds the turn. */
    async notifyStaff(trx: Trx, event: StaffEvent, turn: TurnForStaff) {
      const [staff, property] = await Promise.all([
        repository.listStaffRecipients(trx, turn.accountId, deps.staffRole),
        repository.findPropertyForNotice(trx, turn.accountId),
      ]);
      const view = event === 'canceled' ? 'all' : 'inbox';
      for (const member of staff)
        await enqueue(trx, clock, {
          kind: `turn_${event}_staff`,
          to: [member.email],
          payload: {
            staff: { name: member.name.split(' ')[0] ?? member.name },
            property: { name: property?.name ?? '' },
            turn: {
              unitNumber: turn.unitNumber,
              moveOutDate: turn.moveOutDate,
              moveInDate: turn.moveInDate ?? 'not set',
            },
            link: `${publicUrl}/console/turns?view=${view}&search=${encodeURIComponent(turn.unitNumber)}`,
          },
          accountId: turn.accountId,
        });
    },

    /** One message per pro, listing their services the event touches; SMS when they have a phone. */
    async notifyPros(trx: Trx, event: ProEvent, turn: TurnForNotice, work: readonly ProWork[]) {
      const proIds = [...new Set(work.map((item) => item.proId))];
      if (proIds.length === 0) return;
      const [pros, property] = await Promise.all([
        repository.findProsForNotice(trx, proIds),
        repository.findPropertyForNotice(trx, turn.accountId),
      ]);
      for (const pro of pros) {
        const to = pro.phone ? { kind: `pro_work_${event}_sms`, to: [pro.phone] } : null;
        const target = to ?? (pro.email ? { kind: `pro_work_${event}`, to: [pro.email] } : null);
        if (!target) continue;
        const items = work.filter((item) => item.proId === pro.id);
        await enqueue(trx, clock, {
          kind: target.kind,
          to: target.to,
          payload: {
            pro: { name: pro.name.split(' ')[0] ?? pro.name },
            property: { name: property?.name ?? '', address: property ? formatAddress(property) : '' },
            turn: { unitNumber: turn.unitNumber },
            work: items
              .map(
                (item) => `${item.serviceName} ${item.scheduledDate ? `on ${item.scheduledDate}` : '(date to be set)'}`,
              )
              .join('; '),
          },
          accountId: turn.accountId,
        });
      }
    },

    /** Every contact of the property by their preferred channel (email, SMS or none). */
    async notifyCustomers(
      trx: Trx,
      event: CustomerEvent,
      turn: TurnForNotice,
      service: { name: string; date: CalendarDate | null } | null,
      options: { dedupeKey?: string } = {},
    ) {
      const [contacts, property] = await Promise.all([
        repository.listCustomerRecipients(trx, turn.accountId),
        repository.findPropertyForNotice(trx, turn.accountId),
      ]);
      for (const contact of contacts) {
        const target = contactDelivery(contact, contact.emails);
        if (!target) continue;
        await enqueue(trx, clock, {
          kind: target.channel === 'sms' ? `${event}_sms` : event,
          to: target.to,
          payload: {
            contact: { firstName: contact.firstName },
            property: { name: property?.name ?? '' },
            turn: { unitNumber: turn.unitNumber, moveInDate: turn.moveInDate ?? 'not set' },
            service: { name: service?.name ?? '', date: service?.date ?? '' },
            link: `${publicUrl}/portal/turns/${turn.id}`,
          },
          ...(options.dedupeKey ? { dedupeKey: `${options.dedupeKey}:${contact.id}` } : {}),
          accountId: turn.accountId,
          contactId: contact.id,
        });
      }
    },
  };
}
