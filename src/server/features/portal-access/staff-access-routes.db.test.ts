import { describe, expect, it } from 'vitest';
import { createAccount, createContact, signInStaff, unique } from '../../../../test/factories.ts';
import { capturedTo, deliverOutbox } from '../../../../test/outbox-helpers.ts';
import { portalAccessKit, STRONG_PASSWORD, setUpStaffSignedInApp } from '../../../../test/portal-access-kit.ts';
import { sessionCookie } from '../../../../test/test-app.ts';

const app = setUpStaffSignedInApp();

const { staffPost, customerWithAccess, latestLinkToken, inspect, signIn, activatedCustomer, customerGet } =
  portalAccessKit(() => app);

describe('states and staff actions', () => {
  it('offers exactly the actions of each state and refuses the others', async () => {
    const account = await createAccount(app.t.deps);
    const contact = await createContact(app.t.deps, { accountIds: [account.id] });
    const none = (await customerGet(`/api/staff/contacts/${contact.id}/portal-access`, app.staffCookie)).json();
    expect(none).toMatchObject({ state: 'no_access', actions: ['grant'], suggestedEmail: contact.emails[0] });

    await staffPost(`/api/staff/contacts/${contact.id}/portal-access/grant`, {
      portalEmail: contact.emails[0],
      sendCredentialCreateEmail: false,
    });
    expect((await staffPost(`/api/staff/contacts/${contact.id}/portal-access/login-link-email`)).statusCode).toBe(409);

    const username = unique('staffset');
    const named = await app.t.app.inject({
      method: 'PUT',
      url: `/api/staff/contacts/${contact.id}/portal-access/username`,
      headers: { cookie: app.staffCookie },
      payload: { username },
    });
    expect(named.json()).toMatchObject({ state: 'not_activated', username });
    expect(named.json().actions).toEqual([
      'grant',
      'send_credential_create',
      'send_password_reset',
      'resend_welcome',
      'set_temporary_password',
      'update_username',
      'delete_username',
      'revoke',
    ]);

    const cleared = await app.t.app.inject({
      method: 'DELETE',
      url: `/api/staff/contacts/${contact.id}/portal-access/username`,
      headers: { cookie: app.staffCookie },
    });
    expect(cleared.json()).toMatchObject({ state: 'no_username', username: null });

    const revoked = await staffPost(`/api/staff/contacts/${contact.id}/portal-access/revoke`);
    expect(revoked.json()).toMatchObject({ state: 'deactivated', actions: ['grant'] });

    const audit = await app.t.deps.db
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
    const account = await createAccount(app.t.deps);
    const other = await createContact(app.t.deps, { accountIds: [account.id] });
    const response = await staffPost(`/api/staff/contacts/${other.id}/portal-access/grant`, {
      portalEmail: email.toUpperCase(),
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.fields[0].path).toBe('portalEmail');
  });

  it('tells the old address when staff move the login to another portal email, with no secret in it', async () => {
    const { contact, email } = await activatedCustomer();
    const newEmail = `${unique('moved')}@example.test`;
    const moved = await staffPost(`/api/staff/contacts/${contact.id}/portal-access/grant`, {
      portalEmail: newEmail,
      sendCredentialCreateEmail: false,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    await deliverOutbox(app.t.deps);
    const notices = (await capturedTo(app.t.deps, email)).filter((message) => message.kind === 'portal_email_changed');
    expect(notices).toHaveLength(1);
    const [notice] = notices;
    expect(notice!.subject).toBe('Your portal login now uses another email address');
    expect(notice!.text).toContain(`${newEmail.slice(0, 2)}•••@example.test`);
    expect(notice!.text).not.toContain(newEmail);
    expect(notice!.links).toEqual(['http://portico.test/portal/sign-in']);
    expect(await capturedTo(app.t.deps, newEmail)).toEqual([]);

    // Only a real change notifies: granting the same address again does not.
    await staffPost(`/api/staff/contacts/${contact.id}/portal-access/grant`, {
      portalEmail: newEmail,
      sendCredentialCreateEmail: false,
    });
    await deliverOutbox(app.t.deps);
    expect(
      (await capturedTo(app.t.deps, newEmail)).filter((message) => message.kind === 'portal_email_changed'),
    ).toEqual([]);
  });

  it('locks after repeated failures, shows it to staff, and unlocks', async () => {
    const { contact, username } = await activatedCustomer();
    for (let attempt = 0; attempt < 5; attempt++)
      expect((await signIn(username, 'wrong password entirely')).statusCode).toBe(401);
    expect((await signIn(username, STRONG_PASSWORD)).statusCode).toBe(429);
    const locked = (await customerGet(`/api/staff/contacts/${contact.id}/portal-access`, app.staffCookie)).json();
    expect(locked).toMatchObject({
      state: 'locked',
      actions: ['grant', 'unlock', 'send_password_reset', 'view_as', 'revoke'],
    });
    expect((await staffPost(`/api/staff/contacts/${contact.id}/portal-access/unlock`)).json().state).toBe('active');
    expect((await signIn(username, STRONG_PASSWORD)).statusCode).toBe(200);

    const timeline = (
      await customerGet(`/api/staff/contacts/${contact.id}/portal-access/timeline`, app.staffCookie)
    ).json().items as Array<{ kind: string; linkState: string | null; delivery: string | null }>;
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
    app.t.clock.advanceSeconds(61);
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

describe('access timeline', () => {
  it('shows the delivery and the fate of each link sent', async () => {
    const { contact } = await customerWithAccess();
    await deliverOutbox(app.t.deps);
    const timelineOf = async () =>
      (await customerGet(`/api/staff/contacts/${contact.id}/portal-access/timeline`, app.staffCookie)).json()
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
    app.t.clock.advanceSeconds(48 * 3600 + 1);
    app.staffCookie = await signInStaff(app.t.app, app.staffMember);
    expect((await timelineOf()).find((entry) => entry.kind === 'link_sent')).toMatchObject({ linkState: 'expired' });
  });
});

describe('granting under concurrency', () => {
  it('concurrent grants for one contact make one login and one invitation, never a 500', async () => {
    const account = await createAccount(app.t.deps, { status: 'current' });
    const contact = await createContact(app.t.deps, { accountIds: [account.id] });
    const responses = await Promise.all(
      [1, 2].map(() =>
        staffPost(`/api/staff/contacts/${contact.id}/portal-access/grant`, { portalEmail: contact.emails[0]! }),
      ),
    );
    for (const response of responses) expect([200, 409], response.body).toContain(response.statusCode);
    expect(responses.some((response) => response.statusCode === 200)).toBe(true);
    const logins = await app.t.deps.db
      .selectFrom('portalLogins')
      .select('id')
      .where('contactId', '=', contact.id)
      .execute();
    expect(logins).toHaveLength(1);
    const invitations = await app.t.deps.db
      .selectFrom('outboxMessages')
      .select('id')
      .where('contactId', '=', contact.id)
      .where('kind', '=', 'credential_create')
      .execute();
    expect(invitations).toHaveLength(1);
  });

  it('two contacts granted one address at the same moment: one gets it, the other a 409', async () => {
    const account = await createAccount(app.t.deps, { status: 'current' });
    const first = await createContact(app.t.deps, { accountIds: [account.id] });
    const second = await createContact(app.t.deps, { accountIds: [account.id] });
    const portalEmail = `${unique('shared')}@example.test`;
    const responses = await Promise.all(
      [first, second].map((contact) =>
        staffPost(`/api/staff/contacts/${contact.id}/portal-access/grant`, { portalEmail }),
      ),
    );
    expect(responses.map((response) => response.statusCode).sort()).toEqual([200, 409]);
    const refused = responses.find((response) => response.statusCode === 409)!;
    expect(refused.json().error.fields[0].path).toBe('portalEmail');
  });
});
