import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, createContact, createStaffMember, signInStaff, unique } from '../../../../test/factories.ts';
import { createTestApp, type TestApp } from '../../../../test/test-app.ts';

describe('contacts and the onboarding checklist API', () => {
  let testApp: TestApp;
  let cookie: string;
  let staff: Awaited<ReturnType<typeof createStaffMember>>;

  beforeAll(async () => {
    testApp = await createTestApp();
    staff = await createStaffMember(testApp.deps, { name: 'Casey Jordan Quinn' });
    cookie = await signInStaff(testApp.app, staff);
  });
  afterAll(() => testApp.close());

  const request = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    testApp.app.inject({
      method,
      url,
      headers: { cookie },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  it('creates a contact on an account with E.164 phone, several primary emails and the account as main', async () => {
    const account = await createAccount(testApp.deps);
    const response = await request('POST', '/api/staff/contacts', {
      firstName: 'Ana',
      lastName: 'Ortiz',
      title: 'Property Manager',
      phone: '(512) 555-0142',
      primaryEmails: ['ana@customer.test', 'office@customer.test'],
      otherEmails: ['ana.personal@example.test'],
      accountIds: [account.id],
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      phone: '+15125550142',
      primaryEmails: ['ana@customer.test', 'office@customer.test'],
      otherEmails: ['ana.personal@example.test'],
      mainAccountId: account.id,
      accounts: [{ id: account.id }],
    });
    const list = (await request('GET', `/api/staff/accounts/${account.id}/contacts`)).json();
    expect(list.items).toEqual([
      expect.objectContaining({
        id: response.json().id,
        mainAccountName: account.name,
        isStaff: false,
        primaryEmails: ['ana@customer.test', 'office@customer.test'],
      }),
    ]);
    const audit = await testApp.deps.db
      .selectFrom('auditEvents')
      .selectAll()
      .where('subjectId', '=', response.json().id)
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'contact.created', accountId: account.id, actorId: staff.id });
  });

  it('answers a bad phone and a repeated email with field errors and saves nothing', async () => {
    const lastName = unique('Nobody');
    const response = await request('POST', '/api/staff/contacts', {
      firstName: 'Bad',
      lastName,
      phone: '555-01',
      primaryEmails: ['x@customer.test'],
      otherEmails: ['X@customer.test'],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toEqual([
      { path: 'phone', message: 'Enter a valid phone number, e.g. +15125550100' },
      { path: 'otherEmails.0', message: 'X@customer.test is listed twice' },
    ]);
    expect(
      await testApp.deps.db.selectFrom('contacts').select('id').where('lastName', '=', lastName).execute(),
    ).toEqual([]);
    const badEmail = await request('POST', '/api/staff/contacts', {
      firstName: 'Bad',
      lastName,
      primaryEmails: ['not-an-email'],
    });
    expect(badEmail.statusCode).toBe(400);
    expect(badEmail.json().error.fields[0].path).toBe('primaryEmails.0');
  });

  it('updates a contact, requires the main account to be a linked one, and audits before/after', async () => {
    const property = await createAccount(testApp.deps);
    const company = await createAccount(testApp.deps, { kind: 'management_company' });
    const contact = await createContact(testApp.deps, { accountIds: [property.id], emails: ['lee@customer.test'] });
    const body = {
      firstName: 'Lee',
      lastName: contact.lastName,
      title: null,
      phone: '+1 512 555 0100',
      primaryEmails: ['lee@customer.test', 'lee2@customer.test'],
      otherEmails: [],
      mainAccountId: company.id,
    };
    const notLinked = await request('PUT', `/api/staff/contacts/${contact.id}`, body);
    expect(notLinked.statusCode).toBe(400);
    expect(notLinked.json().error.fields).toEqual([
      { path: 'mainAccountId', message: 'Link the contact to this account first' },
    ]);

    expect(
      (await request('POST', `/api/staff/accounts/${company.id}/contacts`, { contactId: contact.id })).statusCode,
    ).toBe(200);
    const updated = await request('PUT', `/api/staff/contacts/${contact.id}`, body);
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({
      firstName: 'Lee',
      phone: '+15125550100',
      mainAccountId: company.id,
      primaryEmails: ['lee@customer.test', 'lee2@customer.test'],
    });
    expect(
      updated
        .json()
        .accounts.map((account: { id: string }) => account.id)
        .sort(),
    ).toEqual([property.id, company.id].sort());
    const event = await testApp.deps.db
      .selectFrom('auditEvents')
      .selectAll()
      .where('subjectId', '=', contact.id)
      .where('action', '=', 'contact.updated')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(event.beforeJson!)).toEqual({
      firstName: 'Pat',
      title: 'Community Manager',
      phone: null,
      mainAccountId: property.id,
      primaryEmails: ['lee@customer.test'],
    });
    expect(JSON.parse(event.afterJson!)).toEqual({
      firstName: 'Lee',
      title: null,
      phone: '+15125550100',
      mainAccountId: company.id,
      primaryEmails: ['lee@customer.test', 'lee2@customer.test'],
    });

    // Unlinking the main account clears it, so the checklist asks for a new one.
    expect((await request('DELETE', `/api/staff/accounts/${company.id}/contacts/${contact.id}`)).statusCode).toBe(204);
    const after = (await request('GET', `/api/staff/contacts/${contact.id}`)).json();
    expect(after).toMatchObject({ mainAccountId: null, accounts: [{ id: property.id }] });
    expect((await request('DELETE', `/api/staff/accounts/${company.id}/contacts/${contact.id}`)).statusCode).toBe(404);
  });

  it('finds contacts by name or email for linking', async () => {
    const account = await createAccount(testApp.deps);
    const tag = unique('findme').toLowerCase();
    const contact = await createContact(testApp.deps, {
      accountIds: [account.id],
      lastName: `Zed${tag}`,
      emails: [`${tag}@mail.test`],
    });
    const byName = (await request('GET', `/api/staff/contacts?search=${encodeURIComponent(`pat zed${tag}`)}`)).json();
    expect(byName.items.map((item: { id: string }) => item.id)).toEqual([contact.id]);
    const byEmail = (await request('GET', `/api/staff/contacts?search=${encodeURIComponent(`${tag}@MAIL`)}`)).json();
    expect(byEmail.items).toEqual([expect.objectContaining({ id: contact.id, primaryEmails: [`${tag}@mail.test`] })]);
  });

  it('adds the signed-in staff member to an account once, reusing their contact record across accounts', async () => {
    const first = await createAccount(testApp.deps);
    const second = await createAccount(testApp.deps);
    const added = await request('POST', `/api/staff/accounts/${first.id}/contacts/me`);
    expect(added.statusCode).toBe(200);
    expect(added.json()).toMatchObject({
      firstName: 'Casey',
      lastName: 'Jordan Quinn',
      staffMemberId: staff.id,
      primaryEmails: [staff.email],
      mainAccountId: first.id,
    });
    await request('POST', `/api/staff/accounts/${first.id}/contacts/me`);
    const again = await request('POST', `/api/staff/accounts/${second.id}/contacts/me`);
    expect(again.json().id).toBe(added.json().id);
    expect(again.json().accounts).toHaveLength(2);
    const list = (await request('GET', `/api/staff/accounts/${first.id}/contacts`)).json();
    expect(list.items).toEqual([expect.objectContaining({ id: added.json().id, isStaff: true })]);
  });

  it('computes the onboarding checklist from the data and records manual check-offs with who and when', async () => {
    const account = await createAccount(testApp.deps, { status: 'prospect', portalAccessEnabled: 0 });
    const other = await createAccount(testApp.deps);
    const contact = await createContact(testApp.deps, { accountIds: [account.id], firstName: 'Mo', lastName: 'Reyes' });
    await testApp.deps.db
      .updateTable('contacts')
      .set({ mainAccountId: other.id })
      .where('id', '=', contact.id)
      .execute();

    const itemsOf = async () =>
      (await request('GET', `/api/staff/accounts/${account.id}/onboarding`)).json().items as Array<{
        key: string;
        done: boolean;
        hint: string | null;
        checkedByName: string | null;
        checkedAt: string | null;
        source: string;
      }>;
    const doneByKey = (items: Awaited<ReturnType<typeof itemsOf>>) =>
      Object.fromEntries(items.map((item) => [item.key, item.done]));
    const before = await itemsOf();
    expect(doneByKey(before)).toMatchObject({
      account_current: false,
      portal_access_activated: false,
      staff_contact_linked: false,
      contacts_main_account: false,
      portal_checked_services: false,
    });
    expect(before.find((item) => item.key === 'contacts_main_account')?.hint).toBe(
      'Set the main property for Mo Reyes.',
    );

    await request('PUT', `/api/staff/accounts/${account.id}/status`, { status: 'current' });
    await request('PUT', `/api/staff/accounts/${account.id}/portal-access`, { enabled: true });
    await request('POST', `/api/staff/accounts/${account.id}/contacts/me`);
    await request('PUT', `/api/staff/contacts/${contact.id}`, {
      firstName: 'Mo',
      lastName: 'Reyes',
      primaryEmails: contact.emails,
      mainAccountId: account.id,
    });
    testApp.clock.advanceSeconds(60);
    const checked = await request('PUT', `/api/staff/accounts/${account.id}/onboarding/portal_checked_services`, {
      done: true,
    });
    expect(checked.statusCode).toBe(200);
    const after = checked.json().items as Awaited<ReturnType<typeof itemsOf>>;
    expect(doneByKey(after)).toMatchObject({
      account_current: true,
      portal_access_activated: true,
      staff_contact_linked: true,
      contacts_main_account: true,
      portal_checked_services: true,
      day_of_password_resets: false,
    });
    expect(after.find((item) => item.key === 'portal_checked_services')).toMatchObject({
      source: 'manual',
      checkedByName: 'Casey Jordan Quinn',
      checkedAt: testApp.clock.now().toISOString(),
    });

    expect(
      (await request('PUT', `/api/staff/accounts/${account.id}/onboarding/account_current`, { done: true })).statusCode,
    ).toBe(404);
    await request('PUT', `/api/staff/accounts/${account.id}/onboarding/portal_checked_services`, { done: false });
    expect(doneByKey(await itemsOf()).portal_checked_services).toBe(false);
    const actions = await testApp.deps.db
      .selectFrom('auditEvents')
      .select('action')
      .where('accountId', '=', account.id)
      .where('action', 'like', 'account.onboarding%')
      .execute();
    expect(actions.map((row) => row.action).sort()).toEqual([
      'account.onboarding_item_checked',
      'account.onboarding_item_unchecked',
    ]);
  });

  it('includes the catalog checks: a complete service profile ticks its item, pro preferences stay open', async () => {
    const account = await createAccount(testApp.deps);
    const approver = await createContact(testApp.deps, { accountIds: [account.id] });
    const itemOf = async (key: string) =>
      (
        (await request('GET', `/api/staff/accounts/${account.id}/onboarding`)).json().items as Array<{
          key: string;
          done: boolean;
          hint: string | null;
        }>
      ).find((item) => item.key === key);
    expect(await itemOf('turn_profile_all_services')).toMatchObject({ done: false });
    expect(await itemOf('addon_approval_customer')).toMatchObject({ done: false });
    await testApp.deps.catalog.serviceProfiles.updateServiceProfile(
      account.id,
      {
        turnProfileAllServices: true,
        turnProfileServiceIds: [],
        addonApprovalMethod: 'staff_approves',
        addonAutoApproveLimitCents: null,
        backupNotificationPhone: '+15125550100',
        mainApproverContactId: approver.id,
      },
      { actorKind: 'staff', actorId: staff.id, ipAddress: null, requestId: null },
    );
    expect(await itemOf('turn_profile_all_services')).toMatchObject({ done: true, hint: null });
    expect(await itemOf('service_profile_approver')).toMatchObject({ done: true, hint: null });
    expect(await itemOf('addon_approval_customer')).toMatchObject({
      done: false,
      hint: 'On the Service profile tab, set the add-on approval method to "Customer approves".',
    });
    await testApp.deps.catalog.serviceProfiles.updateServiceProfile(
      account.id,
      {
        turnProfileAllServices: true,
        turnProfileServiceIds: [],
        addonApprovalMethod: 'customer_approves',
        addonAutoApproveLimitCents: null,
        backupNotificationPhone: '+15125550100',
        mainApproverContactId: approver.id,
      },
      { actorKind: 'staff', actorId: staff.id, ipAddress: null, requestId: null },
    );
    expect(await itemOf('addon_approval_customer')).toMatchObject({ done: true, hint: null });
    expect(await itemOf('pro_preferences')).toMatchObject({ done: false });
    // This account never saved its pricing configuration, whatever the master pricelist holds.
    expect(await itemOf('pricing_has_data')).toMatchObject({
      done: false,
      hint: 'Save the pricing configuration on the Pricing & floorplans tab.',
    });
  });

  it('includes checks registered by other features', async () => {
    const account = await createAccount(testApp.deps);
    const unregister = testApp.deps.customers.accounts.registerOnboardingCheckProvider({
      checks: async (_db, checked) => [
        { key: 'pricelist_has_data', label: 'Pricelist has data', done: checked.id === account.id, hint: null },
      ],
    });
    const items = (await request('GET', `/api/staff/accounts/${account.id}/onboarding`)).json().items;
    unregister();
    expect(items).toContainEqual(
      expect.objectContaining({ key: 'pricelist_has_data', done: true, source: 'computed' }),
    );
    // The shared app is left as the other tests expect it.
    const after = (await request('GET', `/api/staff/accounts/${account.id}/onboarding`)).json().items;
    expect(after).not.toContainEqual(expect.objectContaining({ key: 'pricelist_has_data' }));
  });
});
