import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { systemActor } from '../../actor.ts';
import { createAccount, createContact, createStaffMember, signInStaff, unique } from '../../../../test/factories.ts';
import { deliverOutbox } from '../../../../test/outbox-helpers.ts';
import { createTestApp, sessionCookie, type TestApp } from '../../../../test/test-app.ts';

const STRONG_PASSWORD = 'correct horse battery staple';
const OTHER_PASSWORD = 'violet lantern orbit meadow';

let t: TestApp;
let staffMember: { email: string; password: string };
let staffCookie: string;

beforeAll(async () => {
  t = await createTestApp();
  staffMember = await createStaffMember(t.deps);
});
// Tests move the clock by hours; a fresh staff session keeps the staff side signed in.
beforeEach(async () => {
  staffCookie = await signInStaff(t.app, staffMember);
});
afterAll(() => t.close());

async function staffPost(url: string, payload?: Record<string, unknown>) {
  return payload === undefined
    ? t.app.inject({ method: 'POST', url, headers: { cookie: staffCookie } })
    : t.app.inject({ method: 'POST', url, headers: { cookie: staffCookie }, payload });
}

async function customerWithAccess(options: { accountStatus?: 'current' | 'prospect' } = {}) {
  const account = await createAccount(t.deps, { status: options.accountStatus ?? 'current' });
  const contact = await createContact(t.deps, { accountIds: [account.id], firstName: 'Maria' });
  const email = contact.emails[0]!;
  const response = await staffPost(`/api/staff/contacts/${contact.id}/portal-access/grant`, { portalEmail: email });
  expect(response.statusCode, response.body).toBe(200);
  return { account, contact, email };
}

/** The raw token of the newest queued message of a kind to a contact, as the mail would carry it. */
async function latestLinkToken(contactId: string, kind: string): Promise<string> {
  const message = await t.deps.db
    .selectFrom('outboxMessages')
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
  return (await t.app.inject({ method: 'POST', url: '/api/portal/links/inspect', payload: { token } })).json();
}

async function redeem(payload: Record<string, unknown>) {
  return t.app.inject({ method: 'POST', url: '/api/portal/links/redeem', payload });
}

async function signIn(login: string, password: string) {
  return t.app.inject({ method: 'POST', url: '/api/portal/session', payload: { login, password } });
}

async function activatedCustomer() {
  const setup = await customerWithAccess();
  const token = await latestLinkToken(setup.contact.id, 'credential_create');
  const username = unique('maria').replaceAll('-', '.');
  const response = await redeem({ token, username, password: STRONG_PASSWORD });
  expect(response.statusCode, response.body).toBe(200);
  return { ...setup, username };
}

function customerGet(url: string, cookie: string) {
  return t.app.inject({ method: 'GET', url, headers: { cookie } });
}

