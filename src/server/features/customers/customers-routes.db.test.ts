import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, createContact, createStaffMember, signInStaff, unique } from '../../../../test/factories.ts';
import { createTestApp, type TestApp } from '../../../../test/test-app.ts';
import { findAccountByPortalKey } from './portal-key.ts';

describe('customers API', () => {
  let testApp: TestApp;
  let cookie: string;
  let staffId: string;
  const hookCalls: Array<{ hook: string; accountId: string; inTransaction: boolean; seesChange: boolean }> = [];

  beforeAll(async () => {
    testApp = await createTestApp();
    const staff = await createStaffMember(testApp.deps, { name: 'Robin Staff' });
    staffId = staff.id;
    cookie = await signInStaff(testApp.app, staff);
    // Record what the hooks see: they must run inside the transaction, after the change is written.
    const hooks = testApp.deps.accountHooks;
    hooks.afterStatusChange = async (trx, change) => {
      const row = await trx
        .selectFrom('accounts')
        .select('status')
        .where('id', '=', change.account.id)
        .executeTakeFirstOrThrow();
      hookCalls.push({
        hook: 'status',
        accountId: change.account.id,
        inTransaction: trx.isTransaction,
        seesChange: row.status === change.account.status && change.previousStatus !== row.status,
      });
    };
    hooks.afterPortalAccessChange = async (trx, change) => {
      const row = await trx
        .selectFrom('accounts')
        .select('portalAccessEnabled')
        .where('id', '=', change.account.id)
        .executeTakeFirstOrThrow();
      hookCalls.push({
        hook: 'portal',
        accountId: change.account.id,
        inTransaction: trx.isTransaction,
        seesChange: row.portalAccessEnabled === (change.enabled ? 1 : 0),
      });
    };
  });
  afterAll(() => testApp.close());

  const request = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    testApp.app.inject({
      method,
      url,
      headers: { cookie, 'x-step-up-reason': 'Customer asked for the key' },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  it('creates a management company with a generated account number and a property under it', async () => {
    const company = await request('POST', '/api/staff/management-companies', {
      name: 'Lakeside Group',
      city: 'Austin',
    });
    expect(company.statusCode).toBe(201);
    expect(company.json()).toMatchObject({
      kind: 'management_company',
      status: 'prospect',
      hasPortalKey: true,
      portalAccessEnabled: false,
    });
    expect(company.json().accountNumber).toMatch(/^A-\d{5}$/);
    const number = unique('p').toUpperCase();
    const property = await request('POST', '/api/staff/properties', {
      name: 'Lakeside Flats',
      accountNumber: ` ${number.toLowerCase()} `,
      parentAccountId: company.json().id,
    });
    expect(property.statusCode).toBe(201);
    expect(property.json()).toMatchObject({
      kind: 'property',
      accountNumber: number,
      parentAccount: { id: company.json().id, name: 'Lakeside Group' },
    });
    const audit = await testApp.deps.db
      .selectFrom('auditEvents')
      .selectAll()
      .where('subjectId', '=', property.json().id)
      .execute();
    expect(audit.map((row) => row.action)).toEqual(['account.created']);
    expect(JSON.parse(audit[0]!.afterJson!)).toMatchObject({ name: 'Lakeside Flats', accountNumber: number });
    expect(audit[0]!.actorId).toBe(staffId);
  });

  it('answers a duplicate account number with a field error and saves nothing', async () => {
    const existing = await createAccount(testApp.deps);
    const name = unique('Duplicate Co');
    const response = await request('POST', '/api/staff/management-companies', {
      name,
      accountNumber: existing.accountNumber.toLowerCase(),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toEqual([
      { path: 'accountNumber', message: `Account number ${existing.accountNumber} is already in use` },
    ]);
    expect(await testApp.deps.db.selectFrom('accounts').select('id').where('name', '=', name).execute()).toEqual([]);
    const other = await createAccount(testApp.deps);
    const update = await request('PUT', `/api/staff/accounts/${other.id}`, {
      name: other.name,
      accountNumber: existing.accountNumber,
    });
    expect(update.statusCode).toBe(400);
    expect(update.json().error.fields[0].path).toBe('accountNumber');
  });

  it('rejects a property under something that is not a management company', async () => {
    const property = await createAccount(testApp.deps);
    const response = await request('POST', '/api/staff/properties', { name: 'Nested', parentAccountId: property.id });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields[0].path).toBe('parentAccountId');
  });

  it('updates an account and records only the changed fields', async () => {
    const account = await createAccount(testApp.deps);
    const response = await request('PUT', `/api/staff/accounts/${account.id}`, {
      name: 'Renamed Place',
      accountNumber: account.accountNumber,
      addressLine1: '100 Main St',
      city: 'Dallas',
      region: 'TX',
      postalCode: '78701',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ name: 'Renamed Place', city: 'Dallas' });
    const event = await testApp.deps.db
      .selectFrom('auditEvents')
      .selectAll()
      .where('subjectId', '=', account.id)
      .where('action', '=', 'account.updated')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(event.beforeJson!)).toEqual({ name: account.name, city: 'Austin' });
    expect(JSON.parse(event.afterJson!)).toEqual({ name: 'Renamed Place', city: 'Dallas' });
  });

  it('runs the account hooks inside the transaction on status and portal-access changes, and audits them', async () => {
    const account = await createAccount(testApp.deps, { status: 'prospect', portalAccessEnabled: 0 });
    expect(
      (await request('PUT', `/api/staff/accounts/${account.id}/status`, { status: 'current' })).json().status,
    ).toBe('current');
    expect(
      (await request('PUT', `/api/staff/accounts/${account.id}/portal-access`, { enabled: true })).json()
        .portalAccessEnabled,
    ).toBe(true);
    // Setting the same value again changes nothing and calls no hook.
    await request('PUT', `/api/staff/accounts/${account.id}/portal-access`, { enabled: true });
    expect(hookCalls.filter((call) => call.accountId === account.id)).toEqual([
      { hook: 'status', accountId: account.id, inTransaction: true, seesChange: true },
      { hook: 'portal', accountId: account.id, inTransaction: true, seesChange: true },
    ]);
    const actions = await testApp.deps.db
      .selectFrom('auditEvents')
      .select('action')
      .where('accountId', '=', account.id)
      .orderBy('occurredAt')
      .orderBy('id')
      .execute();
    expect(actions.map((row) => row.action)).toEqual(['account.status_changed', 'account.portal_access_enabled']);
  });

  it('rolls the status change back when a hook fails', async () => {
    const account = await createAccount(testApp.deps, { status: 'prospect' });
    const hooks = testApp.deps.accountHooks;
    const original = hooks.afterStatusChange;
    hooks.afterStatusChange = async () => {
      throw new Error('hook failed');
    };
    try {
      expect((await request('PUT', `/api/staff/accounts/${account.id}/status`, { status: 'current' })).statusCode).toBe(
        500,
      );
    } finally {
      hooks.afterStatusChange = original;
    }
    const row = await testApp.deps.db
      .selectFrom('accounts')
      .select('status')
      .where('id', '=', account.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('prospect');
    expect(
      await testApp.deps.db.selectFrom('auditEvents').select('id').where('accountId', '=', account.id).execute(),
    ).toEqual([]);
  });

  it('lists customers filtered by status and kind, and finds them by name, number, a contact’s name or any contact email', async () => {
    const tag = unique('zz').toLowerCase();
    const company = await createAccount(testApp.deps, {
      kind: 'management_company',
      name: `${tag} Holdings`,
      status: 'prospect',
    });
    const property = await createAccount(testApp.deps, {
      name: `${tag} Court`,
      parentAccountId: company.id,
      status: 'current',
    });
    const hidden = await createAccount(testApp.deps, { name: unique('Elsewhere') });
    const emailTag = unique('mail').toLowerCase();
    const nameTag = unique('Okafor').replaceAll('-', '');
    await createContact(testApp.deps, {
      accountIds: [hidden.id],
      emails: [`Someone.${emailTag}@Customer.test`],
      firstName: 'Stella',
      lastName: nameTag,
    });

    const byName = (
      await request('GET', `/api/staff/customers?search=${encodeURIComponent(tag.toUpperCase())}&sort=name`)
    ).json();
    expect(byName.items.map((item: { name: string }) => item.name)).toEqual([`${tag} Court`, `${tag} Holdings`]);
    expect(byName.total).toBe(2);
    expect(byName.items[0]).toMatchObject({ parentAccountName: `${tag} Holdings`, kind: 'property' });

    const byEmail = (
      await request('GET', `/api/staff/customers?search=${encodeURIComponent(`someone.${emailTag}@customer`)}`)
    ).json();
    expect(byEmail.items.map((item: { id: string }) => item.id)).toEqual([hidden.id]);
    for (const name of [nameTag.toLowerCase(), `Stella ${nameTag}`]) {
      const byPerson = (await request('GET', `/api/staff/customers?search=${encodeURIComponent(name)}`)).json();
      expect(byPerson.items.map((item: { id: string }) => item.id)).toEqual([hidden.id]);
    }

    const byNumber = (
      await request('GET', `/api/staff/customers?search=${property.accountNumber.toLowerCase()}`)
    ).json();
    expect(byNumber.items.map((item: { id: string }) => item.id)).toEqual([property.id]);

    const filtered = (
      await request('GET', `/api/staff/customers?search=${tag}&status=prospect&kind=management_company`)
    ).json();
    expect(filtered.items.map((item: { id: string }) => item.id)).toEqual([company.id]);

    const paged = (
      await request('GET', `/api/staff/customers?search=${tag}&sort=name&direction=desc&pageSize=1&page=2`)
    ).json();
    expect(paged).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(paged.items.map((item: { id: string }) => item.id)).toEqual([property.id]);

    const underCompany = (await request('GET', `/api/staff/customers?parentAccountId=${company.id}`)).json();
    expect(underCompany.items.map((item: { id: string }) => item.id)).toEqual([property.id]);

    // LIKE wildcards in the search are taken literally.
    expect((await request('GET', `/api/staff/customers?search=${encodeURIComponent('%')}`)).json().total).toBe(0);
  });

  it('reveals the portal key (audited) and rotating it makes the old key stop matching', async () => {
    const account = await createAccount(testApp.deps);
    const { secretKey } = testApp.deps.config;
    const revealed = await request('POST', `/api/staff/accounts/${account.id}/portal-key/reveal`);
    expect(revealed.statusCode).toBe(200);
    const oldKey = revealed.json().portalKey as string;
    expect(oldKey).toMatch(/^([0-9A-Z]{4}-){6}[0-9A-Z]{4}$/);
    expect(oldKey).toBe(account.portalKey);
    // Typed loosely: lowercase, spaces instead of dashes, and the account number in lowercase.
    const typed = oldKey.toLowerCase().replaceAll('-', ' ');
    expect(
      (
        await findAccountByPortalKey(testApp.deps.db, secretKey, {
          accountNumber: account.accountNumber.toLowerCase(),
          portalKey: typed,
        })
      )?.id,
    ).toBe(account.id);
    expect(
      await findAccountByPortalKey(testApp.deps.db, secretKey, { accountNumber: 'NO-SUCH-NUMBER', portalKey: oldKey }),
    ).toBeNull();
    const other = await createAccount(testApp.deps);
    expect(
      await findAccountByPortalKey(testApp.deps.db, secretKey, {
        accountNumber: other.accountNumber,
        portalKey: oldKey,
      }),
    ).toBeNull();

    const rotated = await request('POST', `/api/staff/accounts/${account.id}/portal-key/rotate`);
    expect(rotated.statusCode).toBe(200);
    const newKey = rotated.json().portalKey as string;
    expect(newKey).not.toBe(oldKey);
    expect(
      await findAccountByPortalKey(testApp.deps.db, secretKey, {
        accountNumber: account.accountNumber,
        portalKey: oldKey,
      }),
    ).toBeNull();
    expect(
      (
        await findAccountByPortalKey(testApp.deps.db, secretKey, {
          accountNumber: account.accountNumber,
          portalKey: newKey,
        })
      )?.id,
    ).toBe(account.id);
    expect((await request('POST', `/api/staff/accounts/${account.id}/portal-key/reveal`)).json().portalKey).toBe(
      newKey,
    );

    const stored = await testApp.deps.db
      .selectFrom('accounts')
      .selectAll()
      .where('id', '=', account.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(newKey.replaceAll('-', ''));
    const events = await testApp.deps.db
      .selectFrom('auditEvents')
      .selectAll()
      .where('accountId', '=', account.id)
      .execute();
    expect(events.map((row) => row.action).sort()).toEqual([
      'account.portal_key_revealed',
      'account.portal_key_revealed',
      'account.portal_key_rotated',
      // Each reveal first records the typed reason it was given.
      'staff.step_up_reason',
      'staff.step_up_reason',
    ]);
    expect(JSON.stringify(events)).not.toContain(newKey);
  });

  it('requires a staff session', async () => {
    const account = await createAccount(testApp.deps);
    const anonymous = await testApp.app.inject({
      method: 'POST',
      url: `/api/staff/accounts/${account.id}/portal-key/reveal`,
    });
    expect(anonymous.statusCode).toBe(401);
    expect((await testApp.app.inject({ method: 'GET', url: '/api/staff/customers' })).statusCode).toBe(401);
  });

  it('answers 404 for an unknown account', async () => {
    expect((await request('GET', '/api/staff/accounts/nope')).statusCode).toBe(404);
  });
});
