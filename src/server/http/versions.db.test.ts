import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, createContact, createStaffMember, signInStaff, unique } from '../../../test/factories.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { systemActor } from '../actor.ts';

describe('lost updates: edits carry the version they were based on (If-Match)', () => {
  let testApp: TestApp;
  let ana: string;
  let ben: string;

  beforeAll(async () => {
    testApp = await createTestApp();
    ana = await signInStaff(testApp.app, await createStaffMember(testApp.deps, { name: 'Ana Staff' }));
    ben = await signInStaff(testApp.app, await createStaffMember(testApp.deps, { name: 'Ben Staff' }));
  });
  afterAll(() => testApp.close());

  const put = (cookie: string, url: string, payload: object, version?: number | string) =>
    testApp.app.inject({
      method: 'PUT',
      url,
      headers: { cookie, ...(version === undefined ? {} : { 'if-match': `"${version}"` }) },
      payload,
    });
  const get = (url: string) => testApp.app.inject({ method: 'GET', url, headers: { cookie: ana } });

  /** Of two edits from one version, one is saved; the other gets 409 with Ana's change and who made it. */
  function expectOneWinner(first: LightMyRequestResponse, second: LightMyRequestResponse, version: number) {
    expect([first.statusCode, second.statusCode]).toEqual([200, 409]);
    expect(first.json().version).toBe(version + 1);
    const error = second.json().error;
    expect(error).toMatchObject({
      code: 'stale_version',
      changedBy: 'Ana Staff',
      changedAt: testApp.clock.now().toISOString(),
      currentVersion: version + 1,
      message: 'Ana Staff changed this since you opened it.',
    });
    expect(error.current).toEqual(first.json());
  }

  it('account: the second staff edit from the same version is refused with the current state', async () => {
    const account = await createAccount(testApp.deps);
    const url = `/api/staff/accounts/${account.id}`;
    const current = (await get(url)).json();
    expect(current.version).toBe(1);
    const fields = { name: current.name, accountNumber: current.accountNumber, parentAccountId: null };
    const first = await put(ana, url, { ...fields, city: 'Austin' }, current.version);
    const second = await put(ben, url, { ...fields, city: 'Dallas' }, current.version);
    expectOneWinner(first, second, 1);
    expect((await get(url)).json()).toMatchObject({ city: 'Austin', version: 2 });
    // Reloaded, Ben's edit goes through; a status change also moves the version on.
    expect((await put(ben, url, { ...fields, city: 'Dallas' }, 2)).statusCode).toBe(200);
    await put(ana, `${url}/status`, { status: 'inactive' });
    expect((await put(ben, url, { ...fields, city: 'Waco' }, 3)).statusCode).toBe(409);
    expect((await put(ana, url, fields, 'soon')).statusCode).toBe(400);
  });

  it('contact: two edits sent at once from one version give one 200 and one 409', async () => {
    const account = await createAccount(testApp.deps);
    const contact = await createContact(testApp.deps, { accountIds: [account.id], firstName: 'Cara' });
    const url = `/api/staff/contacts/${contact.id}`;
    const current = (await get(url)).json();
    const body = (title: string) => ({
      firstName: current.firstName,
      lastName: current.lastName,
      title,
      phone: current.phone,
      primaryEmails: current.primaryEmails,
      otherEmails: current.otherEmails,
      mainAccountId: current.mainAccountId,
    });
    const responses = await Promise.all([
      put(ana, url, body('Manager'), current.version),
      put(ben, url, body('Owner'), current.version),
    ]);
    expect(responses.map((response) => response.statusCode).sort()).toEqual([200, 409]);
    const winner = responses.find((response) => response.statusCode === 200)!;
    const loser = responses.find((response) => response.statusCode === 409)!;
    expect(loser.json().error.current).toEqual(winner.json());
    expect(loser.json().error.changedBy).toBe(winner === responses[0] ? 'Ana Staff' : 'Ben Staff');
    expect((await get(url)).json()).toEqual(winner.json());
  });

  it('service profile and a floorplan pricelist refuse the stale edit too', async () => {
    const account = await createAccount(testApp.deps);
    const profileUrl = `/api/staff/accounts/${account.id}/service-profile`;
    const profile = (await get(profileUrl)).json();
    expect(profile.version).toBe(0);
    const profileBody = (phone: string) => ({
      turnProfileAllServices: true,
      turnProfileServiceIds: [],
      addonApprovalMethod: 'customer_approves',
      addonAutoApproveLimitCents: null,
      backupNotificationPhone: phone,
      mainApproverContactId: null,
    });
    const firstProfile = await put(ana, profileUrl, profileBody('+15125550101'), 0);
    const secondProfile = await put(ben, profileUrl, profileBody('+15125550102'), 0);
    expect(firstProfile.statusCode, firstProfile.body).toBe(200);
    expect(secondProfile.statusCode).toBe(409);
    expect(secondProfile.json().error.current).toEqual(firstProfile.json());

    const floorplan = await testApp.deps.catalog.pricing.createFloorplan(
      account.id,
      { name: unique('2 bed'), bedrooms: 2, bathrooms: 1, squareFeet: 900 },
      systemActor,
    );
    const pricesUrl = `/api/staff/floorplans/${floorplan.id}/prices`;
    const pricelist = (await get(pricesUrl)).json();
    const first = await put(ana, pricesUrl, { prices: [] }, pricelist.floorplan.version);
    const second = await put(ben, pricesUrl, { prices: [] }, pricelist.floorplan.version);
    expect(first.statusCode, first.body).toBe(200);
    expect(second.statusCode).toBe(409);
    expect(second.json().error).toMatchObject({ changedBy: 'Ana Staff', current: first.json() });
    // Without If-Match the write is unconditional.
    expect((await put(ben, pricesUrl, { prices: [] })).statusCode).toBe(200);
  });

  /** Ana saves from `version`; Ben, from the same version, gets 409 naming Ana, with the record as it is now. */
  async function expectStaleRefused(
    url: string,
    version: number,
    anaBody: object,
    benBody: object,
    read = async () => (await get(url)).json(),
  ) {
    const first = await put(ana, url, anaBody, version);
    expect(first.statusCode, first.body).toBe(200);
    const second = await put(ben, url, benBody, version);
    expect(second.statusCode, second.body).toBe(409);
    expect(second.json().error).toMatchObject({ code: 'stale_version', changedBy: 'Ana Staff' });
    expect(second.json().error.current).toEqual(first.json());
    expect(await read()).toEqual(first.json());
    return first.json();
  }

  it('a unit and a floorplan', async () => {
    const account = await createAccount(testApp.deps);
    const floorplan = await testApp.deps.catalog.pricing.createFloorplan(
      account.id,
      { name: unique('1 bed'), bedrooms: 1, bathrooms: 1, squareFeet: 600 },
      systemActor,
    );
    const [unit] = await testApp.deps.catalog.units.createUnits(
      account.id,
      { numbers: '101', floorplanId: null },
      systemActor,
    );
    const unitUrl = `/api/staff/units/${unit!.id}`;
    const units = (await get(`/api/staff/accounts/${account.id}/units`)).json();
    expect(units.items[0].version).toBe(1);
    const saved = await expectStaleRefused(
      unitUrl,
      1,
      { number: '101', floorplanId: floorplan.id, notes: 'Ana' },
      { number: '101', floorplanId: null, notes: 'Ben' },
      async () => (await get(`/api/staff/accounts/${account.id}/units`)).json().items[0],
    );
    expect(saved).toMatchObject({ notes: 'Ana', floorplanName: floorplan.name, version: 2 });

    const floorplanUrl = `/api/staff/floorplans/${floorplan.id}`;
    const fields = { name: floorplan.name, bedrooms: 1, bathrooms: 1 };
    const plan = await expectStaleRefused(
      floorplanUrl,
      1,
      { ...fields, squareFeet: 650 },
      { ...fields, squareFeet: 700 },
      async () => (await get(`/api/staff/floorplans/${floorplan.id}/prices`)).json().floorplan,
    );
    expect(plan).toMatchObject({ squareFeet: 650, version: 2 });
  });

  it('a pro', async () => {
    const pro = await testApp.deps.catalog.pros.createPro(
      { name: unique('Pat'), phone: null, email: null, active: true, serviceIds: [] },
      systemActor,
    );
    const url = `/api/staff/pros/${pro.id}`;
    const saved = await expectStaleRefused(
      url,
      1,
      { name: pro.name, active: true, dailyCapacity: 6, serviceIds: [] },
      { name: pro.name, active: false, serviceIds: [] },
      async () => (await get('/api/staff/pros')).json().items.find((item: { id: string }) => item.id === pro.id),
    );
    expect(saved).toMatchObject({ dailyCapacity: 6, active: true, version: 2 });
  });

  it('an account’s pricing (0 before the first save) and the master pricelist', async () => {
    const account = await createAccount(testApp.deps);
    const url = `/api/staff/accounts/${account.id}/pricing`;
    expect((await get(url)).json().version).toBe(0);
    const pricing = await expectStaleRefused(
      url,
      0,
      { pricelist: 'master', notes: 'Ana', overrides: [] },
      { pricelist: 'master', notes: 'Ben', overrides: [] },
    );
    expect(pricing).toMatchObject({ notes: 'Ana', version: 1 });
    expect((await put(ben, url, { pricelist: 'master', notes: 'Ben', overrides: [] }, 1)).statusCode).toBe(200);

    const masterUrl = '/api/staff/master-pricelist';
    const master = (await get(masterUrl)).json();
    const master2 = await expectStaleRefused(masterUrl, master.version, { prices: [] }, { prices: [] });
    expect(master2.version).toBe(master.version + 1);
  });
});