describe('credential-create link', () => {
  it('opens without being consumed, sets username and password once, and then signs in', async () => {
    const { contact, email } = await customerWithAccess();
    const token = await latestLinkToken(contact.id, 'credential_create');

    // A mail scanner opening the link (any number of times) consumes nothing.
    expect(await inspect(token)).toMatchObject({ status: 'valid', form: 'credentials', firstName: 'Maria' });
    expect(await inspect(token)).toMatchObject({ status: 'valid' });
    const stored = await t.deps.db
      .selectFrom('accessTokens')
      .selectAll()
      .where('contactId', '=', contact.id)
      .executeTakeFirstOrThrow();
    expect(stored.consumedAt).toBeNull();
    expect(stored.openedAt).not.toBeNull();
    expect(stored.tokenHash).not.toBe(token);

    const username = unique('maria').replaceAll('-', '.');
    const weak = await redeem({ token, username, password: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.fields[0].path).toBe('password');

    const used = await redeem({ token, username, password: STRONG_PASSWORD });
    expect(used.statusCode, used.body).toBe(200);
    expect(used.json()).toEqual({ outcome: 'credentials_set' });
    expect(used.cookies).toHaveLength(0);

    expect(await inspect(token)).toEqual({ status: 'used' });
    expect((await redeem({ token, username, password: STRONG_PASSWORD })).statusCode).toBe(400);

    for (const identifier of [username.toUpperCase(), email]) {
      const response = await signIn(identifier, STRONG_PASSWORD);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toEqual({ mustChangePassword: false });
    }
    const access = (await customerGet(`/api/staff/contacts/${contact.id}/portal-access`, staffCookie)).json();
    expect(access.state).toBe('active');
    expect(access.actions).toContain('send_password_reset');
    expect(access.actions).not.toContain('send_credential_create');
  });

  it('tells the customer at once when a username is taken', async () => {
    const first = await activatedCustomer();
    const second = await customerWithAccess();
    const token = await latestLinkToken(second.contact.id, 'credential_create');
    const check = await t.app.inject({
      method: 'POST',
      url: '/api/portal/links/username-availability',
      payload: { token, username: first.username.toUpperCase() },
    });
    expect(check.json()).toEqual({ available: false, message: 'That username is taken. Choose another.' });
    const free = await t.app.inject({
      method: 'POST',
      url: '/api/portal/links/username-availability',
      payload: { token, username: unique('free') },
    });
    expect(free.json()).toEqual({ available: true, message: null });
    const taken = await redeem({ token, username: first.username, password: STRONG_PASSWORD });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.fields[0].path).toBe('username');
    expect(await inspect(token)).toMatchObject({ status: 'valid' });
  });

  it('a newer link supersedes the older one and cancels its undelivered email', async () => {
    const { contact } = await customerWithAccess();
    const firstToken = await latestLinkToken(contact.id, 'credential_create');
    t.clock.advanceSeconds(61);
    expect(
      (await staffPost(`/api/staff/contacts/${contact.id}/portal-access/credential-create-email`)).statusCode,
    ).toBe(200);
    const secondToken = await latestLinkToken(contact.id, 'credential_create');
    expect(await inspect(firstToken)).toEqual({ status: 'invalid' });
    expect(await inspect(secondToken)).toMatchObject({ status: 'valid' });
    const statuses = await t.deps.db
      .selectFrom('outboxMessages')
      .select('status')
      .where('contactId', '=', contact.id)
      .orderBy('id')
      .execute();
    expect(statuses.map((row) => row.status)).toEqual(['cancelled', 'queued']);
  });

  it('rate-limits access emails per recipient', async () => {
    const { contact } = await customerWithAccess();
    const again = await staffPost(`/api/staff/contacts/${contact.id}/portal-access/credential-create-email`);
    expect(again.statusCode).toBe(429);
    expect(again.headers['retry-after']).toBeDefined();
    t.clock.advanceSeconds(61);
    expect(
      (await staffPost(`/api/staff/contacts/${contact.id}/portal-access/credential-create-email`)).statusCode,
    ).toBe(200);
  });
});

