import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, createContact, createStaffMember, signInStaff } from '../../../../test/factories.ts';
import { createTestApp, type TestApp } from '../../../../test/test-app.ts';

describe('contact preferences and the add-on request policy (onboard answers)', () => {
  let testApp: TestApp;
  let cookie: string;

  beforeAll(async () => {
    testApp = await createTestApp();
    cookie = await signInStaff(testApp.app, await createStaffMember(testApp.deps));
  });
  afterAll(() => testApp.close());

  const call = (method: 'GET' | 'PUT', url: string, payload?: object) =>
    testApp.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

  it('defaults a contact to email and schedule changes allowed, then saves and audits new preferences', async () => {
    const account = await createAccount(testApp.deps);
    const contact = await createContact(testApp.deps, { accountIds: [account.id] });
    expect((await call('GET', `/api/staff/contacts/${contact.id}`)).json()).toMatchObject({
      notificationChannel: 'email',
      mayChangeSchedule: true,
    });
    const saved = await call('PUT', `/api/staff/contacts/${contact.id}/preferences`, {
      notificationChannel: 'sms',
      mayChangeSchedule: false,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ notificationChannel: 'sms', mayChangeSchedule: false });
    const row = await testApp.deps.db
      .selectFrom('contacts')
      .select(['notificationChannel', 'mayChangeSchedule'])
      .where('id', '=', contact.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ notificationChannel: 'sms', mayChangeSchedule: 0 });
    const audit = await testApp.deps.db
      .selectFrom('auditEvents')
      .selectAll()
      .where('subjectId', '=', contact.id)
      .where('action', '=', 'contact.preferences_updated')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.afterJson!)).toEqual({ notificationChannel: 'sms', mayChangeSchedule: 0 });
  });

  it('refuses an unknown channel and an unknown contact', async () => {
    const account = await createAccount(testApp.deps);
    const contact = await createContact(testApp.deps, { accountIds: [account.id] });
    const refused = await call('PUT', `/api/staff/contacts/${contact.id}/preferences`, {
      notificationChannel: 'pager',
      mayChangeSchedule: true,
    });
    expect(refused.statusCode).toBe(400);
    const missing = await call('PUT', '/api/staff/contacts/01900000-0000-7000-8000-000000000000/preferences', {
      notificationChannel: 'email',
      mayChangeSchedule: true,
    });
    expect(missing.statusCode).toBe(404);
  });

  it('keeps the service profile’s photo and pro-request flags when a save omits them', async () => {
    const property = await createAccount(testApp.deps);
    const url = `/api/staff/accounts/${property.id}/service-profile`;
    expect((await call('GET', url)).json()).toMatchObject({ addonPhotosRequired: false, proRequestsDirect: true });
    const base = { turnProfileAllServices: true, addonApprovalMethod: 'customer_approves' };
    const saved = await call('PUT', url, { ...base, addonPhotosRequired: true, proRequestsDirect: false });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ addonPhotosRequired: true, proRequestsDirect: false });
    expect((await call('PUT', url, base)).json()).toMatchObject({
      addonPhotosRequired: true,
      proRequestsDirect: false,
    });
  });
});
