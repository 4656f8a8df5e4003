import { describe, expect, it } from 'vitest';
import { createAccount, createStaffMember, signInStaff } from '../../../test/factories.ts';
import { portalAccessKit, setUpStaffSignedInApp } from '../../../test/portal-access-kit.ts';
import { PRINCIPAL_CACHE_SECONDS } from './principal-cache.ts';

const app = setUpStaffSignedInApp();

const { activatedCustomer, customerGet } = portalAccessKit(() => app);

/** A customer past the lifetime during which the end of their other sessions (setting the password) keeps them uncached. */
async function cachedCustomer() {
  const customer = await activatedCustomer();
  app.t.clock.advanceSeconds(PRINCIPAL_CACHE_SECONDS);
  return customer;
}

async function renameContact(contactId: string, firstName: string) {
  await app.t.deps.db.updateTable('contacts').set({ firstName }).where('id', '=', contactId).execute();
}

async function loginIdOf(contactId: string) {
  const login = await app.t.deps.db
    .selectFrom('portalLogins')
    .select('id')
    .where('contactId', '=', contactId)
    .executeTakeFirstOrThrow();
  return login.id;
}

describe('a cached read (getCustomerSession)', () => {
  it('answers again for a few seconds, until a state-changing request or its lifetime ends it', async () => {
    const { contact, setupCookie } = await cachedCustomer();
    const first = await customerGet('/api/portal/session', setupCookie);
    expect(first.json().contact.firstName).toBe('Maria');

    // A change this process did not make (another process, a script) shows within the lifetime.
    await renameContact(contact.id, 'Marta');
    const cached = await customerGet('/api/portal/session', setupCookie);
    expect(cached.body).toBe(first.body);
    expect(cached.headers['content-type']).toBe(first.headers['content-type']);
    app.t.clock.advanceSeconds(PRINCIPAL_CACHE_SECONDS);
    expect((await customerGet('/api/portal/session', setupCookie)).json().contact.firstName).toBe('Marta');

    // Any state-changing request in this process drops every cached answer, even one that fails.
    await renameContact(contact.id, 'Mila');
    const failed = await app.t.app.inject({
      method: 'POST',
      url: '/api/portal/session',
      payload: { login: 'nobody@example.test', password: 'not the password at all' },
    });
    expect(failed.statusCode).toBe(401);
    expect((await customerGet('/api/portal/session', setupCookie)).json().contact.firstName).toBe('Mila');
  });

  it('stops at once when the customer signs out', async () => {
    const { setupCookie } = await cachedCustomer();
    expect((await customerGet('/api/portal/session', setupCookie)).statusCode).toBe(200);
    const signOut = await app.t.app.inject({
      method: 'DELETE',
      url: '/api/portal/session',
      headers: { cookie: setupCookie },
    });
    expect(signOut.statusCode).toBe(204);
    expect((await customerGet('/api/portal/session', setupCookie)).statusCode).toBe(401);
  });

  it('stops at once when the sessions are revoked in this process outside a request', async () => {
    const { contact, setupCookie } = await cachedCustomer();
    expect((await customerGet('/api/portal/session', setupCookie)).statusCode).toBe(200);
    expect((await customerGet('/api/portal/properties', setupCookie)).statusCode).toBe(200);
    await app.t.deps.sessions.endAllOf(app.t.deps.db, 'customer', [await loginIdOf(contact.id)]);
    expect((await customerGet('/api/portal/session', setupCookie)).statusCode).toBe(401);
    expect((await customerGet('/api/portal/properties', setupCookie)).statusCode).toBe(401);
  });
});

describe('a cached staff read (getAccount)', () => {
  it('stops at once when the staff member’s sessions end', async () => {
    const account = await createAccount(app.t.deps);
    const url = `/api/staff/accounts/${account.id}`;
    const get = () => app.t.app.inject({ method: 'GET', url, headers: { cookie: app.staffCookie } });
    expect((await get()).statusCode).toBe(200);
    expect((await get()).statusCode).toBe(200);
    await app.t.deps.sessions.endAllOf(app.t.deps.db, 'staff', [app.staffMember.id]);
    expect((await get()).statusCode).toBe(401);
  });

  it('still checks the role on every request: a route closed to the role stays closed', async () => {
    const support = await createStaffMember(app.t.deps, { role: 'support' });
    const cookie = await signInStaff(app.t.app, support);
    const account = await createAccount(app.t.deps);
    const url = `/api/staff/accounts/${account.id}`;
    expect((await app.t.app.inject({ method: 'GET', url, headers: { cookie } })).statusCode).toBe(200);
    // Updating an account is for admins and PSMs: the cached principal is still refused it.
    const update = await app.t.app.inject({ method: 'PUT', url, headers: { cookie }, payload: {} });
    expect(update.statusCode).toBe(403);
  });
});
