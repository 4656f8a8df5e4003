import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffMember, signInStaff } from '../../../../test/factories.ts';
import { createTestApp, sessionCookie, type TestApp } from '../../../../test/test-app.ts';

describe('staff sign-in', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp();
  });
  afterAll(() => testApp.close());

  const signIn = (email: string, password: string, headers: Record<string, string> = {}) =>
    testApp.app.inject({ method: 'POST', url: '/api/staff/session', payload: { email, password }, headers });

  it('signs in with the right password and sets an HttpOnly SameSite session cookie', async () => {
    const staff = await createStaffMember(testApp.deps, { role: 'psm' });
    const response = await signIn(staff.email.toUpperCase(), staff.password);
    expect(response.statusCode).toBe(200);
    expect(response.json().staffMember).toMatchObject({ email: staff.email, role: 'psm' });
    const cookie = response.cookies[0]!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(Buffer.from(cookie.value, 'base64url').length).toBeGreaterThanOrEqual(16);
    const me = await testApp.app.inject({
      method: 'GET',
      url: '/api/staff/session',
      headers: { cookie: sessionCookie(response) },
    });
    expect(me.statusCode).toBe(200);
    // The raw cookie value never reaches the database.
    const stored = await testApp.deps.db.selectFrom('sessions').select('idHash').execute();
    expect(stored.map((row) => row.idHash)).not.toContain(cookie.value);
  });

  it('answers a wrong password and an unknown email identically', async () => {
    const staff = await createStaffMember(testApp.deps);
    const wrong = await signIn(staff.email, 'not the right password at all', { 'x-forwarded-for': '10.0.0.1' });
    const unknown = await signIn('nobody-here@portico.test', 'not the right password at all');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    const strip = (body: string) =>
      JSON.stringify({ ...JSON.parse(body), error: { ...JSON.parse(body).error, requestId: null } });
    expect(strip(wrong.body)).toBe(strip(unknown.body));
    expect(Object.keys(wrong.headers).sort()).toEqual(Object.keys(unknown.headers).sort());
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('throttles an email after repeated failures, even for the right password, and recovers after the wait', async () => {
    const staff = await createStaffMember(testApp.deps);
    for (let attempt = 0; attempt < 5; attempt++)
      expect((await signIn(staff.email, 'wrong password number x')).statusCode).toBe(401);
    const blocked = await signIn(staff.email, staff.password);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['retry-after']).toBe('60');
    expect(blocked.json().error.message).toMatch(/Try again in 1 minute/);
    testApp.clock.advanceSeconds(61);
    expect((await signIn(staff.email, staff.password)).statusCode).toBe(200);
  });

  it('throttles unknown emails the same way, so a lockout reveals nothing', async () => {
    for (let attempt = 0; attempt < 5; attempt++) await signIn('ghost@portico.test', 'wrong password number x');
    expect((await signIn('ghost@portico.test', 'wrong password number x')).statusCode).toBe(429);
  });

  it('signs out and the old cookie no longer works', async () => {
    const staff = await createStaffMember(testApp.deps);
    const cookie = await signInStaff(testApp.app, staff);
    const out = await testApp.app.inject({ method: 'DELETE', url: '/api/staff/session', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    const me = await testApp.app.inject({ method: 'GET', url: '/api/staff/session', headers: { cookie } });
    expect(me.statusCode).toBe(401);
  });

  it('ends a session after 30 idle minutes', async () => {
    const staff = await createStaffMember(testApp.deps);
    const cookie = await signInStaff(testApp.app, staff);
    testApp.clock.advanceSeconds(29 * 60);
    expect(
      (await testApp.app.inject({ method: 'GET', url: '/api/staff/session', headers: { cookie } })).statusCode,
    ).toBe(200);
    testApp.clock.advanceSeconds(31 * 60);
    expect(
      (await testApp.app.inject({ method: 'GET', url: '/api/staff/session', headers: { cookie } })).statusCode,
    ).toBe(401);
  });

  it('restricts a temporary password to the password change, which then ends the old session', async () => {
    const staff = await createStaffMember(testApp.deps, { temporary: true });
    const cookie = await signInStaff(testApp.app, staff);
    const blocked = await testApp.app.inject({ method: 'GET', url: '/api/staff/audit-events', headers: { cookie } });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('password_change_required');
    const weak = await testApp.app.inject({
      method: 'POST',
      url: '/api/staff/session/password',
      headers: { cookie },
      payload: { currentPassword: staff.password, newPassword: 'short' },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.fields[0].path).toBe('newPassword');
    const changed = await testApp.app.inject({
      method: 'POST',
      url: '/api/staff/session/password',
      headers: { cookie },
      payload: { currentPassword: staff.password, newPassword: 'lantern orchard velvet canyon' },
    });
    expect(changed.statusCode).toBe(200);
    expect(
      (await testApp.app.inject({ method: 'GET', url: '/api/staff/session', headers: { cookie } })).statusCode,
    ).toBe(401);
    const fresh = sessionCookie(changed);
    expect(
      (await testApp.app.inject({ method: 'GET', url: '/api/staff/audit-events', headers: { cookie: fresh } }))
        .statusCode,
    ).toBe(200);
  });

  it('rejects cross-site and non-JSON state-changing requests', async () => {
    const staff = await createStaffMember(testApp.deps);
    const crossSite = await signIn(staff.email, staff.password, { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.statusCode).toBe(403);
    const foreignOrigin = await signIn(staff.email, staff.password, { origin: 'https://evil.example' });
    expect(foreignOrigin.statusCode).toBe(403);
    const sameOrigin = await signIn(staff.email, staff.password, { 'sec-fetch-site': 'same-origin' });
    expect(sameOrigin.statusCode).toBe(200);
    const text = await testApp.app.inject({
      method: 'POST',
      url: '/api/staff/session',
      headers: { 'content-type': 'text/plain' },
      payload: 'email=x',
    });
    expect(text.statusCode).toBe(415);
  });

  it('records sign-ins and failures in the audit log', async () => {
    const staff = await createStaffMember(testApp.deps);
    await signIn(staff.email, 'wrong password number x');
    await signInStaff(testApp.app, staff);
    const actions = await testApp.deps.db
      .selectFrom('auditEvents')
      .select('action')
      .where('subjectId', '=', staff.id)
      .execute();
    expect(actions.map((row) => row.action)).toEqual(
      expect.arrayContaining(['staff.sign_in_failed', 'staff.signed_in']),
    );
  });
});
