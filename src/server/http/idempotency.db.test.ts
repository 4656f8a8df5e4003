import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffMember, signInStaff, unique } from '../../../test/factories.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { useTurnsFixture } from '../features/turns/turns-test-fixture.ts';
import { newId } from '../ids.ts';

describe('Idempotency-Key on create operations', () => {
  describe('ordering a turn', () => {
    const fixture = useTurnsFixture();

    it('three sends with one key make one turn, each answered with that turn', async () => {
      const setup = await fixture.setupProperty();
      const key = newId();
      const send = () =>
        fixture.app.inject({
          method: 'POST',
          url: `/api/portal/properties/${setup.property.id}/turns`,
          headers: { cookie: setup.cookie, 'idempotency-key': key },
          payload: {
            unitId: setup.unit.id,
            moveOutDate: '2026-06-20',
            moveInDate: '2026-07-01',
            lines: [{ serviceId: setup.paint.id }],
          },
        });
      const first = await send();
      expect(first.statusCode, first.body).toBe(201);
      const repeats = [await send(), await send()];
      for (const repeat of repeats) {
        expect(repeat.statusCode).toBe(201);
        expect(repeat.headers['idempotent-replayed']).toBe('true');
        expect(repeat.json()).toEqual(first.json());
      }
      const turns = await fixture.deps.db
        .selectFrom('turns')
        .select('id')
        .where('accountId', '=', setup.property.id)
        .execute();
      expect(turns).toEqual([{ id: first.json().id }]);
      expect(await fixture.auditActions(first.json().id)).toEqual(['turn.created']);
    });
  });

  describe('creating contacts', () => {
    let testApp: TestApp;
    let cookie: string;

    beforeAll(async () => {
      testApp = await createTestApp();
      cookie = await signInStaff(testApp.app, await createStaffMember(testApp.deps));
    });
    afterAll(() => testApp.close());

    const createContact = (key: string, body: Record<string, unknown>, sessionCookie = cookie) =>
      testApp.app.inject({
        method: 'POST',
        url: '/api/staff/contacts',
        headers: { cookie: sessionCookie, 'idempotency-key': key },
        payload: body,
      });
    const contactsNamed = (lastName: string) =>
      testApp.deps.db.selectFrom('contacts').select('id').where('lastName', '=', lastName).execute();

    it('two identical creations with one key make one contact; another body with that key is 422', async () => {
      const lastName = unique('Twice');
      const key = newId();
      const body = { firstName: 'Ana', lastName, primaryEmails: [`${lastName}@customer.test`] };
      const [first, second] = [await createContact(key, body), await createContact(key, body)];
      expect(first.statusCode, first.body).toBe(201);
      expect(second.statusCode).toBe(201);
      expect(second.json()).toEqual(first.json());
      expect(await contactsNamed(lastName)).toEqual([{ id: first.json().id }]);

      const other = await createContact(key, { ...body, firstName: 'Bea' });
      expect(other.statusCode).toBe(422);
      expect(other.json().error.code).toBe('idempotency_key_reused');
      expect(await contactsNamed(lastName)).toHaveLength(1);
    });

    it('answers 409 while the first request with the key is still in flight', async () => {
      const lastName = unique('InFlight');
      const body = { firstName: 'Ana', lastName };
      const key = newId();
      const [first, second] = await Promise.all([createContact(key, body), createContact(key, body)]);
      const statuses = [first.statusCode, second.statusCode].sort();
      // Both may also finish one after the other, the second then replayed.
      if (statuses[1] === 409) {
        expect(statuses).toEqual([201, 409]);
        const loser = first.statusCode === 409 ? first : second;
        expect(loser.json().error.code).toBe('request_in_flight');
        expect(loser.headers['retry-after']).toBe('1');
      } else expect(statuses).toEqual([201, 201]);
      expect(await contactsNamed(lastName)).toHaveLength(1);
    });

    it('scopes keys per principal and operation, and frees a key whose first request failed', async () => {
      const key = newId();
      const lastName = unique('Scoped');
      const body = { firstName: 'Ana', lastName };
      const otherStaff = await signInStaff(testApp.app, await createStaffMember(testApp.deps));
      expect((await createContact(key, body)).statusCode).toBe(201);
      expect((await createContact(key, body, otherStaff)).statusCode).toBe(201);
      expect(await contactsNamed(lastName)).toHaveLength(2);
      const property = await testApp.app.inject({
        method: 'POST',
        url: '/api/staff/properties',
        headers: { cookie, 'idempotency-key': key },
        payload: { name: unique('Idempotent Lofts') },
      });
      expect(property.statusCode, property.body).toBe(201);

      const failingKey = newId();
      const invalid = await createContact(failingKey, { ...body, phone: '555-01' });
      expect(invalid.statusCode).toBe(400);
      expect((await createContact(failingKey, body)).statusCode).toBe(201);
      expect((await createContact('not a valid key', body)).statusCode).toBe(400);
    });

    it('forgets a key after 24 hours (the retention purge removes it)', async () => {
      const lastName = unique('Expired');
      const key = newId();
      const body = { firstName: 'Ana', lastName };
      const staff = await createStaffMember(testApp.deps);
      expect((await createContact(key, body, await signInStaff(testApp.app, staff))).statusCode).toBe(201);
      testApp.clock.advanceSeconds(24 * 60 * 60 - 1);
      // Sessions do not last a day: the same staff member signs in again.
      const later = await signInStaff(testApp.app, staff);
      expect((await createContact(key, body, later)).headers['idempotent-replayed']).toBe('true');
      expect(await testApp.deps.idempotency.purgeExpired()).toBe(0);
      testApp.clock.advanceSeconds(1);
      const again = await createContact(key, body, later);
      expect(again.statusCode).toBe(201);
      expect(again.headers['idempotent-replayed']).toBeUndefined();
      expect(await contactsNamed(lastName)).toHaveLength(2);

      testApp.clock.advanceSeconds(24 * 60 * 60);
      expect(await testApp.deps.idempotency.purgeExpired()).toBeGreaterThanOrEqual(1);
      const left = await testApp.deps.db.selectFrom('idempotencyKeys').select('key').where('key', '=', key).execute();
      expect(left).toEqual([]);
    });

    it('publishes the header on every create operation of the OpenAPI document', async () => {
      const document = (await testApp.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
        paths: Record<string, Record<string, { operationId: string; 'x-idempotent'?: boolean }>>;
      };
      const creates = Object.values(document.paths)
        .flatMap((methods) => Object.values(methods))
        .filter((operation) => operation['x-idempotent'])
        .map((operation) => operation.operationId)
        .sort();
      // POSTs answering 201 or 202, and three that create with 200 (a link, a login, a note).
      expect(creates).toEqual([
        'addRegistrationNote',
        'createAccountService',
        'createContact',
        'createFloorplan',
        'createManagementCompany',
        'createPortalCustomService',
        'createPro',
        'createProperty',
        'createReworkLine',
        'createService',
        'createTurn',
        'createUnit',
        'createUnits',
        'grantPortalAccess',
        'linkContactToAccount',
        'registerWithPortalKey',
        'reportServiceIssue',
        'requestAddOn',
        'requestCustomerPasswordReset',
        'requestPortalRegistration',
        'requestProAddOn',
        'requestProSignInLink',
        'sendTestMessage',
        'uploadPortalIssuePhoto',
        'uploadProPhoto',
      ]);
    });
  });
});
