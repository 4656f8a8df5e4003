import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffMember, signInStaff, unique } from '../../../../test/factories.ts';
import { OTHER_PASSWORD, portalAccessKit, STRONG_PASSWORD } from '../../../../test/portal-access-kit.ts';
import { createTestApp, sessionCookie, type TestApp } from '../../../../test/test-app.ts';

let t: TestApp;
let staffCookie: string;
beforeAll(async () => {
  t = await createTestApp();
  staffCookie = await signInStaff(t.app, await createStaffMember(t.deps));
});
afterAll(() => t.close());
const { customerWithAccess, latestLinkToken, activatedCustomer, signIn } = portalAccessKit(() => ({ t, staffCookie }));

let addressSequence = 0;
const freshAddress = () => `198.51.100.${++addressSequence}`;

describe('username availability', () => {
  it('answers 20 checks per link, then 429 with Retry-After', async () => {
    const { contact } = await customerWithAccess();
    const token = await latestLinkToken(contact.id, 'credential_create');
    const check = (username: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/portal/links/username-availability',
        remoteAddress: freshAddress(),
        payload: { token, username },
      });
    for (let index = 0; index < 20; index += 1) {
      expect((await check(unique('guess').replaceAll('-', '.'))).statusCode).toBe(200);
    }
    const limited = await check('someone.real');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('link inspection', () => {
  it('is limited per IP address', async () => {
    const remoteAddress = freshAddress();
    // 299 earlier calls from this address, without making them one by one.
    await t.deps.db
      .insertInto('loginThrottles')
      .values({
        key: `link-inspect-ip:${remoteAddress}`,
        failures: 299,
        lockedUntil: null,
        lastFailureAt: t.clock.now().toISOString(),
      })
      .execute();
    const inspect = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/portal/links/inspect',
        remoteAddress,
        payload: { token: 'x'.repeat(43) },
      });
    expect((await inspect()).statusCode).toBe(200);
    expect((await inspect()).statusCode).toBe(429);
    const elsewhere = await t.app.inject({
      method: 'POST',
      url: '/api/portal/links/inspect',
      remoteAddress: freshAddress(),
      payload: { token: 'x'.repeat(43) },
    });
    expect(elsewhere.statusCode).toBe(200);
  });
});

describe('wrong current passwords at change-password', () => {
  it('are throttled for customers: after 5, even the right one waits', async () => {
    const { email } = await activatedCustomer();
    const cookie = sessionCookie(await signIn(email, STRONG_PASSWORD));
    const change = (currentPassword: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/portal/session/password',
        headers: { cookie },
        payload: { currentPassword, newPassword: OTHER_PASSWORD },
      });
    for (let index = 0; index < 5; index += 1) {
      const wrong = await change(`wrong password number ${index}`);
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().error.fields[0].path).toBe('currentPassword');
    }
    expect((await change(STRONG_PASSWORD)).statusCode).toBe(429);
    t.clock.advanceSeconds(61);
    expect((await change(STRONG_PASSWORD)).statusCode).toBe(204);
  });

  it('are throttled for staff', async () => {
    const staff = await createStaffMember(t.deps, { role: 'psm' });
    const cookie = await signInStaff(t.app, staff);
    const change = (currentPassword: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/staff/session/password',
        headers: { cookie },
        payload: { currentPassword, newPassword: OTHER_PASSWORD },
      });
    for (let index = 0; index < 5; index += 1) expect((await change(`wrong password ${index}`)).statusCode).toBe(400);
    expect((await change(staff.password)).statusCode).toBe(429);
  });
});

describe('per-IP sign-in counters', () => {
  it('are separate for customers and staff', async () => {
    const remoteAddress = freshAddress();
    const staff = await createStaffMember(t.deps, { role: 'psm' });
    let last = 0;
    for (let index = 0; index < 50; index += 1) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/portal/session',
        remoteAddress,
        payload: { login: unique('nobody'), password: 'not the right password at all' },
      });
      last = response.statusCode;
    }
    expect(last).toBe(401);
    const customerAgain = await t.app.inject({
      method: 'POST',
      url: '/api/portal/session',
      remoteAddress,
      payload: { login: unique('nobody'), password: 'not the right password at all' },
    });
    expect(customerAgain.statusCode).toBe(429);
    const staffSignIn = await t.app.inject({
      method: 'POST',
      url: '/api/staff/session',
      remoteAddress,
      payload: { email: staff.email, password: staff.password },
    });
    expect(staffSignIn.statusCode, staffSignIn.body).toBe(200);
  });
});
