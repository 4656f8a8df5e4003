import type { ProviderCategory } from '../../db/schema/catalog.ts';
import type { CalendarDate, ServiceLineStatus } from '../../db/schema/turns.ts';
import { isOpenLine } from './turn-rules.ts';

export interface AssignablePro {
  id: string;
  active: boolean;
  dailyCapacity: number;
}

export interface ProPreference {
  preferredProId: string;
  secondaryProId: string | null;
}

export type ProChoice = { proId: string; as: 'preferred' | 'secondary' } | { proId: null; as: 'unassigned' };

/** Only our own (Rent Ready) work gets a pro; in-house and other-vendor services are the customer's. */
export function needsPro(line: {
  providerCategory: ProviderCategory;
  status: ServiceLineStatus;
  assignedProId: string | null;
}) {
  return line.providerCategory === 'rent_ready' && isOpenLine(line.status) && line.assignedProId === null;
}

/**
 * The property's preferred pro for the service; the secondary when the preferred is inactive or already
 * has `dailyCapacity` open services that day; else nobody (the line is flagged for staff). A service with
 * no date yet books no day, so only "active" counts for it.
 */
export function choosePro(
  preference: ProPreference | undefined,
  pros: ReadonlyMap<string, AssignablePro>,
  bookedOn: (proId: string, date: CalendarDate) => number,
  date: CalendarDate | null,
): ProChoice {
  const available = (proId: string | null) => {
    const pro = proId ? pros.get(proId) : undefined;
    return Boolean(pro?.active) && (date === null || bookedOn(pro!.id, date) < pro!.dailyCapacity);
  };
  if (preference && available(preference.preferredProId)) return { proId: preference.preferredProId, as: 'preferred' };
  if (preference?.secondaryProId && available(preference.secondaryProId))
    return { proId: preference.secondaryProId, as: 'secondary' };
  return { proId: null, as: 'unassigned' };
}