describe('password reset', () => {
  it('forgot-password answers identically for known and unknown logins, and the link resets once', async () => {
    const { contact, email } = await activatedCustomer();
    const known = await t.app.inject({ method: 'POST', url: '/api/portal/password-reset', payload: { login: email } });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/portal/password-reset',
      payload: { login: `${unique('nobody')}@nowhere.test` },
    });
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(known.statusCode);
    expect(unknown.body).toBe(known.body);
    expect(Object.keys(unknown.headers).sort()).toEqual(Object.keys(known.headers).sort());

    const token = await latestLinkToken(contact.id, 'password_reset');
    // Nothing changes until the link is used: the old password still works.
    expect((await signIn(email, STRONG_PASSWORD)).statusCode).toBe(200);
    // ...but signing in with the password kills the reset link (security.md 15e).
    expect(await inspect(token)).toEqual({ status: 'invalid' });

    t.clock.advanceSeconds(61);
    await t.app.inject({ method: 'POST', url: '/api/portal/password-reset', payload: { login: email } });
    const freshToken = await latestLinkToken(contact.id, 'password_reset');
    expect(freshToken).not.toBe(token);
    expect((await redeem({ token: freshToken, password: OTHER_PASSWORD })).json()).toEqual({
      outcome: 'password_reset',
    });
    expect((await signIn(email, OTHER_PASSWORD)).statusCode).toBe(200);
  });

  it('a reset link dies when the password changes another way', async () => {
    const { contact, email } = await activatedCustomer();
    t.clock.advanceSeconds(61);
    expect((await staffPost(`/api/staff/contacts/${contact.id}/portal-access/password-reset-email`)).statusCode).toBe(
      200,
    );
    const token = await latestLinkToken(contact.id, 'password_reset');
    expect(await inspect(token)).toMatchObject({ status: 'valid', form: 'new_password' });

    const session = sessionCookie(await signIn(email, STRONG_PASSWORD));
    const change = await t.app.inject({
      method: 'POST',
      url: '/api/portal/session/password',
      headers: { cookie: session },
      payload: { currentPassword: STRONG_PASSWORD, newPassword: OTHER_PASSWORD },
    });
    expect(change.statusCode, change.body).toBe(204);
    expect(await inspect(token)).toEqual({ status: 'invalid' });
    expect((await redeem({ token, password: 'a brand new passphrase here' })).statusCode).toBe(400);
    // The old session ended with the change; the notice went out without any secret.
    expect((await customerGet('/api/portal/session', session)).statusCode).toBe(401);
    const notice = await t.deps.db
      .selectFrom('outboxMessages')
      .selectAll()
      .where('contactId', '=', contact.id)
      .where('kind', '=', 'password_changed')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(notice.payloadJson).not.toContain(OTHER_PASSWORD);
  });

  it('a reset link resets the password and ends live sessions without signing in', async () => {
    const { contact, email } = await activatedCustomer();
    const session = sessionCookie(await signIn(email, STRONG_PASSWORD));
    t.clock.advanceSeconds(61);
    await staffPost(`/api/staff/contacts/${contact.id}/portal-access/password-reset-email`);
    const token = await latestLinkToken(contact.id, 'password_reset');
    const reset = await redeem({ token, password: OTHER_PASSWORD });
    expect(reset.json()).toEqual({ outcome: 'password_reset' });
    expect(reset.cookies).toHaveLength(0);
    expect((await customerGet('/api/portal/session', session)).statusCode).toBe(401);
    expect((await signIn(email, STRONG_PASSWORD)).statusCode).toBe(401);
    expect((await signIn(email, OTHER_PASSWORD)).statusCode).toBe(200);
  });
});

describe('login link', () => {
  it('signs in once and expires after 15 minutes', async () => {
    const { contact } = await activatedCustomer();
    t.clock.advanceSeconds(61);
    expect((await staffPost(`/api/staff/contacts/${contact.id}/portal-access/login-link-email`)).statusCode).toBe(200);
    const token = await latestLinkToken(contact.id, 'login_link');
    const used = await redeem({ token });
    expect(used.json()).toEqual({ outcome: 'signed_in' });
    expect((await customerGet('/api/portal/session', sessionCookie(used))).statusCode).toBe(200);

    t.clock.advanceSeconds(61);
    await staffPost(`/api/staff/contacts/${contact.id}/portal-access/login-link-email`);
    const second = await latestLinkToken(contact.id, 'login_link');
    t.clock.advanceSeconds(15 * 60 - 1);
    expect(await inspect(second)).toMatchObject({ status: 'valid' });
    t.clock.advanceSeconds(2);
    expect(await inspect(second)).toEqual({ status: 'expired' });
    expect((await redeem({ token: second })).statusCode).toBe(400);
  });

  it('is refused for a login that is not set up yet', async () => {
    const { contact } = await customerWithAccess();
    const response = await staffPost(`/api/staff/contacts/${contact.id}/portal-access/login-link-email`);
    expect(response.statusCode).toBe(409);
  });
});

