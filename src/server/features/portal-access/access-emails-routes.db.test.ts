import { describe, expect, it } from 'vitest';
import { createAccount, createContact, unique } from '../../../../test/factories.ts';
import { portalAccessKit, setUpStaffSignedInApp } from '../../../../test/portal-access-kit.ts';

const app = setUpStaffSignedInApp();

const { staffPost, customerWithAccess, activatedCustomer } = portalAccessKit(() => app);

function messagesTo(contactId: string, kind: string) {
  return app.t.deps.db
    .selectFrom('outboxMessages')
    .select(['id', 'recipientsJson'])
    .where('contactId', '=', contactId)
    .where('kind', '=', kind)
    .orderBy('id')
    .execute();
}

function liveTokens(contactId: string, purpose: 'password_reset' | 'credential_create') {
  return app.t.deps.db
    .selectFrom('accessTokens')
    .select('id')
    .where('contactId', '=', contactId)
    .where('purpose', '=', purpose)
    .where('consumedAt', 'is', null)
    .where('supersededAt', 'is', null)
    .execute();
}

async function setEmailKind(kind: string, enabled: boolean) {
  const row = {
    kind,
    enabled: enabled ? (1 as const) : (0 as const),
    updatedAt: app.t.clock.now().toISOString(),
    updatedByStaffId: null,
  };
  await app.t.deps.db
    .insertInto('notificationSettings')
    .values(row)
    .onConflict((conflict) => conflict.column('kind').doUpdateSet({ enabled: row.enabled }))
    .execute();
}

describe('the access-email limit', () => {
  it('decides inside the transaction: 8 concurrent sends give one email and one working link', async () => {
    const { contact } = await activatedCustomer();
    const responses = await Promise.all(
      Array.from({ length: 8 }, () =>
        staffPost(`/api/staff/contacts/${contact.id}/portal-access/password-reset-email`),
      ),
    );
    expect(responses.map((response) => response.statusCode).sort()).toEqual([200, 429, 429, 429, 429, 429, 429, 429]);
    expect(await messagesTo(contact.id, 'password_reset')).toHaveLength(1);
    expect(await liveTokens(contact.id, 'password_reset')).toHaveLength(1);
  });

  it('lets a corrected portal email get its invitation at once', async () => {
    const { contact } = await customerWithAccess();
    const corrected = `${unique('corrected')}@example.test`;
    const regrant = await staffPost(`/api/staff/contacts/${contact.id}/portal-access/grant`, {
      portalEmail: corrected,
    });
    expect(regrant.statusCode, regrant.body).toBe(200);
    expect(regrant.json().credentialCreateEmailQueued).toBe(true);
    const invitations = await messagesTo(contact.id, 'credential_create');
    // The corrected portal email first, then the contact's primary address (seed 003).
    expect(invitations.slice(-2).map((message) => JSON.parse(message.recipientsJson))).toEqual([
      [corrected],
      [contact.emails[0]],
    ]);
  });

  it('lets staff deactivate, reactivate and trigger a reset again within the minute', async () => {
    const { contact, email } = await activatedCustomer();
    const path = `/api/staff/contacts/${contact.id}/portal-access`;
    expect((await staffPost(`${path}/password-reset-email`)).statusCode).toBe(200);
    expect((await staffPost(`${path}/revoke`)).statusCode).toBe(200);
    expect(
      (await staffPost(`${path}/grant`, { portalEmail: email, sendCredentialCreateEmail: false })).statusCode,
    ).toBe(200);
    const again = await staffPost(`${path}/password-reset-email`);
    expect(again.statusCode, again.body).toBe(200);
    expect(await liveTokens(contact.id, 'password_reset')).toHaveLength(1);
  });

  it('does not count a send skipped because its email kind is switched off', async () => {
    const { contact } = await activatedCustomer();
    const path = `/api/staff/contacts/${contact.id}/portal-access/password-reset-email`;
    await setEmailKind('password_reset', false);
    try {
      const skipped = await staffPost(path);
      expect(skipped.statusCode, skipped.body).toBe(200);
      expect(skipped.json().queued).toBe(false);
    } finally {
      await setEmailKind('password_reset', true);
    }
    const sent = await staffPost(path);
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json().queued).toBe(true);
  });

  it('does not make "Generate portal logins" skip a contact whose invitation was switched off', async () => {
    await setEmailKind('credential_create', false);
    let contactId: string;
    let accountId: string;
    try {
      const { contact, account } = await customerWithAccess();
      [contactId, accountId] = [contact.id, account.id];
    } finally {
      await setEmailKind('credential_create', true);
    }
    const plan = await app.t.app.inject({
      method: 'GET',
      url: `/api/staff/accounts/${accountId}/bulk-portal-logins`,
      headers: { cookie: app.staffCookie },
    });
    expect(plan.statusCode, plan.body).toBe(200);
    expect(plan.json().invite.map((entry: { contactId: string }) => entry.contactId)).toEqual([contactId]);
  });
});

describe('staff sending the setup link', () => {
  it('"send password reset" on a login nobody has set up sends the credential-create link and says so', async () => {
    const { contact } = await customerWithAccess();
    app.t.clock.advanceSeconds(61);
    const access = (
      await app.t.app.inject({
        method: 'GET',
        url: `/api/staff/contacts/${contact.id}/portal-access`,
        headers: { cookie: app.staffCookie },
      })
    ).json();
    expect(access.actions).toContain('send_password_reset');
    const response = await staffPost(`/api/staff/contacts/${contact.id}/portal-access/password-reset-email`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().purpose).toBe('credential_create');
    expect(await messagesTo(contact.id, 'credential_create')).toHaveLength(2);
    expect(await messagesTo(contact.id, 'password_reset')).toHaveLength(0);
  });

  it('switching the account on sends the setup link to contacts granted before', async () => {
    const account = await createAccount(app.t.deps, { portalAccessEnabled: 0 });
    const contact = await createContact(app.t.deps, { accountIds: [account.id] });
    const granted = await staffPost(`/api/staff/contacts/${contact.id}/portal-access/grant`, {
      portalEmail: contact.emails[0]!,
    });
    expect(granted.json().credentialCreateEmailQueued).toBe(false);
    const switched = await app.t.app.inject({
      method: 'PUT',
      url: `/api/staff/accounts/${account.id}/portal-access`,
      headers: { cookie: app.staffCookie },
      payload: { enabled: true },
    });
    expect(switched.statusCode, switched.body).toBe(200);
    expect(await messagesTo(contact.id, 'credential_create')).toHaveLength(1);
    expect(await liveTokens(contact.id, 'credential_create')).toHaveLength(1);
  });

  it('switching an inactive account on sends nothing: it may not use the portal', async () => {
    const account = await createAccount(app.t.deps, { portalAccessEnabled: 0, status: 'inactive' });
    const contact = await createContact(app.t.deps, { accountIds: [account.id] });
    await staffPost(`/api/staff/contacts/${contact.id}/portal-access/grant`, { portalEmail: contact.emails[0]! });
    const switched = await app.t.app.inject({
      method: 'PUT',
      url: `/api/staff/accounts/${account.id}/portal-access`,
      headers: { cookie: app.staffCookie },
      payload: { enabled: true },
    });
    expect(switched.statusCode, switched.body).toBe(200);
    expect(await messagesTo(contact.id, 'credential_create')).toHaveLength(0);
  });
});
