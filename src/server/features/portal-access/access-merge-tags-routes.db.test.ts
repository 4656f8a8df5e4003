import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createStaffMember, signInStaff } from '../../../../test/factories.ts';
import { capturedTo, deliverOutbox } from '../../../../test/outbox-helpers.ts';
import { portalAccessKit } from '../../../../test/portal-access-kit.ts';
import { createTestApp, type TestApp } from '../../../../test/test-app.ts';

let t: TestApp;
let staffMember: { email: string; password: string };
let staffCookie: string;

beforeAll(async () => {
  t = await createTestApp();
  staffMember = await createStaffMember(t.deps, { role: 'admin' });
});
beforeEach(async () => {
  staffCookie = await signInStaff(t.app, staffMember);
});
afterAll(() => t.close());

const { staffPost, customerWithAccess } = portalAccessKit(() => ({ t, staffCookie }));

const ACCOUNT_KINDS = ['welcome', 'credential_create', 'password_reset', 'login_link', 'email_verification'];

function saveTemplate(kind: string, template: { subject: string; text: string; html: string }) {
  return t.app.inject({
    method: 'PUT',
    url: `/api/staff/message-templates/${kind}`,
    headers: { cookie: staffCookie },
    payload: template,
  });
}

afterEach(async () => {
  for (const kind of ACCOUNT_KINDS)
    await t.app.inject({
      method: 'POST',
      url: `/api/staff/message-templates/${kind}/reset`,
      headers: { cookie: staffCookie },
    });
});

const KEY_LETTER = {
  subject: 'Welcome to {{account.name}}',
  text: 'Hello {{contact.firstName}}, account {{account.number}}, portal key {{account.portalKey}}. {{link}}',
  html: '<p>Account <b>{{account.number}}</b>, portal key <b>{{account.portalKey}}</b>. <a href="{{link}}">Open</a></p>',
};

describe('the account number and portal key as merge tags of access emails', () => {
  it('every customer-facing kind about an account accepts {{account.number}} and {{account.portalKey}}', async () => {
    for (const kind of ACCOUNT_KINDS) {
      const saved = await saveTemplate(kind, KEY_LETTER);
      expect(saved.statusCode, `${kind}: ${saved.body}`).toBe(200);
      expect(saved.json().mergeTags).toEqual(expect.arrayContaining(['account.number', 'account.portalKey']));
    }
  });

  it('the welcome letter carries the real, readable key and the account number', async () => {
    expect((await saveTemplate('welcome', KEY_LETTER)).statusCode).toBe(200);
    const { account, contact, email } = await customerWithAccess();
    const sent = await staffPost(`/api/staff/contacts/${contact.id}/portal-access/welcome-email`);
    expect(sent.statusCode, sent.body).toBe(200);
    await deliverOutbox(t.deps);
    const welcome = (await capturedTo(t.deps, email)).find((message) => message.kind === 'welcome')!;
    expect(welcome.text).toContain(`account ${account.accountNumber}, portal key ${account.portalKey}.`);
    expect(welcome.html).toContain(`portal key <b>${account.portalKey}</b>`);
    // The key left the outbox row with the payload once the message was sent.
    const row = await t.deps.db
      .selectFrom('outboxMessages')
      .select('payloadJson')
      .where('id', '=', welcome.id)
      .executeTakeFirstOrThrow();
    expect(row.payloadJson).toBeNull();
  });

  it('a template that does not show the key keeps it out of the queued message', async () => {
    const { account, contact } = await customerWithAccess();
    const queued = await t.deps.db
      .selectFrom('outboxMessages')
      .select('payloadJson')
      .where('contactId', '=', contact.id)
      .where('kind', '=', 'credential_create')
      .executeTakeFirstOrThrow();
    const payload = JSON.parse(queued.payloadJson!) as { account: { number: string; portalKey: string } };
    expect(payload.account).toMatchObject({ number: account.accountNumber, portalKey: '' });
    expect(queued.payloadJson).not.toContain(account.portalKey.replaceAll('-', ''));
  });
});
