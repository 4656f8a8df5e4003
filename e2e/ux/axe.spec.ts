import { expect, test, type Page } from '@playwright/test';
import { signInAsDemoStaff } from '../fixtures.ts';
import { demoContact } from '../portal-access/support.ts';
import { type AxeFinding, axeFindings, customerWithTurn, demoAccountId, describeFindings, settled } from './support.ts';

// axe-core over every page of both surfaces (and the drawers and modals people open most): no critical or
// serious WCAG 2.2 A/AA violation anywhere. A few tests per surface keep the browser start-ups few.
// A page takes axe a few seconds on a busy machine, hence the longer limit.
// Tracing would record every one of axe's DOM reads; the findings list says enough on failure.
test.describe.configure({ timeout: 300_000 });
test.use({ trace: 'off' });

async function visit(page: Page, findings: AxeFinding[], path: string, label = path) {
  await page.goto(path);
  await settled(page);
  // Each page names its browser tab.
  await expect(page).not.toHaveTitle('Portico');
  findings.push(...(await axeFindings(page, label)));
}

const ACCOUNT_TABS = [
  'overview',
  'contacts',
  'activity',
  'onboard',
  'service-profile',
  'services',
  'pricing',
  'units',
  'pros',
  'portal-access',
  'portal-logins',
  'turns',
];

test('every console list page passes axe-core', async ({ page }) => {
  const findings: AxeFinding[] = [];
  await visit(page, findings, '/console/sign-in');
  await signInAsDemoStaff(page);
  const property = demoContact('priya.shah@cedarstone.example');
  const company = demoAccountId('Cedar & Stone Living');
  for (const path of [
    '/console/customers',
    '/console/turns',
    '/console/rework',
    '/console/registrations',
    '/console/registrations/settings',
    '/console/services',
    '/console/pros',
    '/console/outbox',
    '/console/notifications',
    '/console/audit',
    '/console/security',
    `/console/contacts/${property.contactId}`,
    `/console/customers/${company}?tab=properties`,
    '/console/no-such-page',
  ])
    await visit(page, findings, path);
  expect(findings, describeFindings(findings)).toEqual([]);
});

// The account page in two halves: each test stays well inside its limit on a busy machine.
for (const [half, tabs] of [
  ['first', ACCOUNT_TABS.slice(0, 6)],
  ['second', ACCOUNT_TABS.slice(6)],
] as const) {
  test(`the ${half} half of the account tabs (and the New contact modal) pass axe-core`, async ({ page }) => {
    const findings: AxeFinding[] = [];
    await signInAsDemoStaff(page);
    const property = demoContact('priya.shah@cedarstone.example');
    for (const tab of tabs)
      await visit(page, findings, `/console/customers/${property.accountId}?tab=${tab}`, `account tab ${tab}`);
    if (half === 'first') {
      await page.getByRole('tab', { name: 'Contacts' }).click();
      await page.getByRole('button', { name: 'New contact' }).click();
      await expect(page.getByRole('dialog', { name: 'New contact' })).toBeVisible();
      findings.push(...(await axeFindings(page, 'New contact modal')));
    }
    expect(findings, describeFindings(findings)).toEqual([]);
  });
}

test('every portal page passes axe-core', async ({ page }) => {
  const findings: AxeFinding[] = [];
  for (const path of ['/portal/sign-in', '/portal/forgot-password', '/portal/sign-up', '/portal/sign-up/request'])
    await visit(page, findings, path);
  const { accountId, turnId } = await customerWithTurn(page.request, 'axel.reed', '2027-04-01');
  for (const path of [
    '/portal/home',
    `/portal/properties/${accountId}?tab=calendar`,
    `/portal/properties/${accountId}?tab=board`,
    `/portal/properties/${accountId}?tab=settings`,
    `/portal/turns/${turnId}`,
    '/portal/password',
    '/portal/account',
    '/portal/no-such-page',
  ])
    await visit(page, findings, path);

  await page.goto(`/portal/properties/${accountId}`);
  await settled(page);
  await page.getByRole('button', { name: 'New turn' }).click();
  await expect(page.getByRole('dialog', { name: 'New turn' })).toBeVisible();
  findings.push(...(await axeFindings(page, 'New turn drawer')));

  expect(findings, describeFindings(findings)).toEqual([]);
});
