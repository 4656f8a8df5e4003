import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, createStaffMember, signInStaff } from '../../../../test/factories.ts';
import { SoftAuthenticator } from '../../../../test/soft-authenticator.ts';
import { createTestApp, sessionCookie, type TestApp } from '../../../../test/test-app.ts';

const ORIGIN = 'http://portico.test';

describe('staff second factor', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp();
  });
  afterAll(() => testApp.close());

  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, cookie: string, payload?: object) =>
    testApp.app.inject({ method, url, headers: { cookie, origin: ORIGIN }, ...(payload ? { payload } : {}) });
  const codeAt = (secret: string) => generate({ secret, epoch: Math.floor(testApp.clock.now().getTime() / 1000) });

  async function enrolTotp(cookie: string) {
    const started = await call('POST', '/api/staff/me/totp', cookie);
    expect(started.statusCode).toBe(200);
    const { secret, uri } = started.json();
    expect(uri).toMatch(/^otpauth:\/\/totp\/Portico/);
    const confirmed = await call('POST', '/api/staff/me/totp/confirm', cookie, { code: await codeAt(secret) });
    expect(confirmed.statusCode).toBe(200);
    return { secret: secret as string, recoveryCodes: confirmed.json().recoveryCodes as string[] };
  }

  async function enrolPasskey(cookie: string) {
    const authenticator = new SoftAuthenticator(ORIGIN);
    const options = (await call('POST', '/api/staff/me/passkeys/options', cookie)).json().options;
    const added = await call('POST', '/api/staff/me/passkeys', cookie, {
      name: 'Laptop',
      response: authenticator.register(options),
    });
    expect(added.statusCode, added.body).toBe(200);
    return authenticator;
  }

  it('asks for the authenticator code after the password; every other staff route answers 401 until then', async () => {
    const staff = await createStaffMember(testApp.deps, { role: 'psm' });
    const { secret, recoveryCodes } = await enrolTotp(await signInStaff(testApp.app, staff));
    expect(recoveryCodes).toHaveLength(10);
    testApp.clock.advanceSeconds(30);

    const signIn = await testApp.app.inject({
      method: 'POST',
      url: '/api/staff/session',
      payload: { email: staff.email, password: staff.password },
    });
    expect(signIn.json()).toMatchObject({ secondFactor: 'pending', hasSecondFactor: true });
    const pending = sessionCookie(signIn);
    const blocked = await call('GET', '/api/staff/audit-events', pending);
    expect(blocked.statusCode).toBe(401);
    expect(blocked.json().error.code).toBe('second_factor_required');

    const wrong = await call('POST', '/api/staff/session/second-factor', pending, { method: 'totp', code: '000000' });
    expect(wrong.statusCode).toBe(401);
    const code = await codeAt(secret);
    const passed = await call('POST', '/api/staff/session/second-factor', pending, { method: 'totp', code });
    expect(passed.statusCode, passed.body).toBe(200);
    expect(passed.json().secondFactor).toBeNull();
    const full = sessionCookie(passed);
    expect(full).not.toBe(pending);
    expect((await call('GET', '/api/staff/audit-events', full)).statusCode).toBe(200);
    expect((await call('GET', '/api/staff/session', pending)).statusCode).toBe(401);

    // The same code in the same 30-second step is refused the second time.
    const again = await testApp.app.inject({
      method: 'POST',
      url: '/api/staff/session',
      payload: { email: staff.email, password: staff.password },
    });
    const replay = await call('POST', '/api/staff/session/second-factor', sessionCookie(again), {
      method: 'totp',
      code,
    });
    expect(replay.statusCode).toBe(401);
    // A recovery code works once.
    const recovery = { method: 'recovery_code', code: recoveryCodes[0]! };
    expect((await call('POST', '/api/staff/session/second-factor', sessionCookie(again), recovery)).statusCode).toBe(
      200,
    );
    const third = await signInStaff(testApp.app, staff);
    expect((await call('POST', '/api/staff/session/second-factor', third, recovery)).statusCode).toBe(401);
    const stored = await testApp.deps.db.selectFrom('staffRecoveryCodes').select('codeHash').execute();
    expect(stored.map((row) => row.codeHash)).not.toContain(recoveryCodes[1]);
  });

  it('limits code guessing per staff member', async () => {
    const staff = await createStaffMember(testApp.deps, { role: 'support' });
    await enrolTotp(await signInStaff(testApp.app, staff));
    const pending = await signInStaff(testApp.app, staff);
    for (let attempt = 0; attempt < 5; attempt++)
      await call('POST', '/api/staff/session/second-factor', pending, { method: 'totp', code: '123456' });
    const blocked = await call('POST', '/api/staff/session/second-factor', pending, { method: 'totp', code: '123456' });
    expect(blocked.statusCode).toBe(429);
  });

  it('signs in with a passkey alone, and accepts one as the second factor', async () => {
    const staff = await createStaffMember(testApp.deps, { role: 'psm' });
    const authenticator = await enrolPasskey(await signInStaff(testApp.app, staff));

    const options = (
      await testApp.app.inject({
        method: 'POST',
        url: '/api/staff/passkey-sign-in/options',
        headers: { origin: ORIGIN },
      })
    ).json().options;
    expect(options.userVerification).toBe('required');
    const assertion = authenticator.assert(options);
    const signedIn = await testApp.app.inject({
      method: 'POST',
      url: '/api/staff/passkey-sign-in',
      headers: { origin: ORIGIN },
      payload: { response: assertion },
    });
    expect(signedIn.statusCode, signedIn.body).toBe(200);
    expect(signedIn.json()).toMatchObject({ staffMember: { id: staff.id }, secondFactor: null });
    expect((await call('GET', '/api/staff/audit-events', sessionCookie(signedIn))).statusCode).toBe(200);
    // The challenge was used up: replaying the same assertion fails.
    const replay = await testApp.app.inject({
      method: 'POST',
      url: '/api/staff/passkey-sign-in',
      headers: { origin: ORIGIN },
      payload: { response: assertion },
    });
    expect(replay.statusCode).toBe(401);

    const pending = await signInStaff(testApp.app, staff);
    const challenge = (await call('POST', '/api/staff/session/passkey-challenge', pending)).json().options;
    const passed = await call('POST', '/api/staff/session/second-factor', pending, {
      method: 'passkey',
      response: authenticator.assert(challenge),
    });
    expect(passed.statusCode, passed.body).toBe(200);
  });

  it('refuses passkeys from another origin', async () => {
    const staff = await createStaffMember(testApp.deps, { role: 'psm' });
    const cookie = await signInStaff(testApp.app, staff);
    const response = await testApp.app.inject({
      method: 'POST',
      url: '/api/staff/me/passkeys/options',
      headers: { cookie, origin: 'http://evil.test' },
    });
    expect(response.statusCode).toBe(403);
  });

  it('steps up: a stale session must confirm again, and removing a factor needs it', async () => {
    const staff = await createStaffMember(testApp.deps, { role: 'psm' });
    const { secret } = await enrolTotp(await signInStaff(testApp.app, staff));
    testApp.clock.advanceSeconds(30);
    const pending = await signInStaff(testApp.app, staff);
    const cookie = sessionCookie(
      await call('POST', '/api/staff/session/second-factor', pending, { method: 'totp', code: await codeAt(secret) }),
    );
    testApp.clock.advanceSeconds(11 * 60);
    const stale = await call('DELETE', '/api/staff/me/totp', cookie);
    expect(stale.statusCode).toBe(401);
    expect(stale.json().error.code).toBe('reauth_required');
    expect(
      (await call('POST', '/api/staff/session/step-up', cookie, { method: 'password', password: staff.password }))
        .statusCode,
    ).toBe(403);
    const stepped = await call('POST', '/api/staff/session/step-up', cookie, {
      method: 'totp',
      code: await codeAt(secret),
    });
    expect(stepped.statusCode, stepped.body).toBe(200);
    expect(stepped.json().reauthenticatedUntil).not.toBeNull();
    expect((await call('DELETE', '/api/staff/me/totp', sessionCookie(stepped))).statusCode).toBe(204);
  });

  it('requires a second factor for admins once the first admin has one; an admin can require it per role', async () => {
    const first = await createStaffMember(testApp.deps, { role: 'admin' });
    const second = await createStaffMember(testApp.deps, { role: 'admin' });
    const before = await testApp.app.inject({
      method: 'POST',
      url: '/api/staff/session',
      payload: { email: second.email, password: second.password },
    });
    expect(before.json().secondFactor).toBeNull();

    await enrolTotp(await signInStaff(testApp.app, first));
    const enrol = await testApp.app.inject({
      method: 'POST',
      url: '/api/staff/session',
      payload: { email: second.email, password: second.password },
    });
    expect(enrol.json().secondFactor).toBe('enrol');
    const restricted = sessionCookie(enrol);
    const blocked = await call('GET', '/api/staff/audit-events', restricted);
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('second_factor_enrolment_required');
    await enrolPasskey(restricted);
    expect((await call('GET', '/api/staff/audit-events', restricted)).statusCode).toBe(200);
    // The last factor of a role that requires one stays.
    const passkeys = (await call('GET', '/api/staff/me/second-factors', restricted)).json().passkeys;
    expect((await call('DELETE', `/api/staff/me/passkeys/${passkeys[0].id}`, restricted)).statusCode).toBe(409);

    const psm = await createStaffMember(testApp.deps, { role: 'psm' });
    expect(
      (
        await call('PUT', '/api/staff/second-factor-policy', await signInStaff(testApp.app, psm), {
          role: 'psm',
          required: true,
        })
      ).statusCode,
    ).toBe(403);
    const policy = await call('PUT', '/api/staff/second-factor-policy', restricted, { role: 'psm', required: true });
    expect(policy.statusCode, policy.body).toBe(200);
    expect(policy.json().roles).toContainEqual({ role: 'psm', required: true, explicit: true });
    const psmSignIn = await testApp.app.inject({
      method: 'POST',
      url: '/api/staff/session',
      payload: { email: psm.email, password: psm.password },
    });
    expect(psmSignIn.json().secondFactor).toBe('enrol');
  });
});

