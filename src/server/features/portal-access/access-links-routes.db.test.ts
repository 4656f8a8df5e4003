import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { systemActor } from '../../actor.ts';
import { createAccount, createContact, unique } from '../../../../test/factories.ts';
import {
  OTHER_PASSWORD,
  portalAccessKit,
  STRONG_PASSWORD,
  setUpStaffSignedInApp,
} from '../../../../test/portal-access-kit.ts';
import { sessionCookie } from '../../../../test/test-app.ts';

const app = setUpStaffSignedInApp();

const { staffPost, customerWithAccess, latestLinkToken, inspect, redeem, signIn, activatedCustomer, customerGet } =
  portalAccessKit(() => app);

describe('credential-create link', () => {
  it('opens without being consumed, sets username and password once, and then signs in', async () => {
    const { contact, email } = await customerWithAccess();
    const token = await latestLinkToken(contact.id, 'credential_create');

    // A mail scanner opening the link (any number of times) consumes nothing.
    expect(await inspect(token)).toMatchObject({ status: 'valid', form: 'credentials', firstName: 'Maria' });
    expect(await inspect(token)).toMatchObject({ status: 'valid' });
    const stored = await app.t.deps.db
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

    // A session this browser already held (someone else's) ends; the new login gets a fresh one.
    const other = await activatedCustomer();
    const otherSession = sessionCookie(await signIn(other.username, STRONG_PASSWORD));
    const used = await app.t.app.inject({
      method: 'POST',
      url: '/api/portal/links/redeem',
      headers: { cookie: otherSession },
      payload: { token, username, password: STRONG_PASSWORD },
    });
    expect(used.statusCode, used.body).toBe(200);
    expect(used.json()).toEqual({ outcome: 'signed_in' });
    const fresh = sessionCookie(used);
    expect(fresh).not.toBe(otherSession);
    expect((await customerGet('/api/portal/session', fresh)).json()).toMatchObject({ username });
    expect((await customerGet('/api/portal/session', otherSession)).statusCode).toBe(401);

    expect(await inspect(token)).toEqual({ status: 'used' });
    expect((await redeem({ token, username, password: STRONG_PASSWORD })).statusCode).toBe(400);

    for (const identifier of [username.toUpperCase(), email]) {
      const response = await signIn(identifier, STRONG_PASSWORD);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toEqual({ mustChangePassword: false });
    }
    const access = (await customerGet(`/api/staff/contacts/${contact.id}/portal-access`, app.staffCookie)).json();
    expect(access.state).toBe('active');
    expect(access.actions).toContain('send_password_reset');
    expect(access.actions).not.toContain('send_credential_create');
  });

  it('tells the customer at once when a username is taken', async () => {
    const first = await activatedCustomer();
    const second = await customerWithAccess();
    const token = await latestLinkToken(second.contact.id, 'credential_create');
    const check = await app.t.app.inject({
      method: 'POST',
      url: '/api/portal/links/username-availability',
      payload: { token, username: first.username.toUpperCase() },
    });
    expect(check.json()).toEqual({ available: false, message: 'That username is taken. Choose another.' });
    const free = await app.t.app.inject({
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
    app.t.clock.advanceSeconds(61);
    expect(
      (await staffPost(`/api/staff/contacts/${contact.id}/portal-access/credential-create-email`)).statusCode,
    ).toBe(200);
    const secondToken = await latestLinkToken(contact.id, 'credential_create');
    expect(await inspect(firstToken)).toEqual({ status: 'invalid' });
    expect(await inspect(secondToken)).toMatchObject({ status: 'valid' });
    const statuses = await app.t.deps.db
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
    app.t.clock.advanceSeconds(61);
    expect(
      (await staffPost(`/api/staff/contacts/${contact.id}/portal-access/credential-create-email`)).statusCode,
    ).toBe(200);
  });
});

describe('password reset', () => {
  it('forgot-password answers identically for known and unknown logins, and the link resets once', async () => {
    const { contact, email } = await activatedCustomer();
    const known = await app.t.app.inject({
      method: 'POST',
      url: '/api/portal/password-reset',
      payload: { login: email },
    });
    const unknown = await app.t.app.inject({
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
    // ...but signing in with the password kills the reset link: whoever remembered it no longer needs one.
    expect(await inspect(token)).toEqual({ status: 'invalid' });

    app.t.clock.advanceSeconds(61);
    await app.t.app.inject({ method: 'POST', url: '/api/portal/password-reset', payload: { login: email } });
    const freshToken = await latestLinkToken(contact.id, 'password_reset');
    expect(freshToken).not.toBe(token);
    expect((await redeem({ token: freshToken, password: OTHER_PASSWORD })).json()).toEqual({
      outcome: 'password_reset',
    });
    expect((await signIn(email, OTHER_PASSWORD)).statusCode).toBe(200);
  });

  it('a reset link dies when the password changes another way', async () => {
    const { contact, email } = await activatedCustomer();
    app.t.clock.advanceSeconds(61);
    expect((await staffPost(`/api/staff/contacts/${contact.id}/portal-access/password-reset-email`)).statusCode).toBe(
      200,
    );
    const token = await latestLinkToken(contact.id, 'password_reset');
    expect(await inspect(token)).toMatchObject({ status: 'valid', form: 'new_password' });

    const session = sessionCookie(await signIn(email, STRONG_PASSWORD));
    const change = await app.t.app.inject({
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
    const notice = await app.t.deps.db
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
    app.t.clock.advanceSeconds(61);
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
    app.t.clock.advanceSeconds(61);
    expect((await staffPost(`/api/staff/contacts/${contact.id}/portal-access/login-link-email`)).statusCode).toBe(200);
    const token = await latestLinkToken(contact.id, 'login_link');
    const used = await redeem({ token });
    expect(used.json()).toEqual({ outcome: 'signed_in' });
    expect((await customerGet('/api/portal/session', sessionCookie(used))).statusCode).toBe(200);

    app.t.clock.advanceSeconds(61);
    await staffPost(`/api/staff/contacts/${contact.id}/portal-access/login-link-email`);
    const second = await latestLinkToken(contact.id, 'login_link');
    app.t.clock.advanceSeconds(15 * 60 - 1);
    expect(await inspect(second)).toMatchObject({ status: 'valid' });
    app.t.clock.advanceSeconds(2);
    expect(await inspect(second)).toEqual({ status: 'expired' });
    expect((await redeem({ token: second })).statusCode).toBe(400);
  });

  it('is refused for a login that is not set up yet', async () => {
    const { contact } = await customerWithAccess();
    const response = await staffPost(`/api/staff/contacts/${contact.id}/portal-access/login-link-email`);
    expect(response.statusCode).toBe(409);
  });
});

describe('self-registration surface', () => {
  it('creates a login that cannot sign in until the email is verified', async () => {
    const account = await createAccount(app.t.deps);
    const contact = await createContact(app.t.deps, { accountIds: [account.id] });
    const email = contact.emails[0]!;
    const { loginId } = await app.t.deps.db.transaction().execute((trx) =>
      app.t.deps.portalAccess.createSelfRegisteredLogin(trx, {
        contactId: contact.id,
        email,
        password: STRONG_PASSWORD,
        actor: systemActor,
      }),
    );
    expect(await app.t.deps.portalAccess.findLoginByPortalEmail(app.t.deps.db, email.toUpperCase())).toEqual({
      id: loginId,
      contactId: contact.id,
    });
    expect((await signIn(email, STRONG_PASSWORD)).statusCode).toBe(401);
    const token = await latestLinkToken(contact.id, 'email_verification');
    expect((await redeem({ token })).json()).toEqual({ outcome: 'email_verified' });
    expect((await signIn(email, STRONG_PASSWORD)).statusCode).toBe(200);
  });

  it('issueCredentialCreateLink returns null without usable access', async () => {
    const account = await createAccount(app.t.deps);
    const contact = await createContact(app.t.deps, { accountIds: [account.id] });
    const issue = () =>
      app.t.deps.db
        .transaction()
        .execute((trx) =>
          app.t.deps.portalAccess.issueCredentialCreateLink(trx, { contactId: contact.id, actor: systemActor }),
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
    app.t.clock.advanceSeconds(61);
    await staffPost(`/api/staff/contacts/${contact.id}/portal-access/login-link-email`);
    const token = await latestLinkToken(contact.id, 'login_link');
    const loginId = (await app.t.deps.portalAccess.findLoginByPortalEmail(app.t.deps.db, contact.emails[0]!))!.id;
    const sessionsOfLogin = () =>
      app.t.deps.db
        .selectFrom('sessions')
        .select('idHash')
        .where('kind', '=', 'customer')
        .where('subjectId', '=', loginId)
        .execute();
    // Setting up the login signed the customer in once already.
    const before = (await sessionsOfLogin()).length;
    const results: LightMyRequestResponse[] = await Promise.all(Array.from({ length: 16 }, () => redeem({ token })));
    expect(results.filter((response) => response.statusCode === 200)).toHaveLength(1);
    expect(results.filter((response) => response.statusCode === 400)).toHaveLength(15);
    expect(await sessionsOfLogin()).toHaveLength(before + 1);
  });
});
