import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { demoStaff, signInAsDemoStaff } from '../fixtures.ts';
import { latestMailTo } from '../mail.ts';
import { demoContact, latestLink, signInStaffApi, staffCall } from '../portal-access/support.ts';

const PASSWORD = 'harbor lantern cobalt meadow';
const CUSTOMER = { username: 'avery.quinlan', email: 'avery.quinlan@cedarstone.example' };
const TEXTING_CONTACT_PHONE = '+15125550312';
const BACKUP_PHONE = '+15125550313';
const SMS_PRO = { name: 'Quinn Harper', phone: '+15125550311', email: 'quinn.harper@pros.portico.test' };
const EMAIL_PRO = { name: 'Noor Haddad', email: 'noor.haddad@pros.portico.test' };
// A unit not on file and a move-out no other spec uses: the open-turn guard is per unit and move-out.
const UNIT = 'J-913';
const MOVE_OUT = '2027-09-13';
const MOVE_IN = '2027-09-21';

type Service = { id: string; name: string };
const get = async (request: APIRequestContext, path: string) => {
  const response = await request.get(path);
  expect(response.ok(), `GET ${path}: ${await response.text()}`).toBeTruthy();
  return response.json();
};

/**
 * Maple Court (no other spec orders there): touch-up paint goes to a pro who texts, clean to an inactive
 * preferred pro with an emailing secondary, carpet cleaning has no preference. Add-ons wait on the customer
 * and escalate after 5 minutes to the backup phone. Contacts: the seeded approver (email), a new portal
 * customer (email) and one who prefers SMS.
 */
async function setUp(request: APIRequestContext) {
  const { accountId } = demoContact('elena.rossi@cedarstone.example');
  await signInStaffApi(request);
  const services = (await get(request, '/api/staff/services')).items as Service[];
  const serviceId = (name: string) => services.find((service) => service.name === name)!.id;
  const smsPro = await staffCall(request, 'post', '/api/staff/pros', { ...SMS_PRO, active: true });
  const emailPro = await staffCall(request, 'post', '/api/staff/pros', { ...EMAIL_PRO, phone: null, active: true });
  const idris = { name: 'Idris Vale', phone: '+15125550314' };
  const inactivePro = await staffCall(request, 'post', '/api/staff/pros', { ...idris, active: true });
  await staffCall(request, 'put', `/api/staff/accounts/${accountId}/pro-preferences`, {
    preferences: [
      { serviceId: serviceId('Touch-up paint'), preferredProId: smsPro.id, secondaryProId: emailPro.id },
      { serviceId: serviceId('Clean'), preferredProId: inactivePro.id, secondaryProId: emailPro.id },
    ],
  });
  // Preferred for clean, then off work: clean falls to the secondary.
  await staffCall(request, 'put', `/api/staff/pros/${inactivePro.id}`, { ...idris, active: false });
  const profile = await get(request, `/api/staff/accounts/${accountId}/service-profile`);
  await staffCall(request, 'put', `/api/staff/accounts/${accountId}/service-profile`, {
    turnProfileAllServices: profile.turnProfileAllServices,
    turnProfileServiceIds: profile.turnProfileServiceIds,
    addonApprovalMethod: 'customer_approves',
    backupNotificationPhone: BACKUP_PHONE,
    mainApproverContactId: profile.mainApproverContactId,
    addonEscalationMinutes: 5,
  });

  const texter = await staffCall(request, 'post', '/api/staff/contacts', {
    firstName: 'Sol',
    lastName: 'Park',
    title: 'Maintenance Supervisor',
    phone: TEXTING_CONTACT_PHONE,
    primaryEmails: ['sol.park@cedarstone.example'],
    otherEmails: [],
    mainAccountId: accountId,
    accountIds: [accountId],
  });
  await staffCall(request, 'put', `/api/staff/contacts/${texter.id}/preferences`, {
    notificationChannel: 'sms',
    mayChangeSchedule: false,
  });
  const customer = await staffCall(request, 'post', '/api/staff/contacts', {
    firstName: 'Avery',
    lastName: 'Quinlan',
    title: 'Property Manager',
    primaryEmails: [CUSTOMER.email],
    otherEmails: [],
    mainAccountId: accountId,
    accountIds: [accountId],
  });
  await staffCall(request, 'put', `/api/staff/accounts/${accountId}/portal-access`, { enabled: true });
  await staffCall(request, 'post', `/api/staff/contacts/${customer.id}/portal-access/grant`, {
    portalEmail: CUSTOMER.email,
    sendCredentialCreateEmail: true,
  });
  const token = (await latestLink(request, CUSTOMER.email, 'credential_create')).split('/').pop();
  await staffCall(request, 'post', '/api/portal/links/redeem', {
    token,
    username: CUSTOMER.username,
    password: PASSWORD,
  });
  return { accountId, approverEmail: 'elena.rossi@cedarstone.example', primerId: serviceId('Primer coat') };
}

