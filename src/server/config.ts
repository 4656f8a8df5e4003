import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import type { StaffRole } from './db/schema/columns.ts';

const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

const EnvironmentSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  SQLITE_PATH: z.string().min(1).default('./data/portico.db'),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  SECRET_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  SMTP_FROM: z.string().min(3).default('Portico <no-reply@portico.test>'),
  SMTP_CONNECTIONS: z.coerce.number().int().min(1).max(50).default(8),
  SMS_URL: z.url({ protocol: /^https?$/ }).optional(),
  SMS_ACCOUNT_SID: z.string().optional(),
  SMS_AUTH_TOKEN: z.string().optional(),
  SMS_FROM: z.string().optional(),
  OUTBOX_IN_PROCESS: booleanFlag.default(true),
  OUTBOX_LEASE_SECONDS: z.coerce.number().int().min(30).max(86_400).default(300),
  OUTBOX_POLL_MILLISECONDS: z.coerce.number().int().min(50).max(60_000).default(1000),
  OUTBOX_SHUTDOWN_SECONDS: z.coerce.number().int().min(1).max(600).default(10),
  TRUST_PROXY: booleanFlag.default(false),
  PHOTO_STORAGE: z.enum(['filesystem', 'database']).default('filesystem'),
  UPLOADS_PATH: z.string().min(1).default('./data/uploads'),
  CAPTURE_DIRECTORY: z.string().min(1).optional(),
  TEST_CLOCK_CONTROL: booleanFlag.default(false),
  NODE_ENV: z.string().optional(),
  RETENTION_OUTBOX_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  RETENTION_TOKEN_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  RETENTION_AUDIT_DAYS: z.coerce.number().int().min(30).max(36_500).optional(),
  RETENTION_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(500),
  RETENTION_MAX_BATCHES: z.coerce.number().int().min(1).max(1000).default(20),
  TURN_NOTICE_STAFF_ROLE: z.enum(['admin', 'psm', 'support']).default('psm'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type DatabaseConfig = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

export interface Config {
  port: number;
  host: string;
  database: DatabaseConfig;
  /** Origin every emailed link is built from; never derived from request headers. */
  publicUrl: string;
  secureCookies: boolean;
  /** Keys the HMAC of stored tokens and session ids. */
  secretKey: string;
  /** `connections`: the pool each worker keeps open, and so its email sends at once. */
  smtp: { url: string; from: string; connections: number } | null;
  sms: { url: string; accountSid: string; authToken: string; from: string } | null;
  outboxInProcess: boolean;
  outbox: {
    /** How long a claim holds before another worker may take the message (its worker presumed dead). */
    leaseSeconds: number;
    pollMilliseconds: number;
    /** On SIGTERM a worker stops within this, releasing what it has not sent. */
    shutdownSeconds: number;
  };
  trustProxy: boolean;
  /** Where new photos go: files under uploadsPath (one node) or the database (several nodes on one PostgreSQL). */
  photoStorage: 'filesystem' | 'database';
  uploadsPath: string;
  logLevel: string;
  /** Who hears of a customer's order, change or cancel when no staff member has their contact on the account. */
  turnNoticeStaffRole: StaffRole;
  /** What the minute jobs delete: finished outbox rows and expired one-time links after this many days. */
  retention: {
    outboxDays: number;
    tokenDays: number;
    /** Null keeps the audit log for good (the default). */
    auditDays: number | null;
    batchSize: number;
    /** Per table per run; whatever is left goes in the next minute's run. */
    maxBatches: number;
  };
  /** End-to-end tests only: captured messages are also written here with their links (never in production). */
  captureDirectory: string | null;
  /** End-to-end tests only: a staff admin may move the server's clock forward (never in production). */
  testClockControl: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

/** Parses the environment once; lists every invalid variable instead of stopping at the first. */
export function loadConfig(environment: Record<string, string | undefined>): Config {
  const parsed = EnvironmentSchema.safeParse(environment);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const env = parsed.data;
  const database: DatabaseConfig = env.DATABASE_URL
    ? { kind: 'postgres', url: env.DATABASE_URL }
    : { kind: 'sqlite', path: env.SQLITE_PATH };
  const publicUrl = (env.PUBLIC_URL ?? `http://${env.HOST}:${env.PORT}`).replace(/\/+$/, '');
  const smsProblems = env.SMS_URL && !(env.SMS_ACCOUNT_SID && env.SMS_AUTH_TOKEN && env.SMS_FROM);
  if (env.CAPTURE_DIRECTORY && env.NODE_ENV === 'production') {
    throw new ConfigError(['CAPTURE_DIRECTORY: a test mailbox with live links; not allowed with NODE_ENV=production']);
  }
  if (env.TEST_CLOCK_CONTROL && env.NODE_ENV === 'production') {
    throw new ConfigError([
      'TEST_CLOCK_CONTROL: moves the clock for end-to-end tests; not allowed with NODE_ENV=production',
    ]);
  }
  if (smsProblems) {
    throw new ConfigError(['SMS_URL: needs SMS_ACCOUNT_SID, SMS_AUTH_TOKEN and SMS_FROM as well']);
  }
  return Object.freeze({
    port: env.PORT,
    host: env.HOST,
    database,
    publicUrl,
    secureCookies: publicUrl.startsWith('https://'),
    secretKey: env.SECRET_KEY ?? loadOrCreateLocalSecret(database),
    smtp: env.SMTP_URL ? { url: env.SMTP_URL, from: env.SMTP_FROM, connections: env.SMTP_CONNECTIONS } : null,
    sms:
      env.SMS_URL && env.SMS_ACCOUNT_SID && env.SMS_AUTH_TOKEN && env.SMS_FROM
        ? { url: env.SMS_URL, accountSid: env.SMS_ACCOUNT_SID, authToken: env.SMS_AUTH_TOKEN, from: env.SMS_FROM }
        : null,
    outboxInProcess: env.OUTBOX_IN_PROCESS,
    outbox: {
      leaseSeconds: env.OUTBOX_LEASE_SECONDS,
      pollMilliseconds: env.OUTBOX_POLL_MILLISECONDS,
      shutdownSeconds: env.OUTBOX_SHUTDOWN_SECONDS,
    },
    trustProxy: env.TRUST_PROXY,
    photoStorage: env.PHOTO_STORAGE,
    uploadsPath: env.UPLOADS_PATH,
    logLevel: env.LOG_LEVEL,
    turnNoticeStaffRole: env.TURN_NOTICE_STAFF_ROLE,
    retention: {
      outboxDays: env.RETENTION_OUTBOX_DAYS,
      tokenDays: env.RETENTION_TOKEN_DAYS,
      auditDays: env.RETENTION_AUDIT_DAYS ?? null,
      batchSize: env.RETENTION_BATCH_SIZE,
      maxBatches: env.RETENTION_MAX_BATCHES,
    },
    captureDirectory: env.CAPTURE_DIRECTORY ?? null,
    testClockControl: env.TEST_CLOCK_CONTROL,
  });
}

/**
 * The embedded default must work with zero configuration, so without SECRET_KEY a random key is kept
 * next to the SQLite file. PostgreSQL deployments run several processes and must share one SECRET_KEY.
 */
function loadOrCreateLocalSecret(database: DatabaseConfig): string {
  if (database.kind === 'postgres') {
    throw new ConfigError(['SECRET_KEY: required when DATABASE_URL is set (every process must share it)']);
  }
  if (database.path === ':memory:') return randomBytes(32).toString('base64url');
  const keyPath = `${dirname(database.path)}/secret.key`;
  if (existsSync(keyPath)) return readFileSync(keyPath, 'utf8').trim();
  mkdirSync(dirname(keyPath), { recursive: true });
  const key = randomBytes(32).toString('base64url');
  writeFileSync(keyPath, key, { mode: 0o600 });
  return key;
}

/** Config for tests: in-memory SQLite and a fixed key, with overrides. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    database: { kind: 'sqlite', path: ':memory:' },
    publicUrl: 'http://portico.test',
    secureCookies: false,
    secretKey: 'test-secret-key-test-secret-key-0123456789',
    smtp: null,
    sms: null,
    outboxInProcess: false,
    outbox: { leaseSeconds: 300, pollMilliseconds: 1000, shutdownSeconds: 10 },
    trustProxy: false,
    photoStorage: 'database',
    uploadsPath: join(tmpdir(), `portico-test-uploads-${process.pid}`),
    logLevel: 'silent',
    turnNoticeStaffRole: 'psm',
    retention: { outboxDays: 30, tokenDays: 30, auditDays: null, batchSize: 500, maxBatches: 20 },
    captureDirectory: null,
    testClockControl: false,
    ...overrides,
  };
}
