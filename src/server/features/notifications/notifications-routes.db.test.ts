import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffMember, signInStaff } from '../../../../test/factories.ts';
import { capturedTo, deliverOutbox } from '../../../../test/outbox-helpers.ts';
import { createTestApp, type TestApp } from '../../../../test/test-app.ts';
import { HIDDEN_LINK_TEXT } from '../../outbox/live-links.ts';
import { enqueue } from '../../outbox/outbox.ts';

describe('notifications API', () => {
  let testApp: TestApp;
  let adminCookie: string;
  let supportCookie: string;
  beforeAll(async () => {
    testApp = await createTestApp();
    adminCookie = await signInStaff(
      testApp.app,
      await createStaffMember(testApp.deps, { role: 'admin', name: 'Alex Admin' }),
    );
    supportCookie = await signInStaff(testApp.app, await createStaffMember(testApp.deps, { role: 'support' }));
  });
  afterAll(() => testApp.close());

  const call = (method: 'GET' | 'POST' | 'PUT', url: string, cookie: string, payload?: Record<string, unknown>) =>
    testApp.app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload }) });

  it('hides a live one-time link in the stored message and in the Outbox API, for every role', async () => {
    const token = 'Qm9vdHN0cmFwLXRva2VuLW9mLTQzLWNoYXJhY3RlcnMx';
    const link = `${testApp.deps.config.publicUrl}/portal/link/${token}`;
    await testApp.deps.db.transaction().execute((trx) =>
      enqueue(trx, testApp.clock, {
        kind: 'password_reset',
        to: ['linked@customer.test'],
        payload: {
          contact: { firstName: 'Lin' },
          account: { name: 'Harbor Point Lofts', number: 'A-10423', portalKey: '' },
          link,
          expiresAt: '2030-01-01T00:00:00.000Z',
        },
        expiresAt: new Date('2030-01-01T00:00:00.000Z'),
      }),
    );
    await deliverOutbox(testApp.deps);
    const [delivered] = await capturedTo(testApp.deps, 'linked@customer.test');
    expect(delivered?.links).toContain(link);
    const stored = await testApp.deps.db
      .selectFrom('outboxMessages')
      .select(['renderedText', 'renderedHtml', 'payloadJson'])
      .where('id', '=', delivered!.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(stored.renderedText).toContain(HIDDEN_LINK_TEXT);
    for (const cookie of [adminCookie, supportCookie]) {
      const listed = await call('GET', '/api/staff/outbox-messages?to=linked@customer.test', cookie);
      expect(listed.body).not.toContain(token);
      expect(listed.json().items[0].text).toContain('link hidden — send a new one');
    }
  });

  it('sends a test email that shows up, rendered, in the outbox list filtered by recipient', async () => {
    const sent = await call('POST', '/api/staff/notification-test-messages', supportCookie, {
      channel: 'email',
      to: 'Ops@Vendor.test',
    });
    expect(sent.statusCode).toBe(202);
    const { id } = sent.json() as { id: string };
    const queued = await call('GET', '/api/staff/outbox-messages?to=ops@vendor.test', adminCookie);
    expect(queued.json().items).toEqual([expect.objectContaining({ id, status: 'queued', subject: null, text: null })]);
    await deliverOutbox(testApp.deps);
    const list = await call(
      'GET',
      '/api/staff/outbox-messages?to=ops%40vendor.test&status=sent&kind=staff_test_email',
      adminCookie,
    );
    expect(list.statusCode).toBe(200);
    const [item] = list.json().items;
    expect(item).toMatchObject({
      id,
      kind: 'staff_test_email',
      kindLabel: 'Test email',
      channel: 'email',
      to: ['Ops@Vendor.test'],
      status: 'sent',
      attempts: 1,
      captured: true,
      subject: 'Portico test email',
    });
    expect(item.html).toContain('<a href="http://portico.test/console">Portico</a>');
    expect(item.text).toContain('http://portico.test/console');
    expect(item).not.toHaveProperty('payloadJson');
    const other = await call('GET', '/api/staff/outbox-messages?to=ops@vendor', adminCookie);
    expect(other.json().items).toEqual([]);
    const search = await call('GET', '/api/staff/outbox-messages?search=VENDOR.TEST', adminCookie);
    expect(search.json().items.map((message: { id: string }) => message.id)).toContain(id);
  });

  it('normalizes a test text message number to E.164 and rejects a bad one next to the field', async () => {
    const sent = await call('POST', '/api/staff/notification-test-messages', adminCookie, {
      channel: 'sms',
      to: '(512) 555-0123',
    });
    expect(sent.statusCode).toBe(202);
    const list = await call('GET', '/api/staff/outbox-messages?to=%2B15125550123', adminCookie);
    expect(list.json().items[0]).toMatchObject({ channel: 'sms', to: ['+15125550123'] });
    const bad = await call('POST', '/api/staff/notification-test-messages', adminCookie, {
      channel: 'sms',
      to: '555-01',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual([{ path: 'to', message: expect.stringContaining('valid phone number') }]);
  });

  it('pages newest first', async () => {
    await testApp.deps.db.transaction().execute(async (trx) => {
      for (let index = 0; index < 3; index++) {
        await enqueue(trx, testApp.clock, {
          kind: 'staff_test_email',
          to: ['pager@vendor.test'],
          payload: { staff: { name: `n${index}` }, consoleUrl: 'http://x.test' },
        });
      }
    });
    const first = await call('GET', '/api/staff/outbox-messages?to=pager@vendor.test&pageSize=2', adminCookie);
    const second = await call('GET', '/api/staff/outbox-messages?to=pager@vendor.test&pageSize=2&page=2', adminCookie);
    expect(first.json().hasMore).toBe(true);
    expect(second.json()).toMatchObject({ hasMore: false, items: [expect.anything()] });
    const ids = [...first.json().items, ...second.json().items].map((item: { id: string }) => item.id);
    expect(ids).toEqual([...ids].sort().reverse());
  });

  it('retries a dead message once, with an audit event, and refuses anything else', async () => {
    const id = await testApp.deps.db.transaction().execute((trx) =>
      enqueue(trx, testApp.clock, {
        kind: 'staff_test_email',
        to: ['dead@vendor.test'],
        payload: { staff: { name: 'x' }, consoleUrl: 'http://x.test' },
      }),
    );
    expect((await call('POST', `/api/staff/outbox-messages/${id}/retry`, adminCookie)).statusCode).toBe(409);
    await testApp.deps.db
      .updateTable('outboxMessages')
      .set({ status: 'dead', attempts: 8, lastError: 'SMTP: 550' })
      .where('id', '=', id!)
      .execute();
    const retried = await call('POST', `/api/staff/outbox-messages/${id}/retry`, supportCookie);
    expect(retried.statusCode).toBe(200);
    expect(retried.json()).toMatchObject({ id, status: 'queued', attempts: 0, lastError: null });
    const audit = await testApp.deps.db
      .selectFrom('auditEvents')
      .select('action')
      .where('subjectId', '=', id!)
      .execute();
    expect(audit.map((event) => event.action)).toContain('outbox.message_retried');
    expect((await call('POST', `/api/staff/outbox-messages/${id}/retry`, adminCookie)).statusCode).toBe(409);
    expect(
      (await call('POST', '/api/staff/outbox-messages/0190aaaa-0000-7000-8000-000000000000/retry', adminCookie))
        .statusCode,
    ).toBe(404);
  });

  it('will not retry a dead message whose one-time link was removed', async () => {
    const id = await testApp.deps.db.transaction().execute((trx) =>
      enqueue(trx, testApp.clock, {
        kind: 'staff_test_email',
        to: ['link@vendor.test'],
        payload: { staff: { name: 'x' }, consoleUrl: 'http://x.test' },
      }),
    );
    await testApp.deps.db
      .updateTable('outboxMessages')
      .set({ status: 'dead', payloadJson: null })
      .where('id', '=', id!)
      .execute();
    const retried = await call('POST', `/api/staff/outbox-messages/${id}/retry`, adminCookie);
    expect(retried.statusCode).toBe(409);
    expect(retried.json().error.message).toMatch(/new link/);
  });

  it('rejects unknown merge tags on save with a field error, saves known ones, previews and resets', async () => {
    const templates = await call('GET', '/api/staff/message-templates', supportCookie);
    const original = templates.json().items.find((item: { kind: string }) => item.kind === 'staff_test_email');
    expect(original).toMatchObject({ mergeTags: ['staff.name', 'consoleUrl'], isCustomized: false });

    const unknown = await call('PUT', '/api/staff/message-templates/staff_test_email', adminCookie, {
      subject: 'Hi {{contact.firstName}}',
      html: '<p>ok</p>',
      text: 'ok',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields).toEqual([
      { path: 'subject', message: expect.stringContaining('{{contact.firstName}}') },
    ]);
    expect(
      (
        await call('POST', '/api/staff/message-templates/staff_test_email/preview', adminCookie, {
          subject: 's',
          html: '{{nope}}',
          text: 't',
        })
      ).json().error.fields[0].path,
    ).toBe('html');

    const body = {
      subject: 'Check from {{staff.name}}',
      html: '<p>From {{ staff.name }}</p>',
      text: 'From {{staff.name}}',
    };
    expect((await call('PUT', '/api/staff/message-templates/staff_test_email', supportCookie, body)).statusCode).toBe(
      403,
    );
    const saved = await call('PUT', '/api/staff/message-templates/staff_test_email', adminCookie, body);
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ ...body, isCustomized: true });
    const preview = await call('POST', '/api/staff/message-templates/staff_test_email/preview', supportCookie, {
      ...body,
      html: '<p>{{staff.name}} &amp; co</p>',
    });
    // The preview is the email as sent: the content inside the layout, the text with its footer.
    const rendered = preview.json();
    expect(rendered.subject).toBe('Check from Jordan Staff');
    expect(rendered.html).toContain('<p>Jordan Staff &amp; co</p>');
    expect(rendered.text).toMatch(/^From Jordan Staff\n/);

    await call('POST', '/api/staff/notification-test-messages', adminCookie, {
      channel: 'email',
      to: 'custom@vendor.test',
    });
    await deliverOutbox(testApp.deps);
    const [custom] = (await call('GET', '/api/staff/outbox-messages?to=custom@vendor.test', adminCookie)).json().items;
    expect(custom.subject).toBe('Check from Alex Admin');
    expect(custom.html).toContain('<p>From Alex Admin</p>');

    const reset = await call('POST', '/api/staff/message-templates/staff_test_email/reset', adminCookie);
    expect(reset.json()).toMatchObject({ subject: original.subject, isCustomized: false });
    const audit = await testApp.deps.db
      .selectFrom('auditEvents')
      .select('action')
      .where('subjectId', '=', 'staff_test_email')
      .execute();
    expect(audit.map((event) => event.action)).toEqual(
      expect.arrayContaining(['message_template.updated', 'message_template.reset']),
    );
    expect((await call('PUT', '/api/staff/message-templates/no_such_kind', adminCookie, body)).statusCode).toBe(404);
  });

  it('switches a kind off so enqueue stores nothing, but never a kind that cannot be disabled', async () => {
    const settings = (await call('GET', '/api/staff/notification-settings', supportCookie)).json().items;
    expect(settings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'staff_test_email', canBeDisabled: false, enabled: true }),
        expect.objectContaining({ kind: 'outbox_dead_letter_alert', canBeDisabled: true, enabled: true }),
      ]),
    );
    const refused = await call('PUT', '/api/staff/notification-settings/staff_test_email', adminCookie, {
      enabled: false,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields[0].path).toBe('enabled');
    expect(
      (
        await call('PUT', '/api/staff/notification-settings/outbox_dead_letter_alert', supportCookie, {
          enabled: false,
        })
      ).statusCode,
    ).toBe(403);
    const off = await call('PUT', '/api/staff/notification-settings/outbox_dead_letter_alert', adminCookie, {
      enabled: false,
    });
    expect(off.json()).toMatchObject({ kind: 'outbox_dead_letter_alert', enabled: false });
    const payload = { message: { kindLabel: 'x', recipients: 'y', error: 'z' }, outboxUrl: 'http://x.test' };
    const result = await testApp.deps.db
      .transaction()
      .execute((trx) =>
        enqueue(trx, testApp.clock, { kind: 'outbox_dead_letter_alert', to: ['a@vendor.test'], payload }),
      );
    expect(result).toBeNull();
    await call('PUT', '/api/staff/notification-settings/outbox_dead_letter_alert', adminCookie, { enabled: true });
  });

  it('requires a staff session and publishes stable operationIds', async () => {
    expect((await testApp.app.inject({ method: 'GET', url: '/api/staff/outbox-messages' })).statusCode).toBe(401);
    const document = (await testApp.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const operationIds = Object.values(
      document.paths as Record<string, Record<string, { operationId: string }>>,
    ).flatMap((path) => Object.values(path).map((operation) => operation.operationId));
    expect(operationIds).toEqual(
      expect.arrayContaining([
        'listOutboxMessages',
        'retryOutboxMessage',
        'listMessageTemplates',
        'updateMessageTemplate',
        'previewMessageTemplate',
        'resetMessageTemplate',
        'listNotificationSettings',
        'updateNotificationSetting',
        'sendTestMessage',
      ]),
    );
  });
});