describe('temporary password', () => {
  it('is shown once, forces a change at first sign-in and is never stored in the outbox unless emailed', async () => {
    const { contact, email } = await customerWithAccess();
    const response = await staffPost(`/api/staff/contacts/${contact.id}/portal-access/temporary-password`, {
      sendEmail: false,
    });
    expect(response.statusCode, response.body).toBe(200);
    const { password, emailed } = response.json();
    expect(emailed).toBe(false);
    const outbox = await t.deps.db
      .selectFrom('outboxMessages')
      .select('payloadJson')
      .where('contactId', '=', contact.id)
      .execute();
    expect(outbox.every((row) => !row.payloadJson?.includes(password))).toBe(true);

    const signedIn = await signIn(email, password);
    expect(signedIn.json()).toEqual({ mustChangePassword: true });
    const cookie = sessionCookie(signedIn);
    const blocked = await customerGet('/api/portal/accounts', cookie);
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('password_change_required');
    const change = await t.app.inject({
      method: 'POST',
      url: '/api/portal/session/password',
      headers: { cookie },
      payload: { currentPassword: password, newPassword: STRONG_PASSWORD },
    });
    expect(change.statusCode, change.body).toBe(204);
    expect((await customerGet('/api/portal/accounts', sessionCookie(change))).statusCode).toBe(200);
  });

  it('stops working after 24 hours and can be emailed when staff choose to', async () => {
    const { contact, email } = await customerWithAccess();
    const response = await staffPost(`/api/staff/contacts/${contact.id}/portal-access/temporary-password`, {
      sendEmail: true,
    });
    const { password, emailed } = response.json();
    expect(emailed).toBe(true);
    const mail = await t.deps.db
      .selectFrom('outboxMessages')
      .select('payloadJson')
      .where('contactId', '=', contact.id)
      .where('kind', '=', 'temporary_password')
      .executeTakeFirstOrThrow();
    expect(mail.payloadJson).toContain(password);
    t.clock.advanceSeconds(24 * 3600 + 1);
    expect((await signIn(email, password)).statusCode).toBe(401);
  });
});

