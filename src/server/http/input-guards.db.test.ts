import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffMember, signInStaff } from '../../../test/factories.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';

let t: TestApp;
let staffCookie: string;
beforeAll(async () => {
  t = await createTestApp();
  staffCookie = await signInStaff(t.app, await createStaffMember(t.deps));
});
afterAll(() => t.close());

describe('a NUL byte in any string', () => {
  it('is a field error in a body, on both databases', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/portal/session',
      payload: { login: 'a\u0000', password: 'correct horse battery staple' },
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error).toMatchObject({
      code: 'validation_failed',
      fields: [{ path: 'login', message: expect.stringContaining('NUL') }],
    });
  });

  it('is a field error in a nested body field, a query string and a path parameter', async () => {
    const nested = await t.app.inject({
      method: 'POST',
      url: '/api/staff/contacts',
      headers: { cookie: staffCookie },
      payload: { firstName: 'Ana', lastName: 'Diaz', emails: ['ana@example.test', 'x\u0000@example.test'] },
    });
    expect(nested.statusCode, nested.body).toBe(400);
    expect(nested.json().error.fields).toEqual([{ path: 'emails.1', message: expect.any(String) }]);

    const query = await t.app.inject({
      method: 'GET',
      url: '/api/staff/customers?search=a%00b',
      headers: { cookie: staffCookie },
    });
    expect(query.statusCode, query.body).toBe(400);
    expect(query.json().error.fields).toEqual([{ path: 'search', message: expect.any(String) }]);

    const param = await t.app.inject({
      method: 'GET',
      url: '/api/staff/accounts/a%00b',
      headers: { cookie: staffCookie },
    });
    expect(param.statusCode, param.body).toBe(400);
    expect(param.json().error.fields).toEqual([{ path: 'accountId', message: expect.any(String) }]);
  });
});

describe('oversized requests', () => {
  it('answers 413 to a body over the limit', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/portal/session',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ login: 'a'.repeat(300_000), password: 'x' }),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('payload_too_large');
  });

  it('answers 414 to an overlong path parameter without echoing the path, with the usual headers', async () => {
    const marker = `<script>${'x'.repeat(200)}`;
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/staff/accounts/${encodeURIComponent(marker)}`,
      headers: { cookie: staffCookie },
    });
    expect(response.statusCode).toBe(414);
    expect(response.json().error).toMatchObject({ code: 'uri_too_long', requestId: expect.any(String) });
    expect(response.body).not.toContain('xxxxxxxxxx');
    expect(response.body).not.toContain('script');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['cache-control']).toBe('no-store');
  });
});
