import type { TurnAddOnsTable, TurnServiceLinesTable, TurnsTable } from '../../db/schema/turns.ts';
import type { Turn, TurnAddOn, TurnSummary } from '../../../shared/turn-contracts.ts';
import { needsPro } from './pro-assignment-rules.ts';
import { backScheduledDate, deriveTurnStatus, isOpenLine, readyByDate, turnTotalCents } from './turn-rules.ts';

export interface TurnRecord {
  turn: TurnsTable;
  propertyName: string;
  lines: Array<TurnServiceLinesTable & { proName: string | null }>;
  addOns: TurnAddOnsTable[];
}

function presentAddOn(addOn: TurnAddOnsTable): TurnAddOn {
  return {
    id: addOn.id,
    serviceLineId: addOn.serviceLineId,
    serviceId: addOn.serviceId,
    name: addOn.serviceName,
    priceCents: addOn.priceCents,
    status: addOn.status,
    approver: addOn.approver,
    reason: addOn.reason,
    requestedBy: addOn.requestedByKind,
    requestedAt: addOn.requestedAt,
    decidedAt: addOn.decidedAt,
    decisionNote: addOn.decisionNote,
  };
}

export function presentTurn({ turn, propertyName, lines, addOns }: TurnRecord): Turn {
  const readyBy = readyByDate(turn.moveInDate);
  const presentedLines = lines.map((line) => {
    const suggestedDate = backScheduledDate(turn.moveOutDate, turn.moveInDate, line.defaultDayOffset);
    return {
      id: line.id,
      serviceId: line.serviceId,
      name: line.serviceName,
      providerCategory: line.providerCategory,
      status: line.status,
      scheduledDate: line.scheduledDate,
      suggestedDate,
      dateIsManual: line.dateIsManual === 1,
      isLate: Boolean(readyBy && line.scheduledDate && line.scheduledDate > readyBy && line.status !== 'canceled'),
      priceCents: line.priceCents,
      poNumber: line.poNumber,
      effectivePoNumber: line.poNumber ?? turn.defaultPoNumber,
      // Customers see who is coming by first name only; staff have the pro's full record.
      proFirstName: line.proName?.split(' ')[0] ?? null,
      needsPro: needsPro(line),
      reworkOfServiceLineId: line.reworkOfServiceLineId ?? null,
      addOns: addOns.filter((addOn) => addOn.serviceLineId === line.id).map(presentAddOn),
    };
  });
  return {
    id: turn.id,
    accountId: turn.accountId,
    propertyName,
    unitId: turn.unitId,
    unitNumber: turn.unitNumber,
    floorplanId: turn.floorplanId,
    floorplanName: turn.floorplanName,
    moveOutDate: turn.moveOutDate,
    moveInDate: turn.moveInDate,
    readyByDate: readyBy,
    notes: turn.notes,
    defaultPoNumber: turn.defaultPoNumber,
    poUnknown: turn.poUnknown === 1,
    status: deriveTurnStatus(
      lines.map((line) => line.status),
      turn.canceledAt !== null,
    ),
    totalCents: turnTotalCents(presentedLines),
    offScheduleCount: presentedLines.filter(
      (line) => isOpenLine(line.status) && line.suggestedDate !== null && line.scheduledDate !== line.suggestedDate,
    ).length,
    canceledAt: turn.canceledAt,
    cancelReason: turn.cancelReason,
    createdAt: turn.createdAt,
    updatedAt: turn.updatedAt,
    lines: presentedLines,
  };
}

/** A list row: the stored status (what the board's columns filter on) and sums read with the page. */
export function presentTurnSummary(
  turn: Omit<TurnSummary, 'readyByDate' | 'services'>,
  services: TurnSummary['services'],
): TurnSummary {
  return {
    id: turn.id,
    accountId: turn.accountId,
    propertyName: turn.propertyName,
    unitNumber: turn.unitNumber,
    floorplanName: turn.floorplanName,
    moveOutDate: turn.moveOutDate,
    moveInDate: turn.moveInDate,
    readyByDate: readyByDate(turn.moveInDate),
    status: turn.status,
    totalCents: turn.totalCents,
    pendingAddOnCount: turn.pendingAddOnCount,
    services,
    createdAt: turn.createdAt,
  };
}
