import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('defaults to the embedded SQLite database on 127.0.0.1:3000', () => {
    const config = loadConfig({ SECRET_KEY: 'k'.repeat(32) });
    expect(config.database).toEqual({ kind: 'sqlite', path: './data/portico.db' });
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.publicUrl).toBe('http://127.0.0.1:3000');
    expect(config.secureCookies).toBe(false);
  });

  it('uses PostgreSQL when DATABASE_URL is set and builds links from PUBLIC_URL', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://app@db/portico',
      SECRET_KEY: 'k'.repeat(32),
      PUBLIC_URL: 'https://portal.example.com/',
    });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://app@db/portico' });
    expect(config.publicUrl).toBe('https://portal.example.com');
    expect(config.secureCookies).toBe(true);
  });

  it('lists every invalid variable at once', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', PUBLIC_URL: 'not a url' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/PORT/);
      expect(problems).toMatch(/DATABASE_URL/);
      expect(problems).toMatch(/PUBLIC_URL/);
    }
  });

  it('keeps finished outbox rows and expired links 30 days and the audit log for good unless told otherwise', () => {
    expect(loadConfig({ SECRET_KEY: 'k'.repeat(32) }).retention).toEqual({
      outboxDays: 30,
      tokenDays: 30,
      auditDays: null,
      batchSize: 500,
      maxBatches: 20,
    });
    const custom = loadConfig({
      SECRET_KEY: 'k'.repeat(32),
      RETENTION_AUDIT_DAYS: '2555',
      RETENTION_BATCH_SIZE: '100',
    });
    expect(custom.retention).toMatchObject({ auditDays: 2555, batchSize: 100 });
    expect(() => loadConfig({ SECRET_KEY: 'k'.repeat(32), RETENTION_BATCH_SIZE: '0' })).toThrow(/RETENTION_BATCH_SIZE/);
  });

  it('requires a shared SECRET_KEY on PostgreSQL', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://app@db/portico' })).toThrow(/SECRET_KEY/);
  });

  it('keeps the e2e clock control off by default and refuses it in production', () => {
    const key = { SECRET_KEY: 'k'.repeat(32) };
    expect(loadConfig(key).testClockControl).toBe(false);
    expect(loadConfig({ ...key, TEST_CLOCK_CONTROL: 'true' }).testClockControl).toBe(true);
    expect(() => loadConfig({ ...key, TEST_CLOCK_CONTROL: 'true', NODE_ENV: 'production' })).toThrow(
      /TEST_CLOCK_CONTROL/,
    );
  });
});
