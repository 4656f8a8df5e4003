import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { systemActor } from '../../actor.ts';
import { createAccount, createContact, createStaffMember, signInStaff, unique } from '../../../../test/factories.ts';
import { createTestApp, type TestApp } from '../../../../test/test-app.ts';

describe('registration queue', () => {
  let testApp: TestApp;
  let cookie: string;
  let adminCookie: string;
  let address = 0;

  beforeAll(async () => {
    testApp = await createTestApp();
    adminCookie = await signInStaff(testApp.app, await createStaffMember(testApp.deps, { role: 'admin' }));
    cookie = await signInStaff(testApp.app, await createStaffMember(testApp.deps, { role: 'psm', name: 'Pat Queue' }));
    const settings = (
      await testApp.app.inject({ method: 'GET', url: '/api/staff/registration-settings', headers: { cookie } })
    ).json();
    const steps = settings.steps.map(({ id, name, action }: { id: string; name: string; action: string }) => ({
      id,
      name,
      action,
    }));
    const enabled = await testApp.app.inject({
      method: 'PUT',
      url: '/api/staff/registration-settings',
      headers: { cookie: adminCookie },
      payload: { selfRegistrationEnabled: true, replyStaffRole: settings.replyStaffRole, steps },
    });
    expect(enabled.statusCode, enabled.body).toBe(200);
  });
  afterAll(() => testApp.close());

  /** Files a request the way a visitor does and returns its id. */
  async function fileRequest(overrides: Record<string, string> = {}) {
    address += 1;
    const email = overrides.email ?? `${unique('visitor')}@customer.test`;
    const response = await testApp.app.inject({
      method: 'POST',
      url: '/api/portal/registration-requests',
      remoteAddress: `10.4.0.${address}`,
      payload: { firstName: 'Ada', lastName: 'Stone', email, propertyName: 'Harbor Point Lofts', ...overrides },
    });
    expect(response.statusCode, response.body).toBe(202);
    const row = await testApp.deps.db
      .selectFrom('registrationRequests')
      .select('id')
      .where('emailNormalized', '=', email.toLowerCase())
      .executeTakeFirstOrThrow();
    return { id: row.id, email };
  }

  const staffCall = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
    testApp.app.inject({
      method,
      url,
      headers: { cookie },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });

  it('lists requests by state and finds them by what the visitor sent', async () => {
    const marker = unique('Marker');
    const request = await fileRequest({ propertyName: `${marker} Apartments` });
    const open = (
      await staffCall(
        'GET',
        `/api/staff/registration-requests?state=open&search=${encodeURIComponent(marker.toLowerCase())}`,
      )
    ).json();
    expect(open.items.map((item: { id: string }) => item.id)).toEqual([request.id]);
    expect(open.items[0]).toMatchObject({
      state: 'open',
      account: null,
      currentStep: { position: 1, name: 'Match to account' },
    });
    const closed = (
      await staffCall('GET', `/api/staff/registration-requests?state=closed&search=${encodeURIComponent(marker)}`)
    ).json();
    expect(closed.items).toEqual([]);
  });

  it('matches a request to an existing contact, adds the submitted email as an "other" email, and sends the key', async () => {
    const account = await createAccount(testApp.deps);
    const contact = await createContact(testApp.deps, {
      accountIds: [account.id],
      firstName: 'Ada',
      lastName: 'Stone',
    });
    const request = await fileRequest({ accountNumber: account.accountNumber });
    // Visitor replies go to the configured role (support by default).
    const support = await createStaffMember(testApp.deps, { role: 'support' });

    const accounts = (
      await staffCall(
        'GET',
        `/api/staff/registration-requests/${request.id}/account-candidates?search=${encodeURIComponent(account.accountNumber)}`,
      )
    ).json();
    expect(accounts.items.map((item: { id: string }) => item.id)).toContain(account.id);
    const contacts = (
      await staffCall(
        'GET',
        `/api/staff/registration-requests/${request.id}/contact-candidates?accountId=${account.id}&search=stone`,
      )
    ).json();
    expect(contacts.items.map((item: { id: string }) => item.id)).toEqual([contact.id]);

    const matched = await staffCall('POST', `/api/staff/registration-requests/${request.id}/match`, {
      accountId: account.id,
      contactId: contact.id,
      addEmailToContact: true,
    });
    expect(matched.statusCode, matched.body).toBe(200);
    expect(matched.json()).toMatchObject({
      state: 'matched',
      account: { id: account.id },
      contact: { id: contact.id },
      assignedStaff: { name: 'Pat Queue' },
    });
    expect(matched.json().contact.emails).toEqual([
      { email: contact.emails[0], kind: 'primary' },
      { email: request.email, kind: 'other' },
    ]);

    const preview = await staffCall('GET', `/api/staff/registration-requests/${request.id}/portal-key-email`);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json().to).toEqual([request.email]);
    expect(preview.json().text).toContain(account.accountNumber);
    expect(preview.json().text).toContain(account.portalKey);
    // A preview sends nothing.
    expect(
      await testApp.deps.db
        .selectFrom('outboxMessages')
        .select('id')
        .where('kind', '=', 'registration.portal_key')
        .where('accountId', '=', account.id)
        .execute(),
    ).toHaveLength(0);

    const steps = matched.json().steps as Array<{ id: string; action: string }>;
    const sendStep = steps.find((step) => step.action === 'send_portal_key')!;
    const moved = await staffCall('POST', `/api/staff/registration-requests/${request.id}/step`, {
      stepId: sendStep.id,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ currentStep: { id: sendStep.id, position: 2, name: 'Send portal key' } });
    expect(moved.json().portalKeySentAt).not.toBeNull();

    const messages = await testApp.deps.db
      .selectFrom('outboxMessages')
      .selectAll()
      .where('kind', '=', 'registration.portal_key')
      .where('accountId', '=', account.id)
      .execute();
    expect(messages).toHaveLength(1);
    expect(JSON.parse(messages[0]!.recipientsJson)).toEqual([request.email]);
    expect(JSON.parse(messages[0]!.replyToJson!)).toEqual([support.email]);
    expect(preview.json().replyTo).toEqual([support.email]);
    const payload = JSON.parse(messages[0]!.payloadJson!);
    expect(payload.account).toMatchObject({ number: account.accountNumber, portalKey: account.portalKey });
    const audit = await testApp.deps.db
      .selectFrom('auditEvents')
      .select(['action', 'afterJson'])
      .where('subjectId', '=', request.id)
      .execute();
    expect(audit.map((row) => row.action)).toEqual(
      expect.arrayContaining([
        'registration_request.matched',
        'registration_request.step_changed',
        'registration_request.portal_key_sent',
      ]),
    );
    expect(JSON.stringify(audit)).not.toContain(account.portalKey);
  });

  it('creates the contact from the request when staff choose to', async () => {
    const account = await createAccount(testApp.deps);
    const request = await fileRequest({ firstName: 'Noor', lastName: 'Haddad' });
    const matched = await staffCall('POST', `/api/staff/registration-requests/${request.id}/match`, {
      accountId: account.id,
      contactId: null,
    });
    expect(matched.statusCode, matched.body).toBe(200);
    expect(matched.json().contact).toMatchObject({
      firstName: 'Noor',
      lastName: 'Haddad',
      emails: [{ email: request.email, kind: 'primary' }],
    });
    const linked = await testApp.deps.db
      .selectFrom('accountContacts')
      .select('contactId')
      .where('accountId', '=', account.id)
      .execute();
    expect(linked.map((row) => row.contactId)).toEqual([matched.json().contact.id]);
  });

  it('refuses a contact of another account and sending the key before a match', async () => {
    const account = await createAccount(testApp.deps);
    const elsewhere = await createAccount(testApp.deps);
    const stranger = await createContact(testApp.deps, { accountIds: [elsewhere.id] });
    const request = await fileRequest();
    const wrong = await staffCall('POST', `/api/staff/registration-requests/${request.id}/match`, {
      accountId: account.id,
      contactId: stranger.id,
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields[0].path).toBe('contactId');
    const early = await staffCall('POST', `/api/staff/registration-requests/${request.id}/portal-key-email`);
    expect(early.statusCode).toBe(409);
    expect(
      await testApp.deps.db
        .selectFrom('outboxMessages')
        .select('id')
        .where('kind', '=', 'registration.portal_key')
        .where('recipientsJson', 'like', `%${request.email}%`)
        .execute(),
    ).toHaveLength(0);
  });

  it('closes a request with a reason, after which it cannot move', async () => {
    const request = await fileRequest();
    const closed = await staffCall('POST', `/api/staff/registration-requests/${request.id}/close`, {
      reason: 'spam',
      note: 'Not a customer',
    });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ state: 'closed', closeReason: 'spam', currentStep: { name: 'Closed' } });
    expect(closed.json().events.map((event: { kind: string }) => event.kind)).toEqual(['submitted', 'closed']);
    const again = await staffCall('POST', `/api/staff/registration-requests/${request.id}/close`, { reason: 'other' });
    expect(again.statusCode).toBe(409);
  });

  it('answers 404 for an unknown request', async () => {
    expect(
      (await staffCall('GET', '/api/staff/registration-requests/01900000-0000-7000-8000-00000000beef')).statusCode,
    ).toBe(404);
  });

  it('lets admins reshape the steps but keeps one key step and the closing step last', async () => {
    const settings = (await staffCall('GET', '/api/staff/registration-settings')).json();
    const [match, send, close] = settings.steps;
    const broken = await testApp.app.inject({
      method: 'PUT',
      url: '/api/staff/registration-settings',
      headers: { cookie: adminCookie },
      payload: {
        selfRegistrationEnabled: settings.selfRegistrationEnabled,
        replyStaffRole: settings.replyStaffRole,
        steps: [
          { id: close.id, name: close.name, action: close.action },
          { id: match.id, name: match.name, action: match.action },
          { id: send.id, name: send.name, action: send.action },
        ],
      },
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.fields[0].path).toBe('steps');

    const reshaped = await testApp.app.inject({
      method: 'PUT',
      url: '/api/staff/registration-settings',
      headers: { cookie: adminCookie },
      payload: {
        selfRegistrationEnabled: true,
        replyStaffRole: 'psm',
        steps: [
          { id: match.id, name: 'Find the account', action: 'none' },
          { id: null, name: 'Call the visitor', action: 'none' },
          { id: send.id, name: send.name, action: send.action },
          { id: close.id, name: close.name, action: close.action },
        ],
      },
    });
    expect(reshaped.statusCode, reshaped.body).toBe(200);
    expect(reshaped.json().replyStaffRole).toBe('psm');
    expect(
      reshaped.json().steps.map((step: { position: number; name: string }) => `${step.position} ${step.name}`),
    ).toEqual(['1 Find the account', '2 Call the visitor', '3 Send portal key', '4 Closed']);
  });
});

