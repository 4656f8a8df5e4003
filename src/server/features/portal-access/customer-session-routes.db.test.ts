import { describe, expect, it } from 'vitest';
import { systemActor } from '../../actor.ts';
import { createAccount, createStaffMember } from '../../../../test/factories.ts';
import {
  OTHER_PASSWORD,
  portalAccessKit,
  STRONG_PASSWORD,
  setUpStaffSignedInApp,
} from '../../../../test/portal-access-kit.ts';
import { sessionCookie } from '../../../../test/test-app.ts';

const app = setUpStaffSignedInApp();

const { staffPost, customerWithAccess, latestLinkToken, inspect, signIn, activatedCustomer, customerGet } =
  portalAccessKit(() => app);

describe('temporary password', () => {
  it('is shown once, forces a change at first sign-in and is never stored in the outbox unless emailed', async () => {
    const { contact, email } = await customerWithAccess();
    const response = await staffPost(`/api/staff/contacts/${contact.id}/portal-access/temporary-password`, {
      sendEmail: false,
    });
    expect(response.statusCode, response.body).toBe(200);
    const { password, emailed } = response.json();
    expect(emailed).toBe(false);
    const outbox = await app.t.deps.db
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
    const change = await app.t.app.inject({
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
    const mail = await app.t.deps.db
      .selectFrom('outboxMessages')
      .select('payloadJson')
      .where('contactId', '=', contact.id)
      .where('kind', '=', 'temporary_password')
      .executeTakeFirstOrThrow();
    expect(mail.payloadJson).toContain(password);
    app.t.clock.advanceSeconds(24 * 3600 + 1);
    expect((await signIn(email, password)).statusCode).toBe(401);
  });
});

describe('a temporary password typed by staff', () => {
  it('is checked against the policy, typed twice, never emailed or echoed, and must be changed at first sign-in', async () => {
    const { contact, email } = await customerWithAccess();
    const path = `/api/staff/contacts/${contact.id}/portal-access/temporary-password`;
    const weak = await staffPost(path, { password: 'short', confirmPassword: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.fields[0].path).toBe('password');
    const typo = await staffPost(path, { password: OTHER_PASSWORD, confirmPassword: `${OTHER_PASSWORD}x` });
    expect(typo.json().error.fields[0].path).toBe('confirmPassword');
    const emailed = await staffPost(path, {
      password: OTHER_PASSWORD,
      confirmPassword: OTHER_PASSWORD,
      sendEmail: true,
    });
    expect(emailed.json().error.fields[0].path).toBe('sendEmail');
    const noReason = await app.t.app.inject({
      method: 'POST',
      url: path,
      headers: { cookie: app.staffCookie },
      payload: { password: OTHER_PASSWORD, confirmPassword: OTHER_PASSWORD },
    });
    expect(noReason.statusCode).toBe(400);

    const set = await staffPost(path, { password: OTHER_PASSWORD, confirmPassword: OTHER_PASSWORD });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ password: null, emailed: false });
    const stored = await app.t.deps.db
      .selectFrom('outboxMessages')
      .select('payloadJson')
      .where('contactId', '=', contact.id)
      .where('kind', '=', 'temporary_password')
      .execute();
    expect(stored).toHaveLength(0);
    const audit = await app.t.deps.db
      .selectFrom('auditEvents')
      .selectAll()
      .where('subjectId', '=', contact.id)
      .execute();
    expect(JSON.stringify(audit)).not.toContain(OTHER_PASSWORD);

    const signedIn = await signIn(email, OTHER_PASSWORD);
    expect(signedIn.json()).toEqual({ mustChangePassword: true });
    expect((await customerGet('/api/portal/accounts', sessionCookie(signedIn))).statusCode).toBe(403);
    app.t.clock.advanceSeconds(24 * 3600 + 1);
    expect((await signIn(email, OTHER_PASSWORD)).statusCode).toBe(401);
  });
});

describe('the last sign-in', () => {
  it('is kept to the minute: a sign-in within a minute of the recorded one leaves it', async () => {
    const { contact, username } = await activatedCustomer();
    const lastSignIn = async () =>
      (
        await app.t.deps.db
          .selectFrom('portalLogins')
          .select('lastSignInAt')
          .where('contactId', '=', contact.id)
          .executeTakeFirstOrThrow()
      ).lastSignInAt;
    const before = await lastSignIn();
    app.t.clock.advanceSeconds(120);
    expect((await signIn(username, STRONG_PASSWORD)).statusCode).toBe(200);
    const first = await lastSignIn();
    expect(first).toBe(app.t.clock.now().toISOString());
    expect(first).not.toBe(before);
    app.t.clock.advanceSeconds(30);
    expect((await signIn(username, STRONG_PASSWORD)).statusCode).toBe(200);
    expect(await lastSignIn()).toBe(first);
    app.t.clock.advanceSeconds(30);
    expect((await signIn(username, STRONG_PASSWORD)).statusCode).toBe(200);
    expect(await lastSignIn()).toBe(app.t.clock.now().toISOString());
  });
});

describe('accounts', () => {
  it('an inactive account may not use the portal: sessions end (cached ones too), sign-in says why, staff see it', async () => {
    const { account, contact, email } = await activatedCustomer();
    const setStatus = (status: string) =>
      app.t.app.inject({
        method: 'PUT',
        url: `/api/staff/accounts/${account.id}/status`,
        headers: { cookie: app.staffCookie },
        payload: { status },
      });
    const cookie = sessionCookie(await signIn(email, STRONG_PASSWORD));
    // Two reads: the second comes from the principal cache.
    expect((await customerGet('/api/portal/accounts', cookie)).statusCode).toBe(200);
    expect((await customerGet('/api/portal/accounts', cookie)).statusCode).toBe(200);
    expect((await setStatus('inactive')).statusCode).toBe(200);
    expect((await customerGet('/api/portal/accounts', cookie)).statusCode).toBe(401);

    const refused = await signIn(email, STRONG_PASSWORD);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toMatch(/account is not active/);
    // A wrong password still gets the generic answer: the status is told only to whoever knows the password.
    const wrong = await signIn(email, OTHER_PASSWORD);
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.message).not.toMatch(/active/);

    const access = (await customerGet(`/api/staff/contacts/${contact.id}/portal-access`, app.staffCookie)).json();
    expect(access).toMatchObject({ accountInactive: true, accountAccessEnabled: false });
    // The account's Portal access tab says so too.
    const tab = (await customerGet(`/api/staff/accounts/${account.id}/portal-access`, app.staffCookie)).json();
    expect(tab).toMatchObject({ portalAccessEnabled: true, accountInactive: true });
    expect((await setStatus('prospect')).statusCode).toBe(200);
    expect(
      (await customerGet(`/api/staff/accounts/${account.id}/portal-access`, app.staffCookie)).json(),
    ).toMatchObject({
      accountInactive: false,
    });
    expect((await signIn(email, STRONG_PASSWORD)).statusCode).toBe(200);
  });

  it('switching the account off ends the sessions of its contacts and blocks sign-in', async () => {
    const { account, email } = await activatedCustomer();
    const cookie = sessionCookie(await signIn(email, STRONG_PASSWORD));
    const off = await app.t.app.inject({
      method: 'PUT',
      url: `/api/staff/accounts/${account.id}/portal-access`,
      headers: { cookie: app.staffCookie },
      payload: { enabled: false },
    });
    expect(off.statusCode, off.body).toBe(200);
    const access = await customerGet(`/api/staff/accounts/${account.id}/portal-access`, app.staffCookie);
    expect(access.json()).toMatchObject({ portalAccessEnabled: false, contacts: [{ state: 'active' }] });
    expect((await customerGet('/api/portal/session', cookie)).statusCode).toBe(401);
    expect((await signIn(email, STRONG_PASSWORD)).statusCode).toBe(401);
    await app.t.app.inject({
      method: 'PUT',
      url: `/api/staff/accounts/${account.id}/portal-access`,
      headers: { cookie: app.staffCookie },
      payload: { enabled: true },
    });
    expect((await signIn(email, STRONG_PASSWORD)).statusCode).toBe(200);
  });

  it('the account hook ends sessions when another feature switches access off', async () => {
    const { account, email } = await activatedCustomer();
    const cookie = sessionCookie(await signIn(email, STRONG_PASSWORD));
    await app.t.deps.db.transaction().execute(async (trx) => {
      await trx.updateTable('accounts').set({ portalAccessEnabled: 0 }).where('id', '=', account.id).execute();
      await app.t.deps.portalAccess.accountHooks.afterPortalAccessChange(trx, {
        account: { ...account, portalAccessEnabled: 0 },
        enabled: false,
        actor: systemActor,
      });
    });
    expect((await customerGet('/api/portal/session', cookie)).statusCode).toBe(401);
  });

  it('an account becoming current sends the welcome email to contacts with access', async () => {
    const { account, contact } = await customerWithAccess({ accountStatus: 'prospect' });
    await app.t.deps.db.transaction().execute(async (trx) => {
      await app.t.deps.portalAccess.accountHooks.afterStatusChange(trx, {
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
    const other = await createAccount(app.t.deps);
    const cookie = sessionCookie(await signIn(mine.email, STRONG_PASSWORD));
    const list = (await customerGet('/api/portal/accounts', cookie)).json();
    expect(list.items.map((item: { id: string }) => item.id)).toEqual([mine.account.id]);
    expect(JSON.stringify(list)).not.toContain(other.id);
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
    const change = await app.t.app.inject({
      method: 'POST',
      url: '/api/portal/session/password',
      headers: { cookie },
      payload: { currentPassword: STRONG_PASSWORD, newPassword: OTHER_PASSWORD },
    });
    expect(change.statusCode).toBe(403);
    const audit = await app.t.deps.db
      .selectFrom('auditEvents')
      .select('action')
      .where('subjectId', '=', contact.id)
      .where('action', '=', 'portal_access.view_as_started')
      .execute();
    expect(audit).toHaveLength(1);
    app.t.clock.advanceSeconds(3601);
    expect((await customerGet('/api/portal/accounts', cookie)).statusCode).toBe(401);
  });

  it('is refused for a staff member’s own contact record', async () => {
    const { contact } = await activatedCustomer();
    await app.t.deps.db
      .updateTable('contacts')
      .set({ staffMemberId: (await createStaffMember(app.t.deps)).id })
      .where('id', '=', contact.id)
      .execute();
    expect((await staffPost(`/api/staff/contacts/${contact.id}/portal-access/view-as`)).statusCode).toBe(403);
  });
});