describe('states and staff actions', () => {
  it('offers exactly the actions of each state and refuses the others', async () => {
    const account = await createAccount(t.deps);
    const contact = await createContact(t.deps, { accountIds: [account.id] });
    const none = (await customerGet(`/api/staff/contacts/${contact.id}/portal-access`, staffCookie)).json();
    expect(none).toMatchObject({ state: 'no_access', actions: ['grant'], suggestedEmail: contact.emails[0] });

    await staffPost(`/api/staff/contacts/${contact.id}/portal-access/grant`, {
      portalEmail: contact.emails[0],
      sendCredentialCreateEmail: false,
    });
    expect((await staffPost(`/api/staff/contacts/${contact.id}/portal-access/password-reset-email`)).statusCode).toBe(
      409,
    );

    const username = unique('staffset');
    const named = await t.app.inject({
      method: 'PUT',
      url: `/api/staff/contacts/${contact.id}/portal-access/username`,
      headers: { cookie: staffCookie },
      payload: { username },
    });
    expect(named.json()).toMatchObject({ state: 'not_activated', username });
    expect(named.json().actions).toEqual([
      'grant',
      'send_credential_create',
      'resend_welcome',
      'set_temporary_password',
      'update_username',
      'delete_username',
      'revoke',
    ]);

    const cleared = await t.app.inject({
      method: 'DELETE',
      url: `/api/staff/contacts/${contact.id}/portal-access/username`,
      headers: { cookie: staffCookie },
    });
    expect(cleared.json()).toMatchObject({ state: 'no_username', username: null });

    const revoked = await staffPost(`/api/staff/contacts/${contact.id}/portal-access/revoke`);
    expect(revoked.json()).toMatchObject({ state: 'deactivated', actions: ['grant'] });

    const audit = await t.deps.db
      .selectFrom('auditEvents')
      .select('action')
      .where('subjectId', '=', contact.id)
      .execute();
    expect(audit.map((row) => row.action)).toEqual(
      expect.arrayContaining([
        'portal_access.granted',
        'portal_access.username_updated',
        'portal_access.username_deleted',
        'portal_access.revoked',
      ]),
    );
  });

  it('refuses a portal email another contact already uses', async () => {
    const { email } = await customerWithAccess();
    const account = await createAccount(t.deps);
    const other = await createContact(t.deps, { accountIds: [account.id] });
    const response = await staffPost(`/api/staff/contacts/${other.id}/portal-access/grant`, {
      portalEmail: email.toUpperCase(),
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.fields[0].path).toBe('portalEmail');
  });

  it('locks after repeated failures, shows it to staff, and unlocks', async () => {
    const { contact, username } = await activatedCustomer();
    for (let attempt = 0; attempt < 5; attempt++)
      expect((await signIn(username, 'wrong password entirely')).statusCode).toBe(401);
    expect((await signIn(username, STRONG_PASSWORD)).statusCode).toBe(429);
    const locked = (await customerGet(`/api/staff/contacts/${contact.id}/portal-access`, staffCookie)).json();
    expect(locked).toMatchObject({
      state: 'locked',
      actions: ['grant', 'unlock', 'send_password_reset', 'view_as', 'revoke'],
    });
    expect((await staffPost(`/api/staff/contacts/${contact.id}/portal-access/unlock`)).json().state).toBe('active');
    expect((await signIn(username, STRONG_PASSWORD)).statusCode).toBe(200);

    const timeline = (await customerGet(`/api/staff/contacts/${contact.id}/portal-access/timeline`, staffCookie)).json()
      .items as Array<{ kind: string; linkState: string | null; delivery: string | null }>;
    const kinds = timeline.map((entry) => entry.kind);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'access_granted',
        'link_sent',
        'link_used',
        'sign_in_failed',
        'locked',
        'unlocked',
        'signed_in',
      ]),
    );
    expect(timeline.find((entry) => entry.kind === 'link_sent')).toMatchObject({
      linkState: 'used',
      delivery: 'queued',
    });
  });

  it('revoking access ends live sessions and kills outstanding links', async () => {
    const { contact, email } = await activatedCustomer();
    const cookie = sessionCookie(await signIn(email, STRONG_PASSWORD));
    t.clock.advanceSeconds(61);
    await staffPost(`/api/staff/contacts/${contact.id}/portal-access/password-reset-email`);
    const token = await latestLinkToken(contact.id, 'password_reset');
    await staffPost(`/api/staff/contacts/${contact.id}/portal-access/revoke`);
    expect((await customerGet('/api/portal/session', cookie)).statusCode).toBe(401);
    expect(await inspect(token)).toEqual({ status: 'invalid' });
    expect((await signIn(email, STRONG_PASSWORD)).statusCode).toBe(401);
    // Reactivating does not bring the old link back.
    await staffPost(`/api/staff/contacts/${contact.id}/portal-access/grant`, {
      portalEmail: email,
      sendCredentialCreateEmail: false,
    });
    expect(await inspect(token)).toEqual({ status: 'invalid' });
  });
});

