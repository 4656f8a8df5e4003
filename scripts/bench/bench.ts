import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createDatabase } from '../../src/server/db/database.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';
import { generatePostgres, generateSqlite, type DatasetShape } from './dataset.ts';
import { formatTiming, measureEnumerationTiming, timingResults } from './enumeration-timing.ts';
import type { LoadResult } from './load.ts';
import { memoryRun, type MemoryResult } from './memory.ts';
import { type CeilingResult, nodemailerCeiling, outboxRun, type OutboxResult } from './outbox-bench.ts';
import { freePort, hasPostgres, startPostgresCluster } from '../../test/postgres-cluster.ts';
import { type BenchDatabase, databaseEnv, forkHelper, settle, startPortico, stop, watchMemory } from './processes.ts';
import { measureGet, measurePost, readScenarios, type Row, signInAll, signIns, smallGets } from './scenarios.ts';

/**
 * `npm run bench`: generates a vendor-sized dataset straight into a throwaway database, runs each
 * scenario with autocannon against a real `portico serve` and prints it next to the ceilings measured
 * in the same run (bare Fastify, raw argon2id, the raw SQL of each read, pooled nodemailer to a sink).
 * Two ports from --port (bare Fastify, then serve); the SMTP sink and PostgreSQL take free ones.
 */
