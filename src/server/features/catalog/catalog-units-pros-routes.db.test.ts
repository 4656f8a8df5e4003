import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../../../test/factories.ts';
import type { TestApp } from '../../../../test/test-app.ts';
import { type CatalogTestKit, createCatalogTestKit } from './catalog-test-kit.ts';

describe('catalog routes: units and pros', () => {
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

  describe('units', () => {
    it('adds a range at once, all or nothing, in natural order', async () => {
      const property = await createAccount(testApp.deps);
      const bulk = await call('POST', `/api/staff/accounts/${property.id}/units/bulk`, { numbers: '9-11, 2A' });
      expect(bulk.statusCode, bulk.body).toBe(201);
      const list = (await call('GET', `/api/staff/accounts/${property.id}/units`))
        .json()
        .items.map((unit: { number: string }) => unit.number);
      expect(list).toEqual(['2A', '9', '10', '11']);
      const overlap = await call('POST', `/api/staff/accounts/${property.id}/units/bulk`, { numbers: '11-13' });
      expect(overlap.statusCode).toBe(409);
      expect(overlap.json().error.fields[0]).toEqual({ path: 'numbers', message: 'Already exists: 11' });
      expect((await call('GET', `/api/staff/accounts/${property.id}/units`)).json().items).toHaveLength(4);
    });

    it('refuses another property’s floorplan', async () => {
      const property = await createAccount(testApp.deps);
      const other = await createAccount(testApp.deps);
      const floorplan = (
        await call('POST', `/api/staff/accounts/${other.id}/floorplans`, { name: 'Studio', bedrooms: 0, bathrooms: 1 })
      ).json();
      const response = await call('POST', `/api/staff/accounts/${property.id}/units`, {
        number: '1',
        floorplanId: floorplan.id,
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.fields).toEqual([
        { path: 'floorplanId', message: 'Choose a floorplan of this property' },
      ]);
    });
  });

  describe('pros', () => {
    it('creates pros with an E.164 phone and skills, refuses a bad phone, and sets distinct preferred and secondary pros', async () => {
      const property = await createAccount(testApp.deps);
      const paint = await createService();
      const bad = await call('POST', '/api/staff/pros', { name: 'Ana Ruiz', phone: '555-0100' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.fields).toEqual([{ path: 'phone', message: 'Use the format +1XXXXXXXXXX' }]);
      const ana = await call('POST', '/api/staff/pros', {
        name: 'Ana Ruiz',
        phone: '+15125550100',
        email: 'ana@pros.example',
        serviceIds: [paint.id],
      });
      expect(ana.statusCode, ana.body).toBe(201);
      expect(ana.json()).toMatchObject({ phone: '+15125550100', serviceIds: [paint.id], active: true });
      const ben = (await call('POST', '/api/staff/pros', { name: 'Ben Ode' })).json();

      const same = await call('PUT', `/api/staff/accounts/${property.id}/pro-preferences`, {
        preferences: [{ serviceId: paint.id, preferredProId: ana.json().id, secondaryProId: ana.json().id }],
      });
      expect(same.statusCode).toBe(400);
      expect(same.json().error.fields).toEqual([
        { path: 'preferences.0.secondaryProId', message: 'Choose a different pro than the preferred one' },
      ]);
      const saved = await call('PUT', `/api/staff/accounts/${property.id}/pro-preferences`, {
        preferences: [{ serviceId: paint.id, preferredProId: ana.json().id, secondaryProId: ben.id }],
      });
      expect(saved.statusCode, saved.body).toBe(200);
      expect(saved.json().items).toEqual([
        { serviceId: paint.id, preferredProId: ana.json().id, secondaryProId: ben.id },
      ]);

      expect((await call('DELETE', `/api/staff/pros/${ben.id}`)).statusCode).toBe(204);
      const afterDelete = (await call('GET', `/api/staff/accounts/${property.id}/pro-preferences`)).json().items;
      expect(afterDelete).toEqual([{ serviceId: paint.id, preferredProId: ana.json().id, secondaryProId: null }]);
      expect((await auditActions(ben.id)).map((row) => row.action)).toEqual(['pro.created', 'pro.deleted']);
      expect((await auditActions(property.id)).map((row) => row.action)).toEqual(['pro_preferences.set']);
    });
  });
});
