import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, createContact, createStaffMember, signInStaff } from '../../../../test/factories.ts';
import { createTestApp, type TestApp } from '../../../../test/test-app.ts';

function pdfText(bytes: Buffer): string {
  const path = join(mkdtempSync(join(tmpdir(), 'outline-')), 'outline.pdf');
  writeFileSync(path, bytes);
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
}

describe('the onboard session: answers are configuration', () => {
  let testApp: TestApp;
  let alex: string;
  let blake: string;

  beforeAll(async () => {
    testApp = await createTestApp();
    alex = await signInStaff(testApp.app, await createStaffMember(testApp.deps, { name: 'Alex Rivera', role: 'psm' }));
    blake = await signInStaff(testApp.app, await createStaffMember(testApp.deps, { name: 'Blake Chen', role: 'psm' }));
  });
  afterAll(() => testApp.close());

  const call = (cookie: string, method: 'GET' | 'PUT' | 'POST', url: string, payload?: object) =>
    testApp.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

  async function setup() {
    const account = await createAccount(testApp.deps, { name: 'Maple Court Apartments' });
    const primary = await createContact(testApp.deps, {
      accountIds: [account.id],
      firstName: 'Maria',
      lastName: 'Alvarez',
      phone: '+15125550101',
    });
    const backup = await createContact(testApp.deps, {
      accountIds: [account.id],
      firstName: 'Sam',
      lastName: 'Okafor',
      phone: '+15125550102',
    });
    const base = `/api/staff/accounts/${account.id}/onboarding-session`;
    const answer = async (cookie: string, key: string, value: unknown) => {
      const session = (await call(cookie, 'GET', base)).json();
      const current = session.answers.find((candidate: { key: string }) => candidate.key === key);
      return call(cookie, 'PUT', `${base}/answers/${key}`, { value, expectedVersion: current.version });
    };
    return { account, primary, backup, base, answer };
  }

  it('writes Part 1 contacts to the service profile: main approver and the backup’s mobile', async () => {
    const { account, primary, backup, answer } = await setup();
    expect((await answer(alex, 'primaryContact', primary.id)).statusCode).toBe(200);
    const saved = await answer(alex, 'backupContact', backup.id);
    expect(saved.statusCode, saved.body).toBe(200);
    const profile = (await call(alex, 'GET', `/api/staff/accounts/${account.id}/service-profile`)).json();
    expect(profile).toMatchObject({ mainApproverContactId: primary.id, backupNotificationPhone: '+15125550102' });
    const audit = await testApp.deps.db
      .selectFrom('auditEvents')
      .select(['action', 'subjectId'])
      .where('accountId', '=', account.id)
      .where('action', '=', 'onboarding.answer_saved')
      .execute();
    expect(audit.map((row) => row.subjectId).sort()).toEqual(['backupContact', 'primaryContact']);
    const session = saved.json();
    expect(session.state).toBe('in_progress');
    expect(session.answers.find((item: { key: string }) => item.key === 'backupContact')).toMatchObject({
      answered: true,
      version: 1,
      answeredByName: 'Alex Rivera',
    });
  });

  it('refuses a contact of another account, a landline and an unknown cadence, changing nothing', async () => {
    const { account, answer } = await setup();
    const stranger = await createContact(testApp.deps, { accountIds: [(await createAccount(testApp.deps)).id] });
    const refused = [
      await answer(alex, 'backupContact', stranger.id),
      await answer(alex, 'backupMobile', '+442071838750'),
      await answer(alex, 'backupMobile', '5125550142'),
      await answer(alex, 'orderCadence', 'hourly'),
    ];
    for (const response of refused) {
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().error.fields[0].path).toMatch(/^value/);
    }
    const profile = (await call(alex, 'GET', `/api/staff/accounts/${account.id}/service-profile`)).json();
    expect(profile).toMatchObject({ exists: false, backupNotificationPhone: null });
    const rows = await testApp.deps.db
      .selectFrom('onboardingAnswers')
      .selectAll()
      .where('accountId', '=', account.id)
      .execute();
    expect(rows).toEqual([]);
  });

  it('writes communication preferences, the add-on policy, schedule permission and billing where they are obeyed', async () => {
    const { account, primary, backup, answer } = await setup();
    await answer(alex, 'primaryContact', primary.id);
    expect((await answer(alex, 'generalCommunication', 'sms')).statusCode).toBe(200);
    expect((await answer(alex, 'addonApprover', backup.id)).statusCode).toBe(200);
    expect((await answer(alex, 'approvalCommunication', 'phone_call')).statusCode).toBe(200);
    expect((await answer(alex, 'addonPhotosRequired', true)).statusCode).toBe(200);
    expect((await answer(alex, 'proRequestsDirect', false)).statusCode).toBe(200);
    expect((await answer(alex, 'scheduleChangers', [])).statusCode).toBe(200);
    const billing = await answer(alex, 'billing', {
      contactFirstName: 'Dana',
      contactLastName: 'Price',
      contactTitle: 'Accounts Payable',
      contactPhone: '(512) 555-0199',
      contactEmail: 'ap@maplecourt.test',
      addressLine1: '1 Maple Court',
      city: 'Austin',
      region: 'TX',
      postalCode: '78701',
      billingType: 'monthly_statement',
      billingCycle: 'monthly',
      billingMarket: 'Austin',
    });
    expect(billing.statusCode, billing.body).toBe(200);

    const contacts = await testApp.deps.db
      .selectFrom('contacts')
      .select(['id', 'notificationChannel', 'mayChangeSchedule'])
      .where('id', 'in', [primary.id, backup.id])
      .execute();
    expect(contacts.find((row) => row.id === primary.id)).toMatchObject({
      notificationChannel: 'sms',
      mayChangeSchedule: 1,
    });
    expect(contacts.find((row) => row.id === backup.id)).toMatchObject({
      notificationChannel: 'none',
      mayChangeSchedule: 0,
    });
    const profile = (await call(alex, 'GET', `/api/staff/accounts/${account.id}/service-profile`)).json();
    expect(profile).toMatchObject({
      mainApproverContactId: backup.id,
      addonPhotosRequired: true,
      proRequestsDirect: false,
    });
    expect((await call(alex, 'GET', `/api/staff/accounts/${account.id}/billing-profile`)).json()).toMatchObject({
      contactPhone: '+15125550199',
      billingCycle: 'monthly',
      billingMarket: 'Austin',
    });
    // Stored once: answers with a home keep no value of their own.
    const rows = await testApp.deps.db
      .selectFrom('onboardingAnswers')
      .select(['questionKey', 'valueJson'])
      .where('accountId', '=', account.id)
      .execute();
    expect(rows.filter((row) => row.questionKey !== 'primaryContact').every((row) => row.valueJson === null)).toBe(
      true,
    );
  });

  it('refuses the second of two saves from the same version, naming who saved first', async () => {
    const { base } = await setup();
    const first = await call(alex, 'PUT', `${base}/answers/paintSpecs`, {
      value: 'Sherwin-Williams Agreeable Gray',
      expectedVersion: 0,
    });
    expect(first.statusCode).toBe(200);
    const second = await call(blake, 'PUT', `${base}/answers/paintSpecs`, {
      value: 'Behr Swiss Coffee',
      expectedVersion: 0,
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.message).toContain('Alex Rivera');
    const session = (await call(blake, 'GET', base)).json();
    expect(session.answers.find((item: { key: string }) => item.key === 'paintSpecs')).toMatchObject({
      value: 'Sherwin-Williams Agreeable Gray',
      version: 1,
    });
    const retried = await call(blake, 'PUT', `${base}/answers/paintSpecs`, {
      value: 'Behr Swiss Coffee',
      expectedVersion: 1,
    });
    expect(retried.statusCode).toBe(200);
  });

  it('records onboard complete only when every Closing item is ticked; the list filters on it', async () => {
    const { account, base, answer } = await setup();
    await answer(alex, 'closingTraining', true);
    const early = await call(alex, 'POST', `${base}/complete`);
    expect(early.statusCode).toBe(400);
    expect(early.json().error.fields).toHaveLength(3);
    for (const key of ['closingFirstOrders', 'closingOrderingProcess', 'closingInformation'])
      await answer(alex, key, true);
    const done = await call(alex, 'POST', `${base}/complete`);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ state: 'complete', completedByName: 'Alex Rivera' });
    const list = (
      await call(
        alex,
        'GET',
        `/api/staff/customers?onboardingState=complete&search=${encodeURIComponent(account.accountNumber)}`,
      )
    ).json();
    expect(list.items.map((item: { id: string }) => item.id)).toEqual([account.id]);
    expect((await call(alex, 'GET', `/api/staff/accounts/${account.id}`)).json()).toMatchObject({
      onboardingState: 'complete',
    });
  });

  it('renders the blank and the filled outline as PDFs with the account’s answers in them', async () => {
    const { primary, base, answer } = await setup();
    await answer(alex, 'primaryContact', primary.id);
    await answer(alex, 'painPoints', 'Previous vendor missed move-in dates');
    const blank = await call(alex, 'GET', '/api/staff/onboarding/outline.pdf');
    expect(blank.statusCode).toBe(200);
    expect(blank.headers['content-type']).toBe('application/pdf');
    const blankText = pdfText(blank.rawPayload);
    expect(blankText).toContain('Customer Onboard Outline');
    expect(blankText).toContain('Part 3 – Portal training');
    expect(blankText).toMatch(/Page 1 of \d/);
    const filled = await call(alex, 'GET', `${base}/outline.pdf`);
    expect(filled.statusCode).toBe(200);
    const text = pdfText(filled.rawPayload);
    expect(text).toContain('Maple Court Apartments');
    expect(text).toContain('Maria Alvarez');
    expect(text).toContain('Previous vendor missed move-in dates');
    expect(text).toContain('Still open');
  });
});