const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    databases: { type: 'string', default: 'postgres,sqlite' },
    'pg-sizes': { type: 'string' },
    'sqlite-sizes': { type: 'string' },
    seconds: { type: 'string' },
    out: { type: 'string', default: 'bench-results.json' },
    port: { type: 'string', default: '4400' },
    // Comma-separated: reads, gets, sign-in, outbox, memory, timing (all by default).
    only: { type: 'string' },
    // A directory: serve and the outbox workers run under `node --cpu-prof` and write their profiles there.
    'cpu-prof': { type: 'string' },
    // Minutes of mixed load for the memory scenario (on the last size of the first database).
    'memory-minutes': { type: 'string' },
    // An existing PostgreSQL server to use instead of a throwaway cluster; its bench_<size> databases stay.
    'pg-url': { type: 'string' },
    // With --pg-url: a bench_<size> database that already holds its turns is measured as it is.
    reuse: { type: 'boolean', default: false },
    // Emails per outbox run (2,000 quick, 5,000 otherwise): enough for a run of seconds, not a poll.
    'outbox-messages': { type: 'string' },
  },
});
const quick = args.quick;
const seconds = Number(args.seconds ?? (quick ? 3 : 5));
const sizesOf = (value: string | undefined, fallback: number[]) => (value ? value.split(',').map(Number) : fallback);
const pgSizes = sizesOf(args['pg-sizes'], quick ? [2000] : [10_000, 100_000, 1_000_000]);
const sqliteSizes = sizesOf(args['sqlite-sizes'], quick ? [2000] : [100_000]);
const outboxMessages = Number(args['outbox-messages'] ?? (quick ? 2000 : 5000));
const cpuProfile = args['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${args['cpu-prof']}`] : [];
const memoryMinutes = Number(args['memory-minutes'] ?? (quick ? 0.25 : 5));
const PORTS = { ceiling: Number(args.port), serve: Number(args.port) + 1 };
const only = args.only ? new Set(args.only.split(',')) : null;
const runs = (part: 'reads' | 'gets' | 'sign-in' | 'outbox' | 'memory' | 'timing') => !only || only.has(part);

function shapeFor(turns: number): DatasetShape {
  return quick
    ? { companies: 5, properties: 195, units: 2000, turns }
    : { companies: 40, properties: 1960, units: 100_000, turns };
}

const rows: Row[] = [];
const generation: Array<{ database: string; size: number; seconds: number }> = [];
const outbox: Array<OutboxResult & { ceiling: CeilingResult; ratio: number }> = [];
const memory: Array<{ database: string; size: number; peakRssMb: number }> = [];
const memoryRuns: MemoryResult[] = [];

function addRow(row: Omit<Row, 'met'>, met: (row: Omit<Row, 'met'>) => boolean) {
  const full = { ...row, met: met(row) };
  rows.push(full);
  process.stdout.write(`  ${formatRow(full)}\n`);
}

async function runDatabase(
  kind: 'postgres' | 'sqlite',
  sizes: number[],
  clusterUrl: string | null,
  withMemoryRun: boolean,
) {
  for (const [index, size] of sizes.entries()) {
    const last = index === sizes.length - 1;
    const shape = shapeFor(size);
    let database: BenchDatabase;
    let cleanup = () => {};
    let generate = true;
    if (kind === 'postgres') {
      const name = `bench_${size}`;
      database = { kind, url: clusterUrl!.replace(/\/[^/]*$/, `/${name}`) };
      generate = !(args.reuse && (await holdsTurns(clusterUrl!, name, size)));
      if (generate) {
        const admin = new pg.Client({ connectionString: clusterUrl! });
        await admin.connect();
        await admin.query(`drop database if exists ${name}`);
        await admin.query(`create database ${name}`);
        await admin.end();
      }
    } else {
      const directory = mkdtempSync(join(tmpdir(), 'portico-bench-sqlite-'));
      database = { kind, path: join(directory, 'bench.db') };
      cleanup = () => rmSync(directory, { recursive: true, force: true });
    }
    const handle = createDatabase(database);
    await migrateToLatest(handle.db);
    await handle.close();
    if (generate) {
      process.stdout.write(`\n${kind} ${size.toLocaleString('en')} turns: generating…`);
      const started = performance.now();
      if (database.kind === 'postgres') await generatePostgres(database.url, shape);
      else await generateSqlite(database.path, shape);
      const generated = (performance.now() - started) / 1000;
      generation.push({ database: kind, size, seconds: Math.round(generated) });
      process.stdout.write(` ${generated.toFixed(0)} s\n`);
    } else process.stdout.write(`\n${kind} ${size.toLocaleString('en')} turns: reusing bench_${size}\n`);

    // The argon2id ceiling hashes on a libuv pool of the size serve runs with (bin/portico.js).
    const threadpool = {
      UV_THREADPOOL_SIZE: process.env.UV_THREADPOOL_SIZE ?? String(Math.max(4, availableParallelism())),
    };
    const ceiling = await forkHelper('ceiling-server.ts', [String(PORTS.ceiling)], {
      BENCH_DATABASE: JSON.stringify(database),
      ...threadpool,
    });
    const serve = await startPortico(
      'serve',
      { PORT: String(PORTS.serve), ...databaseEnv(database), ...threadpool },
      'Portico is running',
      cpuProfile,
    );
    const rss = watchMemory(serve.pid!);
    const app = `http://127.0.0.1:${PORTS.serve}`;
    const bare = `http://127.0.0.1:${PORTS.ceiling}`;
    try {
      const sessions = await signInAll(app);
      const today = new Date().toISOString().slice(0, 10);
      for (const read of runs('reads') ? readScenarios(shape, sessions, today) : []) {
        const query = read.params.map((param) => `p=${encodeURIComponent(param)}`).join('&');
        const raw = await measureGet(bare, `/raw/${read.raw}?${query}`, null, 1, seconds);
        const measured = await measureGet(app, read.path, read.cookie, 1, seconds);
        addRow(
          {
            database: kind,
            size,
            scenario: read.name,
            app: measured,
            ceiling: raw,
            ceilingName: 'raw SQL',
            ratio: measured.p95 / raw.p95,
            goal: 'p95 ≤ 15 ms, ≤ 1.5× raw',
          },
          (row) => row.app.errors + row.app.non2xx === 0 && row.app.p95 <= 15 && row.ratio <= 1.5,
        );
      }
      if (last) {
        for (const get of runs('gets') ? smallGets(shape, sessions) : []) {
          // Each against a hello-world measured just before it (a shared machine's load drifts), both
          // after a second of warm-up so the JIT has compiled the path.
          await measureGet(bare, '/hello', null, 16, 1);
          const hello = await measureGet(bare, '/hello', null, 16, seconds, ceiling.pid);
          await measureGet(app, get.path, get.cookie, 16, 1);
          const measured = await measureGet(app, get.path, get.cookie, 16, seconds, serve.pid);
          addRow(
            {
              database: kind,
              size,
              scenario: `${get.name} (c=16)`,
              app: measured,
              ceiling: hello,
              ceilingName: 'bare Fastify',
              ratio: measured.reqPerSec / hello.reqPerSec,
              cpuRatio: cpuRatio(measured, hello),
              goal: '≥ 0.50 × req/s',
            },
            (row) => row.app.non2xx + row.app.errors === 0 && row.ratio >= 0.5,
          );
        }
        for (const connections of runs('sign-in') ? [4, 16] : []) {
          for (const signIn of signIns()) {
            // Each run starts once the other process finished what the last run left in flight.
            await settle(serve.pid!);
            const argon = await measurePost(bare, '/argon2', {}, connections, seconds, ceiling.pid);
            await settle(ceiling.pid!);
            const measured = await measurePost(app, signIn.path, signIn.body, connections, seconds, serve.pid);
            addRow(
              {
                database: kind,
                size,
                scenario: `${signIn.name} (c=${connections})`,
                app: measured,
                ceiling: argon,
                ceilingName: 'argon2id verify',
                ratio: measured.reqPerSec / argon.reqPerSec,
                cpuRatio: cpuRatio(measured, argon),
                goal: '≥ 0.90 × req/s',
              },
              (row) => row.app.non2xx + row.app.errors === 0 && row.ratio >= 0.9,
            );
          }
        }
        if (withMemoryRun && runs('memory')) {
          const mix = [
            ...readScenarios(shape, sessions, today).map((read) => ({ path: read.path, cookie: read.cookie })),
            ...smallGets(shape, sessions).map((get) => ({ path: get.path, cookie: get.cookie })),
          ];
          process.stdout.write(
            `  memory: ${memoryMinutes} min of mixed load (${mix.length} requests, 2 connections each)…\n`,
          );
          const result = await memoryRun({
            database: kind,
            size,
            pid: serve.pid!,
            base: app,
            minutes: memoryMinutes,
            mix,
          });
          memoryRuns.push(result);
          process.stdout.write(`  ${formatMemory(result)}\n`);
        }
        if (database.kind === 'postgres' && runs('outbox')) await runOutbox(database.url);
        if (runs('timing')) await measureEnumerationTiming(database, shape, PORTS.serve + 1);
      }
    } finally {
      rss.stop();
      memory.push({ database: kind, size, peakRssMb: rss.peak() });
      await stop(serve);
      await stop(ceiling);
      cleanup();
    }
  }
}

/** Whether database `name` exists and holds `size` turns (a generation that ran to its end). */
async function holdsTurns(clusterUrl: string, name: string, size: number): Promise<boolean> {
  const admin = new pg.Client({ connectionString: clusterUrl });
  await admin.connect();
  const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1;
  await admin.end();
  if (!exists) return false;
  const client = new pg.Client({ connectionString: clusterUrl.replace(/\/[^/]*$/, `/${name}`) });
  await client.connect();
  try {
    const { rows } = await client.query('select count(*)::int as n from turns');
    return rows[0].n === size;
  } catch {
    return false;
  } finally {
    await client.end();
  }
}

async function runOutbox(url: string) {
  const sinkPort = await freePort();
  const sink = await forkHelper('smtp-sink.ts', [String(sinkPort)]);
  try {
    for (const [run, workers] of [1, 2].entries()) {
      // Measured next to each run: on a shared machine the load moves between them.
      const ceiling = await nodemailerCeiling(sinkPort, outboxMessages);
      const result = await outboxRun({
        url,
        sink,
        sinkPort,
        workers,
        messages: outboxMessages,
        run,
        nodeOptions: cpuProfile,
      });
      outbox.push({ ...result, ceiling, ratio: result.perSecond / ceiling.perSecond });
      process.stdout.write(
        `  outbox ${workers} worker(s): ${result.perSecond.toFixed(0)}/s (${result.cpuMsPerEmail.toFixed(2)} CPU ms/email) vs pooled nodemailer ${ceiling.perSecond.toFixed(0)}/s (${ceiling.cpuMsPerEmail.toFixed(2)} CPU ms/email), lost ${result.lost}, duplicates ${result.duplicates}\n`,
      );
    }
  } finally {
    await stop(sink);
  }
}

function cpuRatio(app: LoadResult, ceiling: LoadResult): number | undefined {
  return app.perCpuSecond && ceiling.perCpuSecond ? app.perCpuSecond / ceiling.perCpuSecond : undefined;
}

function formatMemory(result: MemoryResult): string {
  return `| ${result.database} | ${result.size.toLocaleString('en')} | ${result.minutes} min, ${result.requests.toLocaleString('en')} requests${result.failed ? ` (${result.failed} failed)` : ''} | ${result.startMb} → ${result.endMb} MB, peak ${result.peakMb} MB | ${result.trendMb.join(' ')} | < 250 MB | ${result.peakMb < 250 && result.failed === 0 ? 'yes' : 'no'} |`;
}

const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(1)}` : '–');
function formatRow(row: Row): string {
  const app = row.app;
  const failures = app.errors + app.non2xx ? ` (${app.errors + app.non2xx} failed)` : '';
  return `| ${row.database} | ${row.size.toLocaleString('en')} | ${row.scenario} | ${app.reqPerSec.toFixed(0)}/s, p50 ${ms(app.p50)} / p95 ${ms(app.p95)} ms${failures} | ${row.ceilingName}: ${row.ceiling.reqPerSec.toFixed(0)}/s, p95 ${ms(row.ceiling.p95)} ms | ${row.ratio.toFixed(2)} | ${row.cpuRatio?.toFixed(2) ?? ''} | ${row.goal} | ${row.met ? 'yes' : 'no'} |`;
}

function printReport() {
  const lines = [
    '| db | turns | scenario | app | ceiling | ratio | per CPU-s | goal | met |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows.map(formatRow),
  ];
  const both = outbox.find((result) => result.workers === 2);
  const one = outbox.find((result) => result.workers === 1);
  if (one && both) {
    lines.push(
      '',
      '| outbox (PostgreSQL) | rate | vs pooled nodemailer | CPU ms/email (nodemailer) | lost | duplicates |',
      '|---|---|---|---|---|---|',
      ...outbox.map(
        (result) =>
          `| ${result.workers} worker(s), ${result.messages} emails | ${result.perSecond.toFixed(0)}/s | ${result.ratio.toFixed(2)} (${result.ceiling.perSecond.toFixed(0)}/s) | ${result.cpuMsPerEmail.toFixed(2)} (${result.ceiling.cpuMsPerEmail.toFixed(2)}) | ${result.lost} | ${result.duplicates} |`,
      ),
      `| 2 workers / 1 worker | ${(both.perSecond / one.perSecond).toFixed(2)}× | goal ≥ 0.80 and ≥ 1.6× | | | |`,
    );
  }
  if (memoryRuns.length)
    lines.push(
      '',
      '| memory | turns | mixed load | serve RSS | peak per interval (MB) | goal | met |',
      '|---|---|---|---|---|---|---|',
      ...memoryRuns.map(formatMemory),
    );
  if (timingResults.length)
    lines.push(
      '',
      '| db | enumeration timing | samples | known | unknown | difference | goal | met |',
      '|---|---|---|---|---|---|---|---|',
      ...timingResults.map(formatTiming),
    );
  lines.push(
    '',
    `generation: ${generation.map((entry) => `${entry.database} ${entry.size.toLocaleString('en')} turns ${entry.seconds} s`).join('; ')}`,
  );
  lines.push(
    `serve peak RSS through the run (goal < 250 MB): ${memory.map((entry) => `${entry.database} ${entry.size.toLocaleString('en')}: ${entry.peakRssMb} MB ${entry.peakRssMb < 250 ? 'met' : 'not met'}`).join('; ')}`,
  );
  process.stdout.write(`\n${lines.join('\n')}\n`);
}

async function main() {
  const databases = args.databases.split(',');
  process.stdout.write(
    `Portico bench${quick ? ' (quick)' : ''}: ${availableParallelism()} cores, ${seconds} s per scenario\n`,
  );
  if (databases.includes('postgres')) {
    if (args['pg-url']) await runDatabase('postgres', pgSizes, args['pg-url'], true);
    else if (!hasPostgres)
      process.stdout.write('PostgreSQL binaries not found (apt-get install postgresql): skipping PostgreSQL\n');
    else {
      // Memory settings of a small production box.
      const cluster = await startPostgresCluster({
        settings: {
          max_connections: 200,
          shared_buffers: '512MB',
          work_mem: '16MB',
          maintenance_work_mem: '256MB',
          max_wal_size: '4GB',
        },
      });
      try {
        await runDatabase('postgres', pgSizes, cluster.url, true);
      } finally {
        cluster.destroy();
      }
    }
  }
  // The memory scenario runs once: on PostgreSQL's last size, or SQLite's without PostgreSQL.
  const memoryOnSqlite = !(databases.includes('postgres') && hasPostgres);
  if (databases.includes('sqlite')) await runDatabase('sqlite', sqliteSizes, null, memoryOnSqlite);
  printReport();
  const summary = (result: LoadResult) => ({ ...result, reqPerSec: Math.round(result.reqPerSec) });
  writeFileSync(
    args.out,
    `${JSON.stringify(
      {
        at: new Date().toISOString(),
        quick,
        cores: availableParallelism(),
        secondsPerScenario: seconds,
        generation,
        memory,
        memoryRuns,
        rows: rows.map((row) => ({ ...row, app: summary(row.app), ceiling: summary(row.ceiling) })),
        outbox,
        enumerationTiming: timingResults,
      },
      null,
      2,
    )}\n`,
  );
  process.stdout.write(`\nWrote ${args.out}\n`);
}

await main();
