import type { Flag, IsoTimestamp } from './columns.ts';
import type { ProviderCategory } from './catalog.ts';

/** A calendar day, YYYY-MM-DD. */
export type CalendarDate = string;
export type ServiceLineStatus = 'pending' | 'scheduled' | 'in_progress' | 'completed' | 'canceled';
export type AddOnStatus = 'approved' | 'pending' | 'declined';
/** Who decides a pending add-on: the customer (portal) or staff (console). */
export type AddOnApprover = 'customer' | 'staff';
export type ActorKind = 'staff' | 'customer' | 'pro' | 'system';

export interface TurnsTable {
  id: string;
  /** The property. */
  accountId: string;
  /** The property's management company, kept in step with it: a company's turns read as one index range. */
  companyId: string | null;
  unitId: string | null;
  unitNumber: string;
  floorplanId: string | null;
  floorplanName: string;
  moveOutDate: CalendarDate;
  moveInDate: CalendarDate | null;
  notes: string | null;
  defaultPoNumber: string | null;
  /** "I don't know the PO number yet". */
  poUnknown: Flag;
  createdByKind: ActorKind;
  createdById: string | null;
  canceledAt: IsoTimestamp | null;
  cancelReason: string | null;
  createdAt: IsoTimestamp;
  updatedAt: IsoTimestamp;
  /** Derived from the lines (deriveTurnStatus) and kept in step with them, so lists filter in SQL. */
  status: ServiceLineStatus;
  /** Null while the turn waits in the staff desk's inbox (new, or changed by the customer since). */
  acknowledgedAt?: IsoTimestamp | null;
  acknowledgedByStaffId?: string | null;
  /** The last "PO number still missing" reminder to the customer. */
  poRemindedAt?: IsoTimestamp | null;
  /** The first day the turn is at risk (atRiskFrom in desk-rules), null when it cannot be. */
  atRiskFrom?: CalendarDate | null;
}

export interface TurnServiceLinesTable {
  id: string;
  turnId: string;
  accountId: string;
  serviceId: string;
  serviceName: string;
  providerCategory: ProviderCategory;
  position: number;
  defaultDayOffset: number;
  scheduledDate: CalendarDate | null;
  /** Set when someone picked the date; re-flowing after a move-in change leaves it alone unless asked. */
  dateIsManual: Flag;
  status: ServiceLineStatus;
  priceCents: number | null;
  /** Overrides the turn's default PO for this service. */
  poNumber: string | null;
  /** The pro doing the work; null until one is assigned (or when none could be). */
  assignedProId: string | null;
  /** A punch-back line: the completed line it reworks (absent on lines written before rework existed). */
  reworkOfServiceLineId?: string | null;
  createdAt: IsoTimestamp;
  updatedAt: IsoTimestamp;
}

export interface TurnAddOnsTable {
  id: string;
  serviceLineId: string;
  turnId: string;
  accountId: string;
  serviceId: string;
  serviceName: string;
  priceCents: number | null;
  status: AddOnStatus;
  approver: AddOnApprover;
  /** Why the pro asks for it (field requests). */
  reason: string | null;
  requestedByKind: ActorKind;
  requestedById: string | null;
  requestedAt: IsoTimestamp;
  decidedByKind: ActorKind | null;
  decidedById: string | null;
  decidedAt: IsoTimestamp | null;
  decisionNote: string | null;
  /** When the undecided request was texted to the backup phone with an approval link. */
  escalatedAt?: IsoTimestamp | null;
  /** When it was still undecided a window after that and was flagged to staff on the desk. */
  staffAlertedAt?: IsoTimestamp | null;
}

/** A one-tap approval link texted to the backup phone; only the keyed hash of its secret is stored. */
export interface AddOnApprovalLinksTable {
  id: string;
  tokenHash: string;
  addOnId: string;
  phone: string;
  createdAt: IsoTimestamp;
  expiresAt: IsoTimestamp;
  openedAt: IsoTimestamp | null;
  consumedAt: IsoTimestamp | null;
}

/** Tables for turns, service lines and add-ons (customer portal ordering). */
export interface TurnsTables {
  turns: TurnsTable;
  turnServiceLines: TurnServiceLinesTable;
  turnAddOns: TurnAddOnsTable;
  addOnApprovalLinks: AddOnApprovalLinksTable;
}
