import type { Flag, IsoTimestamp } from './columns.ts';

export type ProviderCategory = 'rent_ready' | 'in_house' | 'other_vendor';
export type ServiceKind = 'standard' | 'add_on';
export type AddonApprovalMethod = 'customer_approves' | 'staff_approves' | 'auto_approve_under_limit';
export type PricelistSource = 'master' | 'account';

export interface ServicesTable {
  id: string;
  /** Null for the vendor-wide catalog; a property's id for its custom services. */
  accountId: string | null;
  name: string;
  code: string;
  providerCategory: ProviderCategory;
  kind: ServiceKind;
  /** Days before move-in the service is scheduled by default (back-scheduling). */
  defaultDayOffset: number;
  active: Flag;
  /** An add-on's standard service: offered only with it. Null (or a standard service): with any. */
  parentServiceId?: string | null;
  createdAt: IsoTimestamp;
  updatedAt: IsoTimestamp;
}

export interface AccountServicePositionsTable {
  accountId: string;
  serviceId: string;
  position: number;
}

export interface ServiceProfilesTable {
  accountId: string;
  /** The turn profile is every active standard service ("ALL services"). */
  turnProfileAllServices: Flag;
  addonApprovalMethod: AddonApprovalMethod;
  addonAutoApproveLimitCents: number | null;
  /** E.164. */
  backupNotificationPhone: string | null;
  mainApproverContactId: string | null;
  /** A staff add-on request (and a pro's) must carry a photo. */
  addonPhotosRequired: Flag;
  /** 1: a pro's add-on request goes straight to the customer's approval; 0: to staff first ("official channels"). */
  proRequestsDirect: Flag;
  /** Minutes an add-on may wait on the main approver before the backup phone is texted (again before staff are alerted). */
  addonEscalationMinutes?: number;
  /** Days between reminders while a turn's PO is "I don't know yet". */
  poReminderDays?: number;
  createdAt: IsoTimestamp;
  updatedAt: IsoTimestamp;
  /** Added to on every write; an edit based on an older version is refused. Set by the database on insert. */
  version?: number;
}

/** The turn profile's services when it is not "ALL services". */
export interface TurnProfileServicesTable {
  accountId: string;
  serviceId: string;
}

export interface MasterPricesTable {
  serviceId: string;
  priceCents: number;
  updatedAt: IsoTimestamp;
}

export interface AccountPricingConfigsTable {
  accountId: string;
  /** `master`: master prices; `account`: master prices with this account's overrides. */
  pricelist: PricelistSource;
  notes: string | null;
  createdAt: IsoTimestamp;
  updatedAt: IsoTimestamp;
  /** Also added to when the account's price overrides change. */
  version?: number;
}

/** One row ('vendor'): the master prices are many rows, and this carries their one version. */
export interface MasterPricelistsTable {
  id: string;
  version: number;
}

export interface AccountPriceOverridesTable {
  accountId: string;
  serviceId: string;
  priceCents: number;
}

export interface FloorplansTable {
  id: string;
  accountId: string;
  name: string;
  bedrooms: number;
  /** 15 = 1.5 baths. */
  bathroomsTenths: number;
  squareFeet: number | null;
  createdAt: IsoTimestamp;
  updatedAt: IsoTimestamp;
  /** Also added to when its pricelist changes. */
  version?: number;
}

export interface FloorplanPricesTable {
  floorplanId: string;
  serviceId: string;
  priceCents: number;
}

export interface UnitsTable {
  id: string;
  accountId: string;
  number: string;
  floorplanId: string | null;
  notes: string | null;
  createdAt: IsoTimestamp;
  updatedAt: IsoTimestamp;
  version?: number;
}

export interface ProsTable {
  id: string;
  name: string;
  /** E.164. */
  phone: string | null;
  email: string | null;
  active: Flag;
  /** How many services the pro takes on one day before another day's work is booked elsewhere. */
  dailyCapacity: number;
  createdAt: IsoTimestamp;
  updatedAt: IsoTimestamp;
  version?: number;
}

export interface ProServicesTable {
  proId: string;
  serviceId: string;
}

export interface ProPreferencesTable {
  accountId: string;
  serviceId: string;
  preferredProId: string;
  secondaryProId: string | null;
}

/** Tables for services catalog, pricelists, floorplans, units, pros. */
export interface CatalogTables {
  services: ServicesTable;
  accountServicePositions: AccountServicePositionsTable;
  serviceProfiles: ServiceProfilesTable;
  turnProfileServices: TurnProfileServicesTable;
  masterPrices: MasterPricesTable;
  masterPricelists: MasterPricelistsTable;
  accountPricingConfigs: AccountPricingConfigsTable;
  accountPriceOverrides: AccountPriceOverridesTable;
  floorplans: FloorplansTable;
  floorplanPrices: FloorplanPricesTable;
  units: UnitsTable;
  pros: ProsTable;
  proServices: ProServicesTable;
  proPreferences: ProPreferencesTable;
}
