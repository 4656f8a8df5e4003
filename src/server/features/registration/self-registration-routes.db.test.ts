import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAccount, createContact, createStaffMember, signInStaff, unique } from '../../../../test/factories.ts';
import { createTestApp, type TestApp } from '../../../../test/test-app.ts';

const PASSWORD = 'lantern orchard velvet canyon';

describe('self-registration', () => {
  let testApp: TestApp;
  let adminCookie: string;
  let address = 0;
  // Each test gets its own client address, so the per-address limits of one test never leak into another.
  let remoteAddress: string;

  beforeAll(async () => {
    testApp = await createTestApp();
    adminCookie = await signInStaff(testApp.app, await createStaffMember(testApp.deps, { role: 'admin' }));
  });
  afterAll(() => testApp.close());
  beforeEach(async () => {
    address += 1;
    remoteAddress = `10.1.0.${address}`;
    await setSelfRegistration(true);
  });

  async function setSelfRegistration(enabled: boolean) {
    const current = (
      await testApp.app.inject({
        method: 'GET',
        url: '/api/staff/registration-settings',
        headers: { cookie: adminCookie },
      })
    ).json();
    const response = await testApp.app.inject({
      method: 'PUT',
      url: '/api/staff/registration-settings',
      headers: { cookie: adminCookie },
      payload: {
        selfRegistrationEnabled: enabled,
        replyStaffRole: current.replyStaffRole,
        steps: current.steps.map(({ id, name, action }: { id: string; name: string; action: string }) => ({
          id,
          name,
          action,
        })),
      },
    });
    expect(response.statusCode, response.body).toBe(200);
  }

  // The sign-up's lookup and effects run in a deferred task; a worker would have run it by now.
  const register = async (payload: Record<string, string>, from = remoteAddress) => {
    const response = await testApp.app.inject({
      method: 'POST',
      url: '/api/portal/registrations',
      payload,
      remoteAddress: from,
    });
    await testApp.deps.deferredTasks.runDue();
    return response;
  };

  const requestLogin = (payload: Record<string, string>, from = remoteAddress) =>
    testApp.app.inject({ method: 'POST', url: '/api/portal/registration-requests', payload, remoteAddress: from });

  const visitor = (overrides: Record<string, string> = {}) => ({
    firstName: 'Robin',
    lastName: 'Hale',
    email: `${unique('visitor')}@customer.test`,
    password: PASSWORD,
    ...overrides,
  });

  const withoutRequestId = (body: string) => {
    const parsed = JSON.parse(body);
    return JSON.stringify({ ...parsed, error: { ...parsed.error, requestId: null } });
  };

  it('tells the portal whether sign-up is on, and refuses sign-ups while it is off', async () => {
    await setSelfRegistration(false);
    expect((await testApp.app.inject({ method: 'GET', url: '/api/portal/registration-settings' })).json()).toEqual({
      selfRegistrationEnabled: false,
    });
    const account = await createAccount(testApp.deps);
    const refused = await register({
      ...visitor(),
      accountNumber: account.accountNumber,
      portalKey: account.portalKey,
    });
    expect(refused.statusCode).toBe(403);
    expect((await requestLogin({ firstName: 'A', lastName: 'B', email: 'a@customer.test' })).statusCode).toBe(403);
    await setSelfRegistration(true);
    expect((await testApp.app.inject({ method: 'GET', url: '/api/portal/registration-settings' })).json()).toEqual({
      selfRegistrationEnabled: true,
    });
  });

  it('creates a login for a new contact of the account when key and number match', async () => {
    const account = await createAccount(testApp.deps);
    const details = visitor();
    const response = await register({
      ...details,
      accountNumber: account.accountNumber.toLowerCase(),
      portalKey: account.portalKey.toLowerCase(),
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toEqual({ status: 'verification_sent', email: details.email });
    const contact = await testApp.deps.db
      .selectFrom('contacts')
      .innerJoin('accountContacts', 'accountContacts.contactId', 'contacts.id')
      .innerJoin('contactEmails', 'contactEmails.contactId', 'contacts.id')
      .select(['contacts.id', 'contacts.firstName', 'contactEmails.kind'])
      .where('accountContacts.accountId', '=', account.id)
      .where('contactEmails.emailNormalized', '=', details.email)
      .executeTakeFirstOrThrow();
    expect(contact).toMatchObject({ firstName: 'Robin', kind: 'primary' });
    const login = await testApp.deps.portalAccess.findLoginByPortalEmail(testApp.deps.db, details.email);
    expect(login?.contactId).toBe(contact.id);
  });

  it('links the login to the account’s existing contact with that email', async () => {
    const account = await createAccount(testApp.deps);
    const email = `${unique('existing')}@customer.test`;
    const contact = await createContact(testApp.deps, { accountIds: [account.id], emails: [email] });
    const response = await register({
      ...visitor({ email: email.toUpperCase() }),
      accountNumber: account.accountNumber,
      portalKey: account.portalKey,
    });
    expect(response.statusCode, response.body).toBe(201);
    expect((await testApp.deps.portalAccess.findLoginByPortalEmail(testApp.deps.db, email))?.contactId).toBe(
      contact.id,
    );
    const contacts = await testApp.deps.db
      .selectFrom('accountContacts')
      .select('contactId')
      .where('accountId', '=', account.id)
      .execute();
    expect(contacts).toHaveLength(1);
  });

  it('answers every key and number mismatch identically, and creates nothing', async () => {
    const account = await createAccount(testApp.deps);
    const other = await createAccount(testApp.deps);
    const attempts = [
      { accountNumber: account.accountNumber, portalKey: other.portalKey }, // right number, another account's key
      { accountNumber: account.accountNumber, portalKey: 'AAAA-BBBB-CCCC-DDDD' }, // right number, made-up key
      { accountNumber: 'NO-SUCH-NUMBER', portalKey: account.portalKey }, // unknown number, a real key
      { accountNumber: unique('X'), portalKey: 'AAAA-BBBB-CCCC-DDDD' }, // nothing right
    ];
    const responses = [];
    for (const attempt of attempts) responses.push(await register({ ...visitor(), ...attempt }));
    for (const response of responses) {
      expect(response.statusCode).toBe(400);
      expect(withoutRequestId(response.body)).toBe(withoutRequestId(responses[0]!.body));
      expect(Object.keys(response.headers).sort()).toEqual(Object.keys(responses[0]!.headers).sort());
    }
    expect(responses[0]!.json().error.fields).toBeUndefined();
    const contacts = await testApp.deps.db
      .selectFrom('accountContacts')
      .select('contactId')
      .where('accountId', 'in', [account.id, other.id])
      .execute();
    expect(contacts).toHaveLength(0);
  });

  it('throttles guesses per account number, even from many addresses and with the right key, until the wait passes', async () => {
    const account = await createAccount(testApp.deps);
    for (let attempt = 0; attempt < 5; attempt++) {
      const response = await register(
        { ...visitor(), accountNumber: account.accountNumber, portalKey: 'AAAA-BBBB-CCCC-DDDD' },
        `10.2.${address}.${attempt}`,
      );
      expect(response.statusCode).toBe(400);
    }
    const blocked = await register(
      { ...visitor(), accountNumber: account.accountNumber, portalKey: account.portalKey },
      '10.3.0.1',
    );
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['retry-after']).toBe('60');
    // An unknown number is throttled the same way, so a lockout does not reveal which numbers exist.
    const ghost = unique('GHOST');
    for (let attempt = 0; attempt < 5; attempt++)
      await register({ ...visitor(), accountNumber: ghost, portalKey: 'AAAA-BBBB-CCCC-DDDD' });
    expect((await register({ ...visitor(), accountNumber: ghost, portalKey: 'AAAA-BBBB-CCCC-DDDD' })).statusCode).toBe(
      429,
    );
    testApp.clock.advanceSeconds(61);
    const allowed = await register(
      { ...visitor(), accountNumber: account.accountNumber, portalKey: account.portalKey },
      '10.3.0.1',
    );
    expect(allowed.statusCode, allowed.body).toBe(201);
  });

  it('rejects a weak password next to the field before looking at the key', async () => {
    const response = await register({ ...visitor({ password: 'short' }), accountNumber: 'ANY', portalKey: 'ANY' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields[0].path).toBe('password');
    const failures = await testApp.deps.db
      .selectFrom('loginThrottles')
      .select('key')
      .where('key', '=', 'registration:account:ANY')
      .execute();
    expect(failures).toHaveLength(0);
  });

  it('files an orphan request for staff', async () => {
    const email = `${unique('orphan')}@customer.test`;
    const response = await requestLogin({
      firstName: 'Ada',
      lastName: 'Stone',
      email,
      phone: '512-555-0100',
      propertyName: 'Harbor Point Lofts',
      address: '100 Main St',
      accountNumber: 'pr-2001',
    });
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({ status: 'received' });
    const request = await testApp.deps.db
      .selectFrom('registrationRequests')
      .selectAll()
      .where('emailNormalized', '=', email)
      .executeTakeFirstOrThrow();
    expect(request).toMatchObject({
      state: 'open',
      accountId: null,
      closeReason: null,
      submittedAccountNumber: 'PR-2001',
      propertyName: 'Harbor Point Lofts',
    });
  });

  it('closes a request for an email that already has a login, answering the visitor exactly as for any request', async () => {
    const account = await createAccount(testApp.deps);
    const details = visitor();
    expect(
      (await register({ ...details, accountNumber: account.accountNumber, portalKey: account.portalKey })).statusCode,
    ).toBe(201);

    const fresh = await requestLogin({
      firstName: 'New',
      lastName: 'Person',
      email: `${unique('fresh')}@customer.test`,
    });
    const existing = await requestLogin({ firstName: 'Robin', lastName: 'Hale', email: details.email.toUpperCase() });
    expect(existing.statusCode).toBe(fresh.statusCode);
    expect(existing.body).toBe(fresh.body);

    const request = await testApp.deps.db
      .selectFrom('registrationRequests')
      .selectAll()
      .where('emailNormalized', '=', details.email)
      .executeTakeFirstOrThrow();
    expect(request).toMatchObject({ state: 'closed', closeReason: 'login_exists' });
    expect(request.closedAt).not.toBeNull();
    const told = await testApp.deps.db
      .selectFrom('outboxMessages')
      .select('recipientsJson')
      .where('kind', '=', 'registration.login_exists')
      .execute();
    expect(told.map((row) => JSON.parse(row.recipientsJson))).toContainEqual([details.email]);
  });

  it('closes the visitor’s pending request once they sign up with the key', async () => {
    const account = await createAccount(testApp.deps);
    const details = visitor();
    expect((await requestLogin({ firstName: 'Robin', lastName: 'Hale', email: details.email })).statusCode).toBe(202);
    expect(
      (await register({ ...details, accountNumber: account.accountNumber, portalKey: account.portalKey })).statusCode,
    ).toBe(201);
    const request = await testApp.deps.db
      .selectFrom('registrationRequests')
      .selectAll()
      .where('emailNormalized', '=', details.email)
      .executeTakeFirstOrThrow();
    expect(request).toMatchObject({ state: 'closed', closeReason: 'registered' });
  });

  it('limits how many requests one address files', async () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      expect(
        (await requestLogin({ firstName: 'Spam', lastName: 'Bot', email: `${unique('spam')}@customer.test` }))
          .statusCode,
      ).toBe(202);
    }
    const blocked = await requestLogin({
      firstName: 'Spam',
      lastName: 'Bot',
      email: `${unique('spam')}@customer.test`,
    });
    expect(blocked.statusCode).toBe(429);
    expect(
      (
        await requestLogin(
          { firstName: 'Real', lastName: 'Person', email: `${unique('real')}@customer.test` },
          '10.9.9.9',
        )
      ).statusCode,
    ).toBe(202);
  });
});
