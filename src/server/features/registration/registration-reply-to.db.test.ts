import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, createContact, createStaffMember, signInStaff, unique } from '../../../../test/factories.ts';
import { createTestApp, type TestApp } from '../../../../test/test-app.ts';

describe('replies to the portal-key email', () => {
  let testApp: TestApp;
  let cookie: string;
  beforeAll(async () => {
    testApp = await createTestApp();
    const adminCookie = await signInStaff(testApp.app, await createStaffMember(testApp.deps, { role: 'admin' }));
    cookie = await signInStaff(testApp.app, await createStaffMember(testApp.deps, { role: 'psm' }));
    const settings = (await staffCall('GET', '/api/staff/registration-settings')).json();
    const enabled = await testApp.app.inject({
      method: 'PUT',
      url: '/api/staff/registration-settings',
      headers: { cookie: adminCookie },
      payload: {
        selfRegistrationEnabled: true,
        replyStaffRole: settings.replyStaffRole,
        steps: settings.steps.map(({ id, name, action }: { id: string; name: string; action: string }) => ({
          id,
          name,
          action,
        })),
      },
    });
    expect(enabled.statusCode, enabled.body).toBe(200);
  });
  afterAll(() => testApp.close());

  const staffCall = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
    testApp.app.inject({
      method,
      url,
      headers: { cookie },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });

  async function fileRequest(accountNumber: string) {
    const email = `${unique('visitor')}@customer.test`;
    const response = await testApp.app.inject({
      method: 'POST',
      url: '/api/portal/registration-requests',
      payload: { firstName: 'Ada', lastName: 'Stone', email, propertyName: 'Harbor Point Lofts', accountNumber },
    });
    expect(response.statusCode, response.body).toBe(202);
    return testApp.deps.db
      .selectFrom('registrationRequests')
      .select('id')
      .where('emailNormalized', '=', email)
      .executeTakeFirstOrThrow();
  }

  it('sends replies to the admins while nobody has the chosen role, and the settings say so', async () => {
    const settings = (await staffCall('GET', '/api/staff/registration-settings')).json();
    expect(settings.replyStaffRole).toBe('support');
    expect(settings.activeStaffByRole).toMatchObject({ support: 0, psm: 1 });
    const account = await createAccount(testApp.deps);
    const contact = await createContact(testApp.deps, {
      accountIds: [account.id],
      firstName: 'Ada',
      lastName: 'Stone',
    });
    const request = await fileRequest(account.accountNumber);
    const matched = await staffCall('POST', `/api/staff/registration-requests/${request.id}/match`, {
      accountId: account.id,
      contactId: contact.id,
      addEmailToContact: false,
    });
    expect(matched.statusCode, matched.body).toBe(200);
    const preview = (await staffCall('GET', `/api/staff/registration-requests/${request.id}/portal-key-email`)).json();
    const admins = await testApp.deps.db
      .selectFrom('staffMembers')
      .select('email')
      .where('role', '=', 'admin')
      .orderBy('email')
      .execute();
    expect(preview.replyTo).toEqual(admins.map((admin) => admin.email));
    expect(preview.replyTo.length).toBeGreaterThan(0);
  });
});