describe('step-up for sensitive actions', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp();
  });
  afterAll(() => testApp.close());

  it('needs a typed reason, recorded in the audit log, and a confirmation within the last 10 minutes', async () => {
    const staff = await createStaffMember(testApp.deps, { role: 'psm' });
    const account = await createAccount(testApp.deps);
    const cookie = await signInStaff(testApp.app, staff);
    const reveal = (headers: Record<string, string>, session = cookie) =>
      testApp.app.inject({
        method: 'POST',
        url: `/api/staff/accounts/${account.id}/portal-key/reveal`,
        headers: { cookie: session, ...headers },
      });

    const noReason = await reveal({});
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields[0].path).toBe('reason');
    const reason = 'Customer lost the welcome email';
    expect((await reveal({ 'x-step-up-reason': encodeURIComponent(reason) })).statusCode).toBe(200);
    const recorded = await testApp.deps.db
      .selectFrom('auditEvents')
      .selectAll()
      .where('action', '=', 'staff.step_up_reason')
      .where('actorId', '=', staff.id)
      .executeTakeFirstOrThrow();
    expect(recorded).toMatchObject({ subjectId: 'revealPortalKey', accountId: account.id });
    expect(JSON.parse(recorded.afterJson!).reason).toBe(reason);

    testApp.clock.advanceSeconds(11 * 60);
    const stale = await reveal({ 'x-step-up-reason': 'still on the phone' });
    expect(stale.statusCode).toBe(401);
    expect(stale.json().error.code).toBe('reauth_required');
    // Without a second factor the password confirms it; with one, only the factor does.
    const stepped = await testApp.app.inject({
      method: 'POST',
      url: '/api/staff/session/step-up',
      headers: { cookie },
      payload: { method: 'password', password: staff.password },
    });
    expect(stepped.statusCode).toBe(200);
    expect((await reveal({ 'x-step-up-reason': 'still on the phone' }, sessionCookie(stepped))).statusCode).toBe(200);
  });
});
