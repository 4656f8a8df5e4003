import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, createContact, unique } from '../../../../test/factories.ts';
import type { TestApp } from '../../../../test/test-app.ts';
import { type CatalogTestKit, createCatalogTestKit } from './catalog-test-kit.ts';

describe('catalog routes', () => {
  let kit: CatalogTestKit;
  let testApp: TestApp;
  beforeAll(async () => {
    kit = await createCatalogTestKit();
    testApp = kit.testApp;
  });
  afterAll(() => kit.testApp.close());
  const call: CatalogTestKit['call'] = (...args) => kit.call(...args);
  const createService: CatalogTestKit['createService'] = (...args) => kit.createService(...args);
  const auditActions: CatalogTestKit['auditActions'] = (...args) => kit.auditActions(...args);

  it('creates vendor services with unique codes and audits them', async () => {
    const service = await createService({ code: unique('tu').replaceAll('-', '_') });
    expect(service.code).toBe(service.code.toUpperCase());
    const duplicate = await call('POST', '/api/staff/services', {
      name: 'Other',
      code: service.code.toLowerCase(),
      providerCategory: 'in_house',
      kind: 'add_on',
      defaultDayOffset: 1,
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.fields).toEqual([{ path: 'code', message: 'Already used by another service' }]);
    expect((await auditActions(service.id)).map((row) => row.action)).toEqual(['service.created']);
    const list = await call('GET', '/api/staff/services');
    expect(list.json().items.map((item: { id: string }) => item.id)).toContain(service.id);
  });

  it('orders an account’s services, keeping services left out at the end, and refuses foreign ids', async () => {
    const property = await createAccount(testApp.deps);
    const other = await createAccount(testApp.deps);
    const first = await createService({ defaultDayOffset: 9 });
    const custom = await call('POST', `/api/staff/accounts/${property.id}/services`, {
      name: 'Balcony wash',
      code: unique('BW').replaceAll('-', '_'),
      providerCategory: 'other_vendor',
      kind: 'add_on',
      defaultDayOffset: 1,
    });
    expect(custom.statusCode).toBe(201);
    const foreign = await call('POST', `/api/staff/accounts/${other.id}/services`, {
      name: 'Not yours',
      code: unique('NY').replaceAll('-', '_'),
      providerCategory: 'in_house',
      kind: 'standard',
      defaultDayOffset: 1,
    });
    const before = (await call('GET', `/api/staff/accounts/${property.id}/services`)).json().items as Array<{
      id: string;
    }>;
    expect(before.map((item) => item.id)).toContain(custom.json().id);
    expect(before.map((item) => item.id)).not.toContain(foreign.json().id);

    const reordered = await call('PUT', `/api/staff/accounts/${property.id}/services/order`, {
      serviceIds: [custom.json().id, first.id],
    });
    expect(reordered.statusCode, reordered.body).toBe(200);
    const ids = (reordered.json().items as Array<{ id: string; position: number }>).map((item) => item.id);
    expect(ids.slice(0, 2)).toEqual([custom.json().id, first.id]);
    expect(ids).toHaveLength(before.length);
    const again = (await call('GET', `/api/staff/accounts/${property.id}/services`))
      .json()
      .items.map((item: { id: string }) => item.id);
    expect(again).toEqual(ids);

    const refused = await call('PUT', `/api/staff/accounts/${property.id}/services/order`, {
      serviceIds: [foreign.json().id],
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields[0].path).toBe('serviceIds.0');
    expect((await auditActions(property.id)).map((row) => row.action)).toContain('account.services_reordered');
    expect(
      (await call('PUT', '/api/staff/accounts/01900000-0000-7000-8000-000000000000/services/order', { serviceIds: [] }))
        .statusCode,
    ).toBe(404);
  });

  describe('service profile', () => {
    it('starts with defaults, then saves a complete profile with an E.164 phone and audits before/after', async () => {
      const property = await createAccount(testApp.deps);
      const approver = await createContact(testApp.deps, {
        accountIds: [property.id],
        firstName: 'Maria',
        lastName: 'Alvarez',
      });
      const empty = (await call('GET', `/api/staff/accounts/${property.id}/service-profile`)).json();
      expect(empty).toMatchObject({
        exists: false,
        turnProfileAllServices: true,
        addonApprovalMethod: 'customer_approves',
        mainApproverContactId: null,
      });
      const saved = await call('PUT', `/api/staff/accounts/${property.id}/service-profile`, {
        turnProfileAllServices: true,
        addonApprovalMethod: 'customer_approves',
        backupNotificationPhone: '+1 (512) 555-0142',
        mainApproverContactId: approver.id,
      });
      expect(saved.statusCode, saved.body).toBe(200);
      expect(saved.json()).toMatchObject({
        exists: true,
        backupNotificationPhone: '+15125550142',
        mainApproverName: 'Maria Alvarez',
      });
      const audit = await auditActions(property.id);
      expect(audit.map((row) => row.action)).toEqual(['service_profile.updated']);
      expect(JSON.parse(audit[0]!.afterJson!)).toMatchObject({
        backupNotificationPhone: '+15125550142',
        mainApproverContactId: approver.id,
      });
    });

    it('refuses a bad phone, an approver not linked to the account and a missing auto-approve limit, saving nothing', async () => {
      const property = await createAccount(testApp.deps);
      const stranger = await createContact(testApp.deps, { accountIds: [(await createAccount(testApp.deps)).id] });
      const base = { turnProfileAllServices: true, addonApprovalMethod: 'customer_approves' };
      for (const [body, path, message] of [
        [
          { ...base, backupNotificationPhone: '512-555-0142' },
          'backupNotificationPhone',
          'Use the format +1XXXXXXXXXX',
        ],
        [{ ...base, backupNotificationPhone: '+1555' }, 'backupNotificationPhone', 'Use the format +1XXXXXXXXXX'],
        [
          { ...base, mainApproverContactId: stranger.id },
          'mainApproverContactId',
          'Choose a contact linked to this account',
        ],
        [
          { ...base, addonApprovalMethod: 'auto_approve_under_limit' },
          'addonAutoApproveLimitCents',
          'Enter the limit under which add-ons are approved automatically',
        ],
      ] as const) {
        const response = await call('PUT', `/api/staff/accounts/${property.id}/service-profile`, body);
        expect(response.statusCode).toBe(400);
        expect(response.json().error.fields).toEqual([{ path, message }]);
      }
      expect((await call('GET', `/api/staff/accounts/${property.id}/service-profile`)).json().exists).toBe(false);
      expect(await auditActions(property.id)).toEqual([]);
    });

    it('keeps a chosen turn profile and the auto-approve limit', async () => {
      const property = await createAccount(testApp.deps);
      const paint = await createService();
      const response = await call('PUT', `/api/staff/accounts/${property.id}/service-profile`, {
        turnProfileAllServices: false,
        turnProfileServiceIds: [paint.id],
        addonApprovalMethod: 'auto_approve_under_limit',
        addonAutoApproveLimitCents: 15000,
      });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({
        turnProfileAllServices: false,
        turnProfileServiceIds: [paint.id],
        addonAutoApproveLimitCents: 15000,
      });
    });
  });

  it('answers the catalog items of the account onboarding checklist from its data', async () => {
    const property = await createAccount(testApp.deps);
    const approver = await createContact(testApp.deps, { accountIds: [property.id] });
    const paint = await createService();
    const pro = (await call('POST', '/api/staff/pros', { name: 'Quinn Avery' })).json();
    const doneByKey = async () =>
      Object.fromEntries(
        (
          (await call('GET', `/api/staff/accounts/${property.id}/onboarding`)).json().items as Array<{
            key: string;
            done: boolean;
          }>
        ).map((item) => [item.key, item.done]),
      );
    expect(await doneByKey()).toMatchObject({
      turn_profile_all_services: false,
      service_profile_approver: false,
      pricing_has_data: false,
      pro_preferences: false,
    });

    await call('PUT', `/api/staff/accounts/${property.id}/service-profile`, {
      turnProfileAllServices: true,
      addonApprovalMethod: 'customer_approves',
      backupNotificationPhone: '+15125550142',
      mainApproverContactId: approver.id,
    });
    await call('PUT', '/api/staff/master-pricelist', { prices: [{ serviceId: paint.id, priceCents: 10000 }] });
    await call('PUT', `/api/staff/accounts/${property.id}/pricing`, { pricelist: 'master' });
    await call('PUT', `/api/staff/accounts/${property.id}/pro-preferences`, {
      preferences: [{ serviceId: paint.id, preferredProId: pro.id }],
    });
    expect(await doneByKey()).toMatchObject({
      turn_profile_all_services: true,
      service_profile_approver: true,
      pricing_has_data: true,
      pro_preferences: true,
    });
  });

  describe('pricing and floorplans', () => {
    it('sets master prices, refuses negative ones with a field error, and keeps the old list', async () => {
      const clean = await createService({ kind: 'standard' });
      const primer = await createService({ kind: 'add_on' });
      const ok = await call('PUT', '/api/staff/master-pricelist', {
        prices: [
          { serviceId: clean.id, priceCents: 18000 },
          { serviceId: primer.id, priceCents: 4500 },
        ],
      });
      expect(ok.statusCode, ok.body).toBe(200);
      const item = (ok.json().items as Array<{ id: string; priceCents: number | null }>).find(
        (entry) => entry.id === clean.id,
      );
      expect(item?.priceCents).toBe(18000);
      const negative = await call('PUT', '/api/staff/master-pricelist', {
        prices: [
          { serviceId: clean.id, priceCents: 100 },
          { serviceId: primer.id, priceCents: -1 },
        ],
      });
      expect(negative.statusCode).toBe(400);
      expect(negative.json().error.fields).toEqual([
        { path: 'prices.1.priceCents', message: 'A price cannot be negative' },
      ]);
      const after = (await call('GET', '/api/staff/master-pricelist')).json().items as Array<{
        id: string;
        priceCents: number | null;
      }>;
      expect(after.find((entry) => entry.id === clean.id)?.priceCents).toBe(18000);
      const audit = await testApp.deps.db
        .selectFrom('auditEvents')
        .select('action')
        .where('action', '=', 'master_pricelist.prices_set')
        .execute();
      expect(audit.length).toBeGreaterThanOrEqual(1);
    });

    it('creates floorplans, replaces their pricelist atomically, and refuses deleting one that units use', async () => {
      const property = await createAccount(testApp.deps);
      const paint = await createService({ kind: 'standard' });
      const extraCoat = await createService({ kind: 'add_on' });
      const created = await call('POST', `/api/staff/accounts/${property.id}/floorplans`, {
        name: '2x2',
        bedrooms: 2,
        bathrooms: 2,
        squareFeet: 1050,
      });
      expect(created.statusCode, created.body).toBe(201);
      const floorplan = created.json() as { id: string };
      const duplicate = await call('POST', `/api/staff/accounts/${property.id}/floorplans`, {
        name: '2x2',
        bedrooms: 2,
        bathrooms: 1.5,
      });
      expect(duplicate.statusCode).toBe(409);
      expect(duplicate.json().error.fields[0].path).toBe('name');

      const set = await call('PUT', `/api/staff/floorplans/${floorplan.id}/prices`, {
        prices: [
          { serviceId: paint.id, priceCents: 22500 },
          { serviceId: extraCoat.id, priceCents: 6000 },
        ],
      });
      expect(set.statusCode, set.body).toBe(200);
      expect(set.json().floorplan).toMatchObject({ standardPriceCount: 1, addOnPriceCount: 1 });

      // One bad entry: the whole replacement is refused and the previous pricelist stays.
      const bad = await call('PUT', `/api/staff/floorplans/${floorplan.id}/prices`, {
        prices: [
          { serviceId: paint.id, priceCents: 1 },
          { serviceId: extraCoat.id, priceCents: -500 },
        ],
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.fields).toEqual([{ path: 'prices.1.priceCents', message: 'A price cannot be negative' }]);
      const prices = await testApp.deps.db
        .selectFrom('floorplanPrices')
        .select(['serviceId', 'priceCents'])
        .where('floorplanId', '=', floorplan.id)
        .orderBy('priceCents')
        .execute();
      expect(prices).toEqual([
        { serviceId: extraCoat.id, priceCents: 6000 },
        { serviceId: paint.id, priceCents: 22500 },
      ]);

      const unit = await call('POST', `/api/staff/accounts/${property.id}/units`, {
        number: '101',
        floorplanId: floorplan.id,
      });
      expect(unit.statusCode, unit.body).toBe(201);
      expect((await call('DELETE', `/api/staff/floorplans/${floorplan.id}`)).statusCode).toBe(409);
      expect((await call('DELETE', `/api/staff/units/${unit.json().id}`)).statusCode).toBe(204);
      expect((await call('DELETE', `/api/staff/floorplans/${floorplan.id}`)).statusCode).toBe(204);
      expect((await auditActions(floorplan.id)).map((row) => row.action).sort()).toEqual([
        'floorplan.created',
        'floorplan.deleted',
        'floorplan.prices_set',
      ]);
    });

    it('refuses floorplans on a management company', async () => {
      const company = await createAccount(testApp.deps, { kind: 'management_company' });
      const response = await call('POST', `/api/staff/accounts/${company.id}/floorplans`, {
        name: 'Studio',
        bedrooms: 0,
        bathrooms: 1,
      });
      expect(response.statusCode).toBe(400);
    });

    it('applies account prices over master prices only with the account pricelist', async () => {
      const property = await createAccount(testApp.deps);
      const clean = await createService();
      await call('PUT', '/api/staff/master-pricelist', { prices: [{ serviceId: clean.id, priceCents: 20000 }] });
      const saved = await call('PUT', `/api/staff/accounts/${property.id}/pricing`, {
        pricelist: 'account',
        overrides: [{ serviceId: clean.id, priceCents: 17500 }],
      });
      expect(saved.statusCode, saved.body).toBe(200);
      const item = (saved.json().items as Array<{ id: string }>).find((entry) => entry.id === clean.id);
      expect(item).toMatchObject({ masterPriceCents: 20000, overridePriceCents: 17500, effectivePriceCents: 17500 });
      const master = await call('PUT', `/api/staff/accounts/${property.id}/pricing`, {
        pricelist: 'master',
        overrides: [{ serviceId: clean.id, priceCents: 17500 }],
      });
      expect((master.json().items as Array<{ id: string }>).find((entry) => entry.id === clean.id)).toMatchObject({
        overridePriceCents: null,
        effectivePriceCents: 20000,
      });
    });

    it('reports what is missing for floorplans and add-ons to show, and when it is all there', async () => {
      const property = await createAccount(testApp.deps, { status: 'prospect', portalAccessEnabled: 0 });
      const status = (await call('GET', `/api/staff/accounts/${property.id}/setup-status`)).json();
      expect(status.ready).toBe(false);
      const failing = (status.checks as Array<{ key: string; ok: boolean; fix: string | null }>)
        .filter((check) => !check.ok)
        .map((check) => check.key);
      expect(failing).toEqual(
        expect.arrayContaining([
          'service_profile',
          'pricing_configuration',
          'floorplans',
          'floorplan_prices',
          'account_current',
          'portal_access',
        ]),
      );
      expect(status.checks.find((check: { key: string }) => check.key === 'account_current').fix).toBe(
        'Set the account status to current.',
      );

      const ready = await createAccount(testApp.deps);
      const paint = await createService();
      await call('PUT', '/api/staff/master-pricelist', { prices: [{ serviceId: paint.id, priceCents: 10000 }] });
      await call('PUT', `/api/staff/accounts/${ready.id}/service-profile`, {
        turnProfileAllServices: true,
        addonApprovalMethod: 'staff_approves',
      });
      await call('PUT', `/api/staff/accounts/${ready.id}/pricing`, { pricelist: 'master' });
      const floorplan = (
        await call('POST', `/api/staff/accounts/${ready.id}/floorplans`, { name: '1x1', bedrooms: 1, bathrooms: 1 })
      ).json();
      await call('PUT', `/api/staff/floorplans/${floorplan.id}/prices`, {
        prices: [{ serviceId: paint.id, priceCents: 9000 }],
      });
      const complete = (await call('GET', `/api/staff/accounts/${ready.id}/setup-status`)).json();
      expect(complete.checks.filter((check: { ok: boolean }) => !check.ok)).toEqual([]);
      expect(complete.ready).toBe(true);
    });
  });
});
