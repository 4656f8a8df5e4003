import { parseArgs } from 'node:util';
import pino from 'pino';
import { systemActor } from './actor.ts';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { createDeps, type Deps } from './deps.ts';
import { migrateToLatest, migrationsFromNewerRelease, newerDatabaseMessage, pendingMigrations } from './db/migrate.ts';
import { StaffRoleSchema } from '../shared/staff-contracts.ts';
import { countStaff } from './features/staff/staff-repository.ts';
import { seedDemo } from './cli/seed-demo.ts';
import { isDatabaseUnavailable } from './db/unavailable.ts';
import { checkSecretKey, DIFFERENT_SECRET_KEY_MESSAGE } from './db/secret-key-check.ts';
import { BackupError, backupSqlite, restoreSqlite } from './cli/backup.ts';
import { failureBackoffMilliseconds } from './outbox/delivery-rules.ts';
import { purgeRetained } from './retention.ts';
import { createSweepSchedule } from './sweep-schedule.ts';
import { createAdjustableClock, testClockRoutes } from './test-clock.ts';

const USAGE = `Usage: portico <command>

Commands:
  serve                              start the web server (migrates the embedded SQLite database first);
                                     delivers the outbox (and runs the timed turn steps) unless OUTBOX_IN_PROCESS=false
  worker                             deliver the outbox (email, SMS) and run the timed turn steps (add-on
                                     escalation, PO reminders); run several against PostgreSQL
  migrate                            bring the database schema up to date
  seed-demo                          add demo customers and a demo staff admin
  backup <file>                      copy the live SQLite database and its secret key (<file>.key)
  restore <file> [--force]           put a backup in place of the SQLite database (stop Portico first)
  create-staff --email E --role R [--name N]
                                     create a staff member (roles: admin, psm, support) and print a
                                     one-time password that must be changed at first sign-in`;

/** The only place that reads process.env. */

/** The minute-by-minute jobs: the turns' timed steps, forgetting idempotency keys past their 24 hours, retention. */
async function timedJobs(deps: Deps): Promise<Record<string, number>> {
  const steps = await deps.turns.sweeps.runOnce();
  const expiredIdempotencyKeys = await deps.idempotency.purgeExpired();
  return { ...steps, expiredIdempotencyKeys, ...(await purgeRetained(deps)) };
}
/** Forgot-password and sign-up work handed off the request path; a person is waiting for that mail. */
function deferredTaskSchedule(deps: Deps, logger: pino.Logger) {
  return createSweepSchedule({
    run: async () => ({ deferredTasks: await deps.deferredTasks.runDue() }),
    logger,
    intervalMilliseconds: 1000,
  });
}

export async function runCli(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  // Buffered: a synchronous write per log line was the largest single cost of a small request.
  const destination = pino.destination({ dest: 1, sync: false, minLength: 4096 });
  setInterval(() => destination.flush(), 1000).unref();
  process.once('exit', () => destination.flushSync());
  const logger = pino(
    {
      level: config.logLevel,
      redact: ['req.headers.cookie', 'req.headers.authorization', '*.password', '*.token'],
    },
    destination,
  );

  switch (command) {
    case 'serve':
      return serve(config, logger);
    case 'worker':
      return work(config, logger);
    case 'migrate': {
      const deps = createDeps(config, { logger });
      await refuseNewerDatabase(deps);
      const applied = await migrateToLatest(deps.db);
      await requireSameSecretKey(deps);
      process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'Schema already up to date.\n');
      return deps.database.close();
    }
    case 'backup':
    case 'restore':
      return backupOrRestore(command, rest, config);
    case 'seed-demo': {
      const deps = createDeps(config, { logger });
      if (deps.database.kind === 'sqlite') await migrateToLatest(deps.db);
      const demo = await seedDemo(deps, systemActor);
      printDemoCredentials(demo.email, demo.password);
      return deps.database.close();
    }
    case 'create-staff': {
      const { values } = parseArgs({
        args: rest,
        options: { email: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' } },
      });
      const role = StaffRoleSchema.safeParse(values.role);
      if (!values.email || !role.success) {
        process.stderr.write(`create-staff needs --email and --role (admin, psm or support)\n\n${USAGE}\n`);
        process.exit(1);
      }
      const deps = createDeps(config, { logger });
      if (deps.database.kind === 'sqlite') await migrateToLatest(deps.db);
      const { staff, password } = await deps.staff.createStaffMember({
        email: values.email,
        name: values.name ?? values.email.split('@')[0]!,
        role: role.data,
        temporary: true,
        actor: systemActor,
      });
      process.stdout.write(
        `Created ${staff.role} ${staff.email}.\nOne-time password: ${password}\nIt must be changed at first sign-in at ${config.publicUrl}/console/sign-in\n`,
      );
      return deps.database.close();
    }
    default:
      process.stdout.write(`${USAGE}\n`);
      if (command && command !== 'help' && command !== '--help') process.exit(1);
  }
}