describe('accounts', () => {
  it('switching the account off ends the sessions of its contacts and blocks sign-in', async () => {
    const { account, email } = await activatedCustomer();
    const cookie = sessionCookie(await signIn(email, STRONG_PASSWORD));
    const off = await t.app.inject({
      method: 'PUT',
      url: `/api/staff/accounts/${account.id}/portal-access`,
      headers: { cookie: staffCookie },
      payload: { enabled: false },
    });
    expect(off.statusCode, off.body).toBe(200);
    const access = await customerGet(`/api/staff/accounts/${account.id}/portal-access`, staffCookie);
    expect(access.json()).toMatchObject({ portalAccessEnabled: false, contacts: [{ state: 'active' }] });
    expect((await customerGet('/api/portal/session', cookie)).statusCode).toBe(401);
    expect((await signIn(email, STRONG_PASSWORD)).statusCode).toBe(401);
    await t.app.inject({
      method: 'PUT',
      url: `/api/staff/accounts/${account.id}/portal-access`,
      headers: { cookie: staffCookie },
      payload: { enabled: true },
    });
    expect((await signIn(email, STRONG_PASSWORD)).statusCode).toBe(200);
  });

  it('the account hook ends sessions when another feature switches access off', async () => {
    const { account, email } = await activatedCustomer();
    const cookie = sessionCookie(await signIn(email, STRONG_PASSWORD));
    await t.deps.db.transaction().execute(async (trx) => {
      await trx.updateTable('accounts').set({ portalAccessEnabled: 0 }).where('id', '=', account.id).execute();
      await t.deps.portalAccess.accountHooks.afterPortalAccessChange(trx, {
        account: { ...account, portalAccessEnabled: 0 },
        enabled: false,
        actor: systemActor,
      });
    });
    expect((await customerGet('/api/portal/session', cookie)).statusCode).toBe(401);
  });

  it('an account becoming current sends the welcome email to contacts with access', async () => {
    const { account, contact } = await customerWithAccess({ accountStatus: 'prospect' });
    await t.deps.db.transaction().execute(async (trx) => {
      await t.deps.portalAccess.accountHooks.afterStatusChange(trx, {
        account: { ...account, status: 'current' },
        previousStatus: 'prospect',
        actor: systemActor,
      });
    });
    const token = await latestLinkToken(contact.id, 'welcome');
    expect(await inspect(token)).toMatchObject({ status: 'valid', form: 'credentials' });
  });

  it('a customer sees only their own accounts', async () => {
    const mine = await activatedCustomer();
    const other = await createAccount(t.deps);
    const cookie = sessionCookie(await signIn(mine.email, STRONG_PASSWORD));
    const list = (await customerGet('/api/portal/accounts', cookie)).json();
    expect(list.items.map((item: { id: string }) => item.id)).toEqual([mine.account.id]);
    expect(JSON.stringify(list)).not.toContain(other.id);
  });
});

describe('access timeline', () => {
  it('shows the delivery and the fate of each link sent', async () => {
    const { contact } = await customerWithAccess();
    await deliverOutbox(t.deps);
    const timelineOf = async () =>
      (await customerGet(`/api/staff/contacts/${contact.id}/portal-access/timeline`, staffCookie)).json()
        .items as Array<{
        kind: string;
        purpose: string | null;
        delivery: string | null;
        linkState: string | null;
        actorName: string | null;
      }>;
    expect((await timelineOf()).find((entry) => entry.kind === 'link_sent')).toMatchObject({
      purpose: 'credential_create',
      delivery: 'sent',
      linkState: 'unopened',
      actorName: 'Test Staff',
    });
    t.clock.advanceSeconds(48 * 3600 + 1);
    staffCookie = await signInStaff(t.app, staffMember);
    expect((await timelineOf()).find((entry) => entry.kind === 'link_sent')).toMatchObject({ linkState: 'expired' });
  });
});

