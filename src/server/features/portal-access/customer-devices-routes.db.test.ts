import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffMember, signInStaff } from '../../../../test/factories.ts';
import { portalAccessKit, STRONG_PASSWORD } from '../../../../test/portal-access-kit.ts';
import { createTestApp, sessionCookie, type TestApp } from '../../../../test/test-app.ts';

let t: TestApp;
let staffCookie: string;
beforeAll(async () => {
  t = await createTestApp();
  staffCookie = await signInStaff(t.app, await createStaffMember(t.deps));
});
afterAll(() => t.close());
const kit = portalAccessKit(() => ({ t, staffCookie }));
const { customerGet } = kit;

/** A customer whose setup browser has signed out again, so the devices below are the only ones. */
async function activatedCustomer() {
  const customer = await kit.activatedCustomer();
  const signedOut = await t.app.inject({
    method: 'DELETE',
    url: '/api/portal/session',
    headers: { cookie: customer.setupCookie },
  });
  expect(signedOut.statusCode).toBe(204);
  return customer;
}

const PHONE = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36';
const LAPTOP = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) Gecko/20100101 Firefox/127.0';

async function signInOn(login: string, userAgent: string) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/portal/session',
    headers: { 'user-agent': userAgent },
    payload: { login, password: STRONG_PASSWORD },
  });
  expect(response.statusCode, response.body).toBe(200);
  return sessionCookie(response);
}

const devices = async (cookie: string, query = '') => customerGet(`/api/portal/session/devices${query}`, cookie);
const endDevice = (cookie: string, deviceId: string) =>
  t.app.inject({ method: 'DELETE', url: `/api/portal/session/devices/${deviceId}`, headers: { cookie } });

describe('signed-in devices', () => {
  it('lists this customer’s devices, paged, with this one marked, and signs one out', async () => {
    const { email } = await activatedCustomer();
    const phone = await signInOn(email, PHONE);
    t.clock.advanceSeconds(120);
    const laptop = await signInOn(email, LAPTOP);

    const listed = await devices(laptop);
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json()).toMatchObject({
      total: 2,
      page: 1,
      items: [
        { device: 'Firefox on macOS', thisDevice: true },
        { device: 'Chrome on Android', thisDevice: false },
      ],
    });
    const paged = (await devices(laptop, '?page=2&pageSize=1')).json();
    expect(paged).toMatchObject({ total: 2, page: 2, pageSize: 1, items: [{ device: 'Chrome on Android' }] });
    expect(listed.body).not.toContain('Pixel 8');

    const phoneId = listed.json().items[1].id as string;
    expect((await endDevice(laptop, phoneId)).statusCode).toBe(204);
    expect((await customerGet('/api/portal/session', phone)).statusCode).toBe(401);
    expect((await customerGet('/api/portal/session', laptop)).statusCode).toBe(200);
    expect((await devices(laptop)).json().total).toBe(1);
  });

  it('never shows or ends another customer’s devices', async () => {
    const alice = await activatedCustomer();
    const bob = await activatedCustomer();
    const aliceCookie = await signInOn(alice.email, LAPTOP);
    const bobCookie = await signInOn(bob.email, PHONE);
    // A read first, so both principals sit in the principal cache.
    expect((await customerGet('/api/portal/session', bobCookie)).statusCode).toBe(200);
    const bobDevice = (await devices(bobCookie)).json().items[0].id as string;

    const aliceList = await devices(aliceCookie);
    expect(aliceList.body).not.toContain(bobDevice);
    expect(aliceList.json().total).toBe(1);
    expect((await endDevice(aliceCookie, bobDevice)).statusCode).toBe(404);
    expect((await customerGet('/api/portal/session', bobCookie)).statusCode).toBe(200);
  });

  it('signs out everywhere, this device included', async () => {
    const { email } = await activatedCustomer();
    const phone = await signInOn(email, PHONE);
    const laptop = await signInOn(email, LAPTOP);
    expect((await customerGet('/api/portal/session', phone)).statusCode).toBe(200);
    const response = await t.app.inject({
      method: 'DELETE',
      url: '/api/portal/session/devices',
      headers: { cookie: laptop },
    });
    expect(response.statusCode).toBe(204);
    expect(response.cookies.find((cookie) => cookie.name === 'portico_customer')?.value).toBe('');
    expect((await customerGet('/api/portal/session', phone)).statusCode).toBe(401);
    expect((await customerGet('/api/portal/session', laptop)).statusCode).toBe(401);
  });

  it('hides staff viewing the portal as the customer, and their session cannot end devices', async () => {
    const { contact, email } = await activatedCustomer();
    await signInOn(email, LAPTOP);
    const viewAs = await t.app.inject({
      method: 'POST',
      url: `/api/staff/contacts/${contact.id}/portal-access/view-as`,
      headers: { cookie: staffCookie, 'x-step-up-reason': 'Customer asked for help on the phone' },
    });
    expect(viewAs.statusCode, viewAs.body).toBe(200);
    const staffView = sessionCookie(viewAs);
    const listed = (await devices(staffView)).json();
    expect(listed.total).toBe(1);
    expect(listed.items[0].thisDevice).toBe(false);
    const refused = await t.app.inject({
      method: 'DELETE',
      url: '/api/portal/session/devices',
      headers: { cookie: staffView },
    });
    expect(refused.statusCode).toBe(403);
  });
});