async function serve(config: Config, logger: pino.Logger): Promise<void> {
  // End-to-end tests only (refused in production by the config): a clock the tests can move forward.
  const testClock = config.testClockControl ? createAdjustableClock() : null;
  const deps = createDeps(config, { logger, ...(testClock ? { clock: testClock } : {}) });
  if (deps.database.kind === 'sqlite') {
    await refuseNewerDatabase(deps);
    await migrateToLatest(deps.db);
    if ((await countStaff(deps.db)) === 0) {
      const demo = await seedDemo(deps, systemActor);
      printDemoCredentials(demo.email, demo.password);
    }
  } else {
    await requireMigratedPostgres(deps, logger);
  }
  await requireSameSecretKey(deps);
  const app = await buildApp(deps);
  if (testClock) await app.register(testClockRoutes, { clock: testClock, runTimedJobs: () => timedJobs(deps) });
  const dispatcher = deps.notifications.dispatcher;
  const sweeps = createSweepSchedule({ run: () => timedJobs(deps), logger });
  const tasks = deferredTaskSchedule(deps, logger);
  const shutdown = async () => {
    exitByDeadline(config);
    await sweeps.stop();
    await tasks.stop();
    await dispatcher.stop(shutdownGraceMilliseconds(config));
    await app.close();
    await deps.database.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  await app.listen({ port: config.port, host: config.host });
  if (config.outboxInProcess) {
    dispatcher.start();
    sweeps.start();
    tasks.start();
  }
  process.stdout.write(
    `Portico is running at ${config.publicUrl} (staff console: ${config.publicUrl}/console, customer portal: ${config.publicUrl}/portal)\n`,
  );
}

/** The outbox dispatcher alone; claims are safe across several workers on one PostgreSQL. */
async function work(config: Config, logger: pino.Logger): Promise<void> {
  const deps = createDeps(config, { logger });
  if (deps.database.kind === 'sqlite') {
    await refuseNewerDatabase(deps);
    await migrateToLatest(deps.db);
  } else {
    await requireMigratedPostgres(deps, logger);
  }
  await requireSameSecretKey(deps);
  const dispatcher = deps.notifications.dispatcher;
  const sweeps = createSweepSchedule({ run: () => timedJobs(deps), logger });
  const tasks = deferredTaskSchedule(deps, logger);
  const shutdown = async () => {
    exitByDeadline(config);
    await sweeps.stop();
    await tasks.stop();
    await dispatcher.stop(shutdownGraceMilliseconds(config));
    await deps.database.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  dispatcher.start();
  sweeps.start();
  tasks.start();
  process.stdout.write(
    `Portico outbox worker ${dispatcher.workerId} is delivering (email: ${config.smtp ? 'SMTP' : 'captured'}, SMS: ${config.sms ? 'provider' : 'captured'})\n`,
  );
}

/** Sends in flight get the shutdown deadline less the time to hand back claims and close the pool. */
function shutdownGraceMilliseconds(config: Config): number {
  const deadline = config.outbox.shutdownSeconds * 1000;
  return Math.max(deadline - 2000, deadline / 2);
}

/** SIGTERM stops the process within OUTBOX_SHUTDOWN_SECONDS even if a provider or the database hangs. */
function exitByDeadline(config: Config): void {
  setTimeout(() => {
    process.stderr.write(`Portico did not stop within ${config.outbox.shutdownSeconds} s; exiting.\n`);
    process.exit(1);
  }, config.outbox.shutdownSeconds * 1000).unref();
}

async function requireSameSecretKey(deps: ReturnType<typeof createDeps>): Promise<void> {
  if ((await checkSecretKey(deps.db, deps.config.secretKey, new Date())) !== 'different') return;
  process.stderr.write(`${DIFFERENT_SECRET_KEY_MESSAGE}\n`);
  process.exit(1);
}

async function backupOrRestore(command: 'backup' | 'restore', args: string[], config: Config): Promise<void> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { force: { type: 'boolean' } } });
  const file = positionals[0];
  if (!file) {
    process.stderr.write(`${command} needs a file name\n\n${USAGE}\n`);
    process.exit(1);
  }
  try {
    if (command === 'backup') {
      const written = await backupSqlite(config.database, config.secretKey, file);
      process.stdout.write(
        `Backed up to ${written.database}; its secret key is in ${written.key}. Keep both, apart from the server.\n`,
      );
    } else {
      const { keptAs } = restoreSqlite(config.database, file, {
        force: values.force ?? false,
        keyFromEnvironment: process.env.SECRET_KEY ?? null,
        now: new Date(),
      });
      process.stdout.write(
        `Restored ${file}.${keptAs ? ` The previous database is kept as ${keptAs}.` : ''} Start Portico.\n`,
      );
    }
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

async function refuseNewerDatabase(deps: ReturnType<typeof createDeps>): Promise<void> {
  const unknown = await migrationsFromNewerRelease(deps.db);
  if (unknown.length === 0) return;
  process.stderr.write(`${newerDatabaseMessage(unknown)}\n`);
  process.exit(1);
}

/**
 * A process started while PostgreSQL is still coming up (a restart, a failover, a container started
 * first) waits for it with backoff instead of exiting; a schema that needs migrating stops it.
 */
async function requireMigratedPostgres(deps: ReturnType<typeof createDeps>, logger: pino.Logger): Promise<void> {
  for (let failures = 1; ; failures += 1) {
    try {
      await refuseNewerDatabase(deps);
      const pending = await pendingMigrations(deps.db);
      if (pending.length) {
        process.stderr.write(`The database needs migrating (${pending.join(', ')}). Run: portico migrate\n`);
        process.exit(1);
      }
      return;
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      const delay = failureBackoffMilliseconds(failures, 1000, Math.random());
      logger.warn({ err: error, retryInMilliseconds: Math.round(delay) }, 'waiting for the database');
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

function printDemoCredentials(email: string, password: string): void {
  process.stdout.write(
    `\nDemo data created. Sign in to the staff console with:\n  email:    ${email}\n  password: ${password}\n` +
      'Then set up a second factor under your name → Sign-in security (an authenticator app or a passkey).\n' +
      'Once one admin has a second factor, every admin must use one; admins change that per role there.\n\n',
  );
}
