import type { ServiceLineStatus } from '../../../shared/turn-contracts.ts';

// Read by the route at start-up, so it stays free of zod and the API client (the first-load budget).
const STATUSES: ServiceLineStatus[] = ['pending', 'scheduled', 'in_progress', 'completed', 'canceled'];
const FLAGS = ['needsPro', 'atRisk', 'poMissing', 'addOnWaiting', 'addOnOverdue'] as const;
export type DeskFlag = (typeof FLAGS)[number];
export const FLAG_LABELS: Record<DeskFlag, string> = {
  needsPro: 'Needs pro',
  atRisk: 'At risk',
  poMissing: 'PO missing',
  addOnWaiting: 'Add-on waiting',
  addOnOverdue: 'Add-on overdue',
};

/** The desk's view as it stands in the URL, so it can be bookmarked and shared. */
export interface DeskSearch {
  view: 'inbox' | 'all';
  sort: 'newest' | 'moveIn';
  status?: ServiceLineStatus;
  accountId?: string;
  companyId?: string;
  proId?: string;
  search?: string;
  moveInFrom?: string;
  moveInTo?: string;
  needsPro?: boolean;
  atRisk?: boolean;
  poMissing?: boolean;
  addOnWaiting?: boolean;
  addOnOverdue?: boolean;
}

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim().slice(0, 64) : undefined);
const date = (value: unknown) => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined);

export function parseDeskSearch(search: Record<string, unknown>): DeskSearch {
  const status = STATUSES.find((candidate) => candidate === search.status);
  const parsed: DeskSearch = {
    view: search.view === 'all' ? 'all' : 'inbox',
    sort: search.sort === 'moveIn' ? 'moveIn' : 'newest',
    status,
    accountId: text(search.accountId),
    companyId: text(search.companyId),
    proId: text(search.proId),
    search: text(search.search),
    moveInFrom: date(search.moveInFrom),
    moveInTo: date(search.moveInTo),
  };
  for (const flag of FLAGS) if (search[flag] === true || search[flag] === 'true') parsed[flag] = true;
  return parsed;
}