describe('bulk portal logins', () => {
  let testApp: TestApp;
  let cookie: string;

  beforeAll(async () => {
    testApp = await createTestApp();
  });
  afterAll(() => testApp.close());
  // Tests move the clock past the staff idle timeout, so each signs in afresh.
  beforeEach(async () => {
    cookie = await signInStaff(testApp.app, await createStaffMember(testApp.deps, { role: 'psm' }));
  });

  const TABLES = [
    'outboxMessages',
    'auditEvents',
    'contacts',
    'contactEmails',
    'accountContacts',
    'portalLogins',
    'accessTokens',
    'accessEvents',
  ] as const;

  async function countRows(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const table of TABLES) {
      const row = await testApp.deps.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .executeTakeFirstOrThrow();
      counts[table] = Number(row.count);
    }
    return counts;
  }

  const grant = (contactId: string, portalEmail: string, sendCredentialCreateEmail: boolean) =>
    testApp.deps.portalAccess.staffAccess.grantAccess({
      contactId,
      portalEmail,
      sendCredentialCreateEmail,
      actor: systemActor,
    });

  it('previews who gets a setup link and who is skipped, writing nothing', async () => {
    const account = await createAccount(testApp.deps);
    const ready = await createContact(testApp.deps, { accountIds: [account.id], lastName: 'Alpha' });
    await grant(ready.id, ready.emails[0]!, false);
    const invited = await createContact(testApp.deps, { accountIds: [account.id], lastName: 'Beta' });
    await grant(invited.id, invited.emails[0]!, true);
    const noAccess = await createContact(testApp.deps, { accountIds: [account.id], lastName: 'Gamma' });
    const setUp = await createContact(testApp.deps, { accountIds: [account.id], lastName: 'Delta' });
    await testApp.deps.db.transaction().execute((trx) =>
      testApp.deps.portalAccess.createSelfRegisteredLogin(trx, {
        contactId: setUp.id,
        email: setUp.emails[0]!,
        password: 'lantern orchard velvet canyon',
        actor: systemActor,
      }),
    );

    const before = await countRows();
    const response = await testApp.app.inject({
      method: 'GET',
      url: `/api/staff/accounts/${account.id}/bulk-portal-logins`,
      headers: { cookie },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(await countRows()).toEqual(before);

    const plan = response.json();
    expect(plan.invite).toEqual([
      { contactId: ready.id, name: `${ready.firstName} ${ready.lastName}`, email: ready.emails[0] },
    ]);
    expect(
      plan.skipped.map(({ contactId, reason }: { contactId: string; reason: string }) => [contactId, reason]),
    ).toEqual([
      [invited.id, 'recently_invited'],
      [setUp.id, 'already_set_up'],
      [noAccess.id, 'no_portal_access'],
    ]);
    // An hour later the unanswered invitation may be sent again.
    testApp.clock.advanceSeconds(3_601);
    cookie = await signInStaff(testApp.app, await createStaffMember(testApp.deps, { role: 'psm' }));
    const later = (
      await testApp.app.inject({
        method: 'GET',
        url: `/api/staff/accounts/${account.id}/bulk-portal-logins`,
        headers: { cookie },
      })
    ).json();
    expect(later.invite.map((entry: { contactId: string }) => entry.contactId).sort()).toEqual(
      [ready.id, invited.id].sort(),
    );
  });

  it('issues a setup link per planned contact and audits it', async () => {
    const account = await createAccount(testApp.deps);
    const contact = await createContact(testApp.deps, { accountIds: [account.id] });
    await grant(contact.id, contact.emails[0]!, false);
    const response = await testApp.app.inject({
      method: 'POST',
      url: `/api/staff/accounts/${account.id}/bulk-portal-logins`,
      headers: { cookie },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().issued.map((entry: { contactId: string }) => entry.contactId)).toEqual([contact.id]);
    const messages = await testApp.deps.db
      .selectFrom('outboxMessages')
      .select('recipientsJson')
      .where('contactId', '=', contact.id)
      .where('kind', '=', 'credential_create')
      .execute();
    expect(messages.map((row) => JSON.parse(row.recipientsJson))).toEqual([[contact.emails[0]]]);
    const audit = await testApp.deps.db
      .selectFrom('auditEvents')
      .select('action')
      .where('accountId', '=', account.id)
      .execute();
    expect(audit.map((row) => row.action)).toContain('account.portal_logins_generated');
    // Just invited: the next plan holds them back.
    const next = (
      await testApp.app.inject({
        method: 'GET',
        url: `/api/staff/accounts/${account.id}/bulk-portal-logins`,
        headers: { cookie },
      })
    ).json();
    expect(next.invite).toEqual([]);
  });

  it('invites nobody while the account’s portal access is off', async () => {
    const account = await createAccount(testApp.deps, { portalAccessEnabled: 0 });
    const contact = await createContact(testApp.deps, { accountIds: [account.id] });
    await grant(contact.id, contact.emails[0]!, false);
    const response = await testApp.app.inject({
      method: 'POST',
      url: `/api/staff/accounts/${account.id}/bulk-portal-logins`,
      headers: { cookie },
    });
    expect(response.json()).toMatchObject({
      issued: [],
      skipped: [{ contactId: contact.id, reason: 'account_access_off' }],
    });
  });

  it('answers 404 for an unknown account', async () => {
    const response = await testApp.app.inject({
      method: 'GET',
      url: '/api/staff/accounts/01900000-0000-7000-8000-00000000beef/bulk-portal-logins',
      headers: { cookie },
    });
    expect(response.statusCode).toBe(404);
  });
});
