import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../test/fake-clock.ts';
import { createTestDatabase } from '../../../test/test-database.ts';
import { buildApp } from '../app.ts';
import { testConfig } from '../config.ts';
import { createDeps } from '../deps.ts';
import { generateToken } from '../security/tokens.ts';
import { redactUrlForLog } from './log-redaction.ts';

describe('the request log', () => {
  const lines: string[] = [];
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: Awaited<ReturnType<typeof buildApp>>;
  beforeAll(async () => {
    database = await createTestDatabase();
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    const logger = pino({ level: 'info' }, sink);
    app = await buildApp(createDeps(testConfig(), { clock: new FakeClock(), database, logger }), { serveWeb: false });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it('records no one-time token from a link path and no query value', async () => {
    const portalToken = generateToken();
    const proToken = generateToken();
    await app.inject({ method: 'GET', url: `/portal/link/${portalToken}` });
    await app.inject({ method: 'GET', url: `/pro/link/${proToken}?from=sms` });
    await app.inject({ method: 'GET', url: '/api/staff/customers?search=Secret%20Search' });
    const log = lines.join('\n');
    expect(log).toContain('request completed');
    expect(log).not.toContain(portalToken);
    expect(log).not.toContain(proToken);
    expect(log).not.toContain('Secret');
    expect(log).toContain('"url":"/portal/link/[redacted]"');
    expect(log).toContain('"url":"/pro/link/[redacted]?from=[redacted]"');
    expect(log).toContain('"url":"/api/staff/customers?search=[redacted]"');
  });
});

describe('redactUrlForLog', () => {
  it('keeps ids and plain paths, hides token-shaped segments', () => {
    expect(redactUrlForLog('/api/staff/accounts/01900000-0000-7000-8000-000000000000')).toBe(
      '/api/staff/accounts/01900000-0000-7000-8000-000000000000',
    );
    expect(redactUrlForLog(`/anything/${'a'.repeat(43)}/next`)).toBe('/anything/[redacted]/next');
    expect(redactUrlForLog('/healthz?flag')).toBe('/healthz?flag');
  });
});
