import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { createAccount, createContact, createStaffMember, signInStaff, unique } from './factories.ts';
import { createTestApp, sessionCookie, type TestApp } from './test-app.ts';

export const STRONG_PASSWORD = 'tangerine quarry velvet orbit';
export const OTHER_PASSWORD = 'violet lantern orbit meadow';

export interface StaffSignedInApp {
  t: TestApp;
  staffMember: Awaited<ReturnType<typeof createStaffMember>>;
  staffCookie: string;
}

/**
 * One app for the test file and a staff member, signed in afresh before each test (tests move the
 * clock by hours; a fresh staff session keeps the staff side signed in).
 */
export function setUpStaffSignedInApp(): StaffSignedInApp {
  const app = {} as StaffSignedInApp;
  beforeAll(async () => {
    app.t = await createTestApp();
    app.staffMember = await createStaffMember(app.t.deps);
  });
  beforeEach(async () => {
    app.staffCookie = await signInStaff(app.t.app, app.staffMember);
  });
  afterAll(() => app.t.close());
  return app;
}

/** Requests and setups the portal-access route tests share; `current` gives the file's app and staff cookie. */
export function portalAccessKit(current: () => { t: TestApp; staffCookie: string }) {
  // Sensitive staff actions carry a typed reason (step-up); other routes ignore it.
  async function staffPost(url: string, payload?: Record<string, unknown>) {
    const headers = { cookie: current().staffCookie, 'x-step-up-reason': 'Customer asked for help on the phone' };
    return payload === undefined
      ? current().t.app.inject({ method: 'POST', url, headers })
      : current().t.app.inject({ method: 'POST', url, headers, payload });
  }

  async function customerWithAccess(options: { accountStatus?: 'current' | 'prospect' } = {}) {
    const account = await createAccount(current().t.deps, { status: options.accountStatus ?? 'current' });
    const contact = await createContact(current().t.deps, { accountIds: [account.id], firstName: 'Maria' });
    const email = contact.emails[0]!;
    const response = await staffPost(`/api/staff/contacts/${contact.id}/portal-access/grant`, { portalEmail: email });
    expect(response.statusCode, response.body).toBe(200);
    return { account, contact, email };
  }

  /** The raw token of the newest queued message of a kind to a contact, as the mail would carry it. */
  async function latestLinkToken(contactId: string, kind: string): Promise<string> {
    // Forgot-password issues its link in a deferred task; a worker would have run it by now.
    await current().t.deps.deferredTasks.runDue();
    const message = await current()
      .t.deps.db.selectFrom('outboxMessages')
      .selectAll()
      .where('contactId', '=', contactId)
      .where('kind', '=', kind)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const payload = JSON.parse(message.payloadJson!) as { link: string };
    expect(payload.link.startsWith('http://portico.test/portal/link/')).toBe(true);
    return payload.link.split('/').pop()!;
  }

  async function inspect(token: string) {
    return (
      await current().t.app.inject({ method: 'POST', url: '/api/portal/links/inspect', payload: { token } })
    ).json();
  }

  async function redeem(payload: Record<string, unknown>) {
    return current().t.app.inject({ method: 'POST', url: '/api/portal/links/redeem', payload });
  }

  async function signIn(login: string, password: string) {
    return current().t.app.inject({ method: 'POST', url: '/api/portal/session', payload: { login, password } });
  }

  async function activatedCustomer() {
    const setup = await customerWithAccess();
    const token = await latestLinkToken(setup.contact.id, 'credential_create');
    const username = unique('maria').replaceAll('-', '.');
    const response = await redeem({ token, username, password: STRONG_PASSWORD });
    expect(response.statusCode, response.body).toBe(200);
    // Setting up a login signs the customer in: the browser used for it holds this session.
    return { ...setup, username, setupCookie: sessionCookie(response) };
  }

  function customerGet(url: string, cookie: string) {
    return current().t.app.inject({ method: 'GET', url, headers: { cookie } });
  }

  return { staffPost, customerWithAccess, latestLinkToken, inspect, redeem, signIn, activatedCustomer, customerGet };
}
