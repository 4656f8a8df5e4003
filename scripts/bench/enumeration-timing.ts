import { createDatabase } from '../../src/server/db/database.ts';
import { portalKeyColumns } from '../../src/server/features/customers/portal-key.ts';
import { PROPERTY_CUSTOMER_LOGIN, propertyId, type DatasetShape } from './dataset.ts';
import { BENCH_SECRET_KEY, type BenchDatabase, databaseEnv, startPortico, stop } from './processes.ts';

/**
 * Enumeration timing: forgot-password for an existing login vs an unknown one, and portal-key sign-up
 * with an email that already has a login vs a new one. Requests alternate between the two cases, one
 * at a time, each from its own address (TRUST_PROXY), so neither side meets a throttle or a warmer
 * cache the other did not; the goal is a difference of medians under 1 ms.
 */
export interface TimingResult {
  database: string;
  scenario: string;
  samples: number;
  knownMedianMs: number;
  unknownMedianMs: number;
  differenceMs: number;
  /** Median of (known − unknown) over the back-to-back pairs: less moved by a busy machine's drift. */
  pairedMedianMs: number;
  met: boolean;
}

export const timingResults: TimingResult[] = [];
// Sign-up hashes a password (argon2id, tens of ms) on every request, so it gets fewer rounds.
const SAMPLES = { reset: 100, signUp: 40 };
const WARM_UP = 5;
const PORTAL_KEY = 'BNCH-TIME-KEY0-0000-0000-0000-0000';
const KNOWN_EMAIL = `${PROPERTY_CUSTOMER_LOGIN}@bench.test`;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

let address = 0;
async function timed(base: string, path: string, body: unknown): Promise<number> {
  address += 1;
  const started = performance.now();
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-forwarded-for': `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`,
    },
    body: JSON.stringify(body),
  });
  await response.arrayBuffer();
  const elapsed = performance.now() - started;
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return elapsed;
}

async function compare(
  kind: string,
  scenario: string,
  samples: number,
  known: () => Promise<number>,
  unknown: () => Promise<number>,
): Promise<void> {
  for (let index = 0; index < WARM_UP; index += 1) {
    await known();
    await unknown();
  }
  const knownTimes: number[] = [];
  const unknownTimes: number[] = [];
  for (let index = 0; index < samples; index += 1) {
    // Alternating, and starting with the other case every second round, so drift hits both alike.
    if (index % 2) {
      knownTimes.push(await known());
      unknownTimes.push(await unknown());
    } else {
      unknownTimes.push(await unknown());
      knownTimes.push(await known());
    }
  }
  const knownMedianMs = median(knownTimes);
  const unknownMedianMs = median(unknownTimes);
  const differenceMs = knownMedianMs - unknownMedianMs;
  const pairedMedianMs = median(knownTimes.map((time, index) => time - unknownTimes[index]!));
  const result = {
    database: kind,
    scenario,
    samples,
    pairedMedianMs,
    knownMedianMs,
    unknownMedianMs,
    differenceMs,
    met: Math.abs(differenceMs) < 1,
  };
  timingResults.push(result);
  process.stdout.write(`  ${formatTiming(result)}\n`);
}

export function formatTiming(result: TimingResult): string {
  return `| ${result.database} | ${result.scenario} | ${result.samples} each | known ${result.knownMedianMs.toFixed(2)} ms | unknown ${result.unknownMedianMs.toFixed(2)} ms | difference ${result.differenceMs.toFixed(2)} ms (paired ${result.pairedMedianMs.toFixed(2)}) | goal < 1 ms | ${result.met ? 'yes' : 'no'} |`;
}

/** Runs both comparisons against a `portico serve` of its own on `port` (the delivering worker stays off). */
export async function measureEnumerationTiming(database: BenchDatabase, shape: DatasetShape, port: number) {
  const account = propertyId(shape, 1);
  const handle = createDatabase(database);
  const now = new Date().toISOString();
  try {
    await handle.db.updateTable('registrationSettings').set({ selfRegistrationEnabled: 1 }).execute();
    await handle.db
      .updateTable('accounts')
      .set(portalKeyColumns(BENCH_SECRET_KEY, account, PORTAL_KEY, now))
      .where('id', '=', account)
      .execute();
    const { accountNumber } = await handle.db
      .selectFrom('accounts')
      .select('accountNumber')
      .where('id', '=', account)
      .executeTakeFirstOrThrow();
    const serve = await startPortico(
      'serve',
      { PORT: String(port), TRUST_PROXY: 'true', ...databaseEnv(database) },
      'Portico is running',
    );
    const base = `http://127.0.0.1:${port}`;
    try {
      await compare(
        database.kind,
        'forgot password: existing login vs unknown',
        SAMPLES.reset,
        () => timed(base, '/api/portal/password-reset', { login: KNOWN_EMAIL }),
        () => timed(base, '/api/portal/password-reset', { login: `nobody-${crypto.randomUUID()}@bench.test` }),
      );
      const signUp = (email: string) =>
        timed(base, '/api/portal/registrations', {
          accountNumber,
          portalKey: PORTAL_KEY,
          firstName: 'Robin',
          lastName: 'Hale',
          email,
          password: 'lantern orchard velvet canyon',
        });
      await compare(
        database.kind,
        'portal-key sign-up: email with a login vs new',
        SAMPLES.signUp,
        () => signUp(KNOWN_EMAIL),
        () => signUp(`visitor-${crypto.randomUUID()}@bench.test`),
      );
    } finally {
      await stop(serve);
    }
  } finally {
    await handle.close();
  }
}