/** The Outbox page filtered by one recipient: the one row of this type (and subject), on this channel. */
async function expectOutboxRow(
  page: Page,
  recipient: string,
  kindLabel: string,
  channel: 'Email' | 'Text message',
  subject = '',
) {
  await page.getByLabel('Recipient').fill(recipient);
  const row = page
    .getByRole('row')
    .filter({ hasText: kindLabel })
    .filter({ hasText: recipient })
    .filter({ hasText: subject });
  await expect(row, `${kindLabel} to ${recipient}`).toHaveCount(1);
  await expect(row.getByLabel(channel, { exact: true })).toBeVisible();
}

test('a turn ordered in the portal reaches the desk with its pros; acknowledging it and an undecided add-on notify the right people, and the backup phone approves it', async ({
  browser,
  page,
}) => {
  const staffApi = (await browser.newContext()).request;
  const { accountId, approverEmail, primerId } = await setUp(staffApi);

  // The customer orders a turn for a unit the property has not listed yet.
  await page.goto('/portal/sign-in');
  await page.getByLabel('Username or email').fill(CUSTOMER.username);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Welcome, Avery' })).toBeVisible();
  await page.getByRole('link', { name: 'Open Maple Court' }).click();
  await page.getByRole('button', { name: 'New turn' }).click();
  const drawer = page.getByRole('dialog', { name: 'New turn' });
  await drawer.getByLabel('The unit is not listed').check();
  await drawer.getByLabel('Unit number').fill(UNIT);
  await drawer.getByRole('combobox', { name: 'Floorplan' }).click();
  await page.getByRole('option', { name: '1 bed / 1 bath' }).click();
  await drawer.getByLabel('Move-out').fill(MOVE_OUT);
  await drawer.getByLabel('Move-in').fill(MOVE_IN);
  await expect(drawer.getByLabel('Touch-up paint date')).toHaveValue('2027-09-16');
  for (const name of ['Full paint', 'Repairs and punch', 'Tub and counter resurfacing', 'Final walk'])
    await drawer.getByLabel(`Order ${name}`).uncheck();
  for (const name of ['Touch-up paint', 'Carpet cleaning', 'Clean']) await drawer.getByLabel(`Order ${name}`).check();
  await drawer.getByLabel('Default PO number').fill('PO-913');
  await drawer.getByRole('button', { name: 'Save turn' }).click();
  await expect(page.getByRole('heading', { name: new RegExp(`Unit ${UNIT}`) })).toBeVisible();
  const turnId = page.url().split('/').pop()!;

  // Staff find it in the desk's inbox, each of our services with the pro the preferences gave it.
  await signInAsDemoStaff(page);
  await page.goto(`/console/turns?view=inbox&search=${UNIT}`);
  const row = page.getByRole('row').filter({ hasText: `Unit ${UNIT}` });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('combobox', { name: 'Pro for Touch-up paint' })).toHaveValue(SMS_PRO.name);
  await expect(row.getByRole('combobox', { name: 'Pro for Clean' })).toHaveValue(EMAIL_PRO.name);
  await expect(row.getByRole('combobox', { name: 'Pro for Carpet cleaning' })).toHaveValue('');
  await expect(row.getByText('Needs pro', { exact: true })).toBeVisible();
  await row.getByRole('button', { name: `Acknowledge unit ${UNIT} at Maple Court` }).click();
  await expect(page.getByRole('row').filter({ hasText: `Unit ${UNIT}` })).toHaveCount(0);
  await page.goto(`/console/turns?view=all&search=${UNIT}`);
  await expect(page.getByRole('row').filter({ hasText: `Unit ${UNIT}` })).toContainText('Acknowledged');

  // The Outbox: the account's staff by email, each pro by their channel, each contact by their preference.
  await page.goto('/console/outbox');
  await expectOutboxRow(page, demoStaff().email, 'Turn ordered (staff)', 'Email', `unit ${UNIT} at Maple Court`);
  await expectOutboxRow(page, SMS_PRO.phone, 'Work assigned to a pro (SMS)', 'Text message');
  await expectOutboxRow(page, EMAIL_PRO.email, 'Work assigned to a pro (email)', 'Email');
  await expectOutboxRow(page, CUSTOMER.email, 'Turn received (email)', 'Email');
  await expectOutboxRow(page, approverEmail, 'Turn received (email)', 'Email');
  await expectOutboxRow(page, TEXTING_CONTACT_PHONE, 'Turn received (SMS)', 'Text message');

  // A pro's add-on waits on the customer; nobody decides within the account's 5 minutes.
  const turn = await get(staffApi, `/api/staff/turns/${turnId}`);
  const paint = turn.lines.find((line: { name: string }) => line.name === 'Touch-up paint');
  await staffCall(staffApi, 'post', `/api/staff/service-lines/${paint.id}/add-ons`, {
    serviceId: primerId,
    reason: 'Water stain on the bedroom ceiling',
  });
  const clock = await staffCall(staffApi, 'post', '/api/test/clock/advance', { minutes: 6 });
  expect(clock.ran.escalated).toBeGreaterThanOrEqual(1);
  const text = await latestMailTo(staffApi, BACKUP_PHONE, { kind: 'add_on_escalation_sms' });
  expect(text.text).toContain(`unit ${UNIT} at Maple Court`);
  const link = text.links.find((candidate) => candidate.includes('/portal/approve/'))!;

  // The backup phone opens the one-tap link: a confirm page, and only its button decides.
  const primerOf = async () =>
    (await get(staffApi, `/api/staff/turns/${turnId}`)).lines
      .find((line: { name: string }) => line.name === 'Touch-up paint')
      .addOns.find((addOn: { name: string }) => addOn.name === 'Primer coat');
  const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await phone.goto(link);
  await expect(phone.getByText(/Our pro asks to add Primer coat/)).toBeVisible();
  await expect(phone.getByText('Reason: Water stain on the bedroom ceiling')).toBeVisible();
  expect((await primerOf()).status).toBe('pending');
  await phone.getByRole('button', { name: 'Approve' }).click();
  await expect(phone.getByText('The add-on is approved.')).toBeVisible();
  const primer = await primerOf();
  expect(primer.status).toBe('approved');

  // The turn's history (its own events and its add-on's), oldest first, has every step.
  const events = await get(staffApi, `/api/staff/audit-events?accountId=${accountId}&pageSize=200`);
  const history = (events.items as Array<{ action: string; subjectId: string; after: Record<string, unknown> }>)
    .filter((event) => event.subjectId === turnId || event.subjectId === primer.id)
    .reverse();
  expect(history.map((event) => event.action)).toEqual([
    'turn.created',
    'turn.acknowledged',
    'add_on.requested',
    'add_on.escalated',
    'add_on.approved',
    'add_on.approved_by_link',
  ]);
  expect(history[3]!.after).toMatchObject({ textedTo: BACKUP_PHONE, waitedMinutes: 5, sent: true });
});