describe('view portal as this contact', () => {
  it('is read-only, bannered, audited and ends after an hour', async () => {
    const { contact } = await activatedCustomer();
    const started = await staffPost(`/api/staff/contacts/${contact.id}/portal-access/view-as`);
    expect(started.statusCode, started.body).toBe(200);
    const cookie = sessionCookie(started);
    const session = (await customerGet('/api/portal/session', cookie)).json();
    expect(session.viewingAs).toMatchObject({ staffName: 'Test Staff' });
    const change = await t.app.inject({
      method: 'POST',
      url: '/api/portal/session/password',
      headers: { cookie },
      payload: { currentPassword: STRONG_PASSWORD, newPassword: OTHER_PASSWORD },
    });
    expect(change.statusCode).toBe(403);
    const audit = await t.deps.db
      .selectFrom('auditEvents')
      .select('action')
      .where('subjectId', '=', contact.id)
      .where('action', '=', 'portal_access.view_as_started')
      .execute();
    expect(audit).toHaveLength(1);
    t.clock.advanceSeconds(3601);
    expect((await customerGet('/api/portal/accounts', cookie)).statusCode).toBe(401);
  });

  it('is refused for a staff member’s own contact record', async () => {
    const { contact } = await activatedCustomer();
    await t.deps.db
      .updateTable('contacts')
      .set({ staffMemberId: (await createStaffMember(t.deps)).id })
      .where('id', '=', contact.id)
      .execute();
    expect((await staffPost(`/api/staff/contacts/${contact.id}/portal-access/view-as`)).statusCode).toBe(403);
  });
});

describe('self-registration surface', () => {
  it('creates a login that cannot sign in until the email is verified', async () => {
    const account = await createAccount(t.deps);
    const contact = await createContact(t.deps, { accountIds: [account.id] });
    const email = contact.emails[0]!;
    const { loginId } = await t.deps.db.transaction().execute((trx) =>
      t.deps.portalAccess.createSelfRegisteredLogin(trx, {
        contactId: contact.id,
        email,
        password: STRONG_PASSWORD,
        actor: systemActor,
      }),
    );
    expect(await t.deps.portalAccess.findLoginByPortalEmail(t.deps.db, email.toUpperCase())).toEqual({
      id: loginId,
      contactId: contact.id,
    });
    expect((await signIn(email, STRONG_PASSWORD)).statusCode).toBe(401);
    const token = await latestLinkToken(contact.id, 'email_verification');
    expect((await redeem({ token })).json()).toEqual({ outcome: 'email_verified' });
    expect((await signIn(email, STRONG_PASSWORD)).statusCode).toBe(200);
  });

  it('issueCredentialCreateLink returns null without usable access', async () => {
    const account = await createAccount(t.deps);
    const contact = await createContact(t.deps, { accountIds: [account.id] });
    const issue = () =>
      t.deps.db
        .transaction()
        .execute((trx) =>
          t.deps.portalAccess.issueCredentialCreateLink(trx, { contactId: contact.id, actor: systemActor }),
        );
    expect(await issue()).toBeNull();
    await staffPost(`/api/staff/contacts/${contact.id}/portal-access/grant`, {
      portalEmail: contact.emails[0],
      sendCredentialCreateEmail: false,
    });
    expect(await issue()).toMatchObject({ tokenId: expect.any(String) });
  });
});

describe('single use under concurrency', () => {
  it('16 concurrent redemptions of one link succeed exactly once', async () => {
    const { contact } = await activatedCustomer();
    t.clock.advanceSeconds(61);
    await staffPost(`/api/staff/contacts/${contact.id}/portal-access/login-link-email`);
    const token = await latestLinkToken(contact.id, 'login_link');
    const results: LightMyRequestResponse[] = await Promise.all(Array.from({ length: 16 }, () => redeem({ token })));
    expect(results.filter((response) => response.statusCode === 200)).toHaveLength(1);
    expect(results.filter((response) => response.statusCode === 400)).toHaveLength(15);
    const sessions = await t.deps.db
      .selectFrom('sessions')
      .select('idHash')
      .where('kind', '=', 'customer')
      .where('subjectId', '=', (await t.deps.portalAccess.findLoginByPortalEmail(t.deps.db, contact.emails[0]!))!.id)
      .execute();
    expect(sessions).toHaveLength(1);
  });
});
