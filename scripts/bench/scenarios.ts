import { load, type LoadResult } from './load.ts';
import {
  CUSTOMER_LOGIN,
  BENCH_PASSWORD,
  PROPERTY_CUSTOMER_LOGIN,
  STAFF_EMAIL,
  benchId,
  companyId,
  propertyId,
  type DatasetShape,
} from './dataset.ts';

export interface Row {
  database: string;
  size: number;
  scenario: string;
  app: LoadResult;
  ceiling: LoadResult;
  ceilingName: string;
  /** app / ceiling: req/s for throughput rows, p95 (ceiling / app) for latency rows. */
  ratio: number;
  /** app / ceiling in requests per CPU-second of each server (throughput rows). */
  cpuRatio?: number;
  goal: string;
  met: boolean;
}

export async function signIn(base: string, kind: 'customer' | 'staff', login: string): Promise<string> {
  const response = await fetch(`${base}/api/${kind === 'customer' ? 'portal' : 'staff'}/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(
      kind === 'customer' ? { login, password: BENCH_PASSWORD } : { email: login, password: BENCH_PASSWORD },
    ),
  });
  if (!response.ok) throw new Error(`${kind} sign-in as ${login}: ${response.status} ${await response.text()}`);
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
}

export interface Sessions {
  company: string;
  property: string;
  staff: string;
}

export async function signInAll(base: string): Promise<Sessions> {
  return {
    company: await signIn(base, 'customer', CUSTOMER_LOGIN),
    property: await signIn(base, 'customer', PROPERTY_CUSTOMER_LOGIN),
    staff: await signIn(base, 'staff', STAFF_EMAIL),
  };
}

/** The reads of issue-sized lists: app path, the raw read it is compared with, and its parameters. */
export function readScenarios(shape: DatasetShape, sessions: Sessions, today: string) {
  const windowStart = new Date(Date.parse(`${today}T00:00:00Z`) - 30 * 86_400_000).toISOString().slice(0, 10);
  const bigProperty = propertyId(shape, 0);
  return [
    {
      // Every turn of the biggest property has an even number, so its open ones are all scheduled.
      name: 'portal turn board column page (biggest property)',
      path: `/api/portal/properties/${bigProperty}/turns?status=scheduled`,
      cookie: sessions.company,
      raw: 'boardColumn',
      params: [bigProperty],
    },
    {
      name: 'portal turn board counts (biggest property)',
      path: `/api/portal/properties/${bigProperty}/turn-counts`,
      cookie: sessions.company,
      raw: 'boardCounts',
      params: [bigProperty, windowStart],
    },
    {
      name: 'portal home (management company contact)',
      path: '/api/portal/properties',
      cookie: sessions.company,
      raw: 'home',
      params: [benchId('contact', 0)],
    },
    {
      name: 'staff account Turns tab (biggest company)',
      path: `/api/staff/accounts/${companyId(0)}/turns?limit=50`,
      cookie: sessions.staff,
      raw: 'accountTurns',
      params: [companyId(0), windowStart],
    },
    {
      name: 'staff turns desk, one status (every account)',
      path: '/api/staff/desk/turns?view=all&status=scheduled',
      cookie: sessions.staff,
      raw: 'deskByStatus',
      params: ['scheduled'],
    },
  ];
}

export function smallGets(shape: DatasetShape, sessions: Sessions) {
  return [
    { name: 'getCustomerSession', path: '/api/portal/session', cookie: sessions.property },
    { name: 'getAccount', path: `/api/staff/accounts/${propertyId(shape, 1)}`, cookie: sessions.staff },
    { name: 'listPortalProperties (1 property)', path: '/api/portal/properties', cookie: sessions.property },
  ];
}

export function signIns() {
  return [
    {
      name: 'signInCustomer',
      path: '/api/portal/session',
      body: { login: PROPERTY_CUSTOMER_LOGIN, password: BENCH_PASSWORD },
    },
    { name: 'signInStaff', path: '/api/staff/session', body: { email: STAFF_EMAIL, password: BENCH_PASSWORD } },
  ];
}

export async function measureGet(
  base: string,
  path: string,
  cookie: string | null,
  connections: number,
  seconds: number,
  pid?: number,
) {
  return load({ url: `${base}${path}`, connections, seconds, headers: cookie ? { cookie } : {}, pid });
}

export async function measurePost(
  base: string,
  path: string,
  body: unknown,
  connections: number,
  seconds: number,
  pid?: number,
) {
  return load({ url: `${base}${path}`, connections, seconds, method: 'POST', body: JSON.stringify(body), pid });
}
