import { describe, expect, it } from 'vitest';
import { createAccount, createContact, unique } from '../../../../test/factories.ts';
import { capturedTo, deliverOutbox } from '../../../../test/outbox-helpers.ts';
import { portalAccessKit, STRONG_PASSWORD, setUpStaffSignedInApp } from '../../../../test/portal-access-kit.ts';

const app = setUpStaffSignedInApp();

const { staffPost, redeem } = portalAccessKit(() => app);

/** A contact whose Primary Email Address field holds two addresses, granted access with the first. */
async function contactWithTwoPrimaryAddresses() {
  const account = await createAccount(app.t.deps);
  const [first, second] = [`${unique('first')}@customer.test`, `${unique('second')}@customer.test`];
  const contact = await createContact(app.t.deps, {
    accountIds: [account.id],
    firstName: 'Maria',
    emails: [first, second],
  });
  const granted = await staffPost(`/api/staff/contacts/${contact.id}/portal-access/grant`, { portalEmail: first });
  expect(granted.statusCode, granted.body).toBe(200);
  return { contact, first, second };
}

/** The one-time link of the newest captured email of a kind to one address. */
async function linkAt(address: string, kind: string): Promise<string> {
  const mail = (await capturedTo(app.t.deps, address)).find((message) => message.kind === kind);
  expect(mail?.to, `no ${kind} email to ${address}`).toEqual([address]);
  const link = mail!.links.find((candidate) => candidate.includes('/portal/link/'));
  expect(link).toBeDefined();
  return link!;
}

const tokenOf = (link: string) => link.split('/').pop()!;

async function timelineEntry(contactId: string, purpose: string) {
  const response = await app.t.app.inject({
    method: 'GET',
    url: `/api/staff/contacts/${contactId}/portal-access/timeline`,
    headers: { cookie: app.staffCookie },
  });
  expect(response.statusCode, response.body).toBe(200);
  return (response.json().items as Array<Record<string, unknown>>).find(
    (item) => item.kind === 'link_sent' && item.purpose === purpose,
  )!;
}

describe('every primary email address receives the credential-create and reset emails', () => {
  it('sends the credential-create email to both addresses with one link that works once; the timeline lists both', async () => {
    const { contact, first, second } = await contactWithTwoPrimaryAddresses();
    await deliverOutbox(app.t.deps);
    const [atFirst, atSecond] = [await linkAt(first, 'credential_create'), await linkAt(second, 'credential_create')];
    expect(atSecond).toBe(atFirst);

    const entry = await timelineEntry(contact.id, 'credential_create');
    expect(entry.recipients).toEqual([
      { email: first, delivery: 'sent' },
      { email: second, delivery: 'sent' },
    ]);
    expect(entry.delivery).toBe('sent');

    const username = unique('maria').replaceAll('-', '.');
    const used = await redeem({ token: tokenOf(atSecond), username, password: STRONG_PASSWORD });
    expect(used.statusCode, used.body).toBe(200);
    const again = await redeem({ token: tokenOf(atFirst), username: `${username}2`, password: STRONG_PASSWORD });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe('invalid_link');
  });

  it('sends the reset email, from staff and from "forgot password", to both addresses with one link that works once', async () => {
    const { contact, first, second } = await contactWithTwoPrimaryAddresses();
    await deliverOutbox(app.t.deps);
    const username = unique('maria').replaceAll('-', '.');
    const setUp = await redeem({
      token: tokenOf(await linkAt(first, 'credential_create')),
      username,
      password: STRONG_PASSWORD,
    });
    expect(setUp.statusCode, setUp.body).toBe(200);

    const sent = await staffPost(`/api/staff/contacts/${contact.id}/portal-access/password-reset-email`);
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json()).toMatchObject({ queued: true, purpose: 'password_reset', sentTo: [first, second] });
    await deliverOutbox(app.t.deps);
    const link = await linkAt(first, 'password_reset');
    expect(await linkAt(second, 'password_reset')).toBe(link);
    expect((await timelineEntry(contact.id, 'password_reset')).recipients).toEqual([
      { email: first, delivery: 'sent' },
      { email: second, delivery: 'sent' },
    ]);
    const reset = await redeem({ token: tokenOf(link), password: 'copper meadow lantern glacier' });
    expect(reset.statusCode, reset.body).toBe(200);
    expect((await redeem({ token: tokenOf(link), password: 'copper meadow lantern glacier' })).json().error.code).toBe(
      'invalid_link',
    );

    // The customer's own "forgot password" (past the per-kind minute) reaches both addresses too.
    app.t.clock.advanceSeconds(61);
    const forgot = await app.t.app.inject({
      method: 'POST',
      url: '/api/portal/password-reset',
      payload: { login: username },
    });
    expect(forgot.statusCode, forgot.body).toBe(202);
    // Forgot-password issues its link in a deferred task, as a worker would run it.
    await app.t.deps.deferredTasks.runDue();
    await deliverOutbox(app.t.deps);
    const forgotLink = await linkAt(second, 'password_reset');
    expect(forgotLink).not.toBe(link);
    expect(await linkAt(first, 'password_reset')).toBe(forgotLink);
  });

  it('sends to the portal email first, then to the other primary addresses', async () => {
    const account = await createAccount(app.t.deps);
    const [first, second] = [`${unique('first')}@customer.test`, `${unique('second')}@customer.test`];
    const contact = await createContact(app.t.deps, { accountIds: [account.id], emails: [first, second] });
    await staffPost(`/api/staff/contacts/${contact.id}/portal-access/grant`, {
      portalEmail: second.toUpperCase(),
      sendCredentialCreateEmail: false,
    });
    const sent = await staffPost(`/api/staff/contacts/${contact.id}/portal-access/credential-create-email`);
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json().sentTo).toEqual([second.toUpperCase(), first]);
    const rows = await app.t.deps.db
      .selectFrom('outboxMessages')
      .select('recipientsJson')
      .where('contactId', '=', contact.id)
      .where('kind', '=', 'credential_create')
      .orderBy('id')
      .execute();
    expect(rows.map((row) => JSON.parse(row.recipientsJson))).toEqual([[second.toUpperCase()], [first]]);
  });
});
