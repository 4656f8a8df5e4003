import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { demoStaff, signInAsDemoStaff } from '../fixtures.ts';
import { latestMailTo } from '../mail.ts';

const PASSWORD = 'harbor lantern meadow violet';

// Each journey spans two browsers, captured emails and password hashes: longer than the default.
test.describe.configure({ timeout: 180_000 });

/** Switches self-registration on through the console settings page, as a vendor admin would. */
async function enableSelfRegistration(page: Page) {
  await signInAsDemoStaff(page);
  await page.goto('/console/registrations/settings');
  const toggle = page.getByLabel('Allow self-registration');
  if (!(await toggle.isChecked())) {
    await toggle.check({ force: true });
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByText('Registration settings saved')).toBeVisible();
  }
}

/**
 * Turns portal access on for a demo account (as staff do before onboarding) and returns its portal key,
 * revealed through the staff API the console uses.
 */
async function prepareAccount(request: APIRequestContext, accountNumber: string): Promise<string> {
  const { email, password } = demoStaff();
  expect((await request.post('/api/staff/session', { data: { email, password } })).ok()).toBeTruthy();
  const customers = (await (
    await request.get(`/api/staff/customers?search=${encodeURIComponent(accountNumber)}`)
  ).json()) as { items: Array<{ id: string; accountNumber: string }> };
  const account = customers.items.find((item) => item.accountNumber === accountNumber);
  if (!account) throw new Error(`demo account ${accountNumber} not found`);
  const access = await request.put(`/api/staff/accounts/${account.id}/portal-access`, { data: { enabled: true } });
  expect(access.ok(), await access.text()).toBeTruthy();
  const revealed = await request.post(`/api/staff/accounts/${account.id}/portal-key/reveal`, {
    data: {},
    headers: { 'x-step-up-reason': 'End-to-end test' },
  });
  expect(revealed.ok(), await revealed.text()).toBeTruthy();
  return ((await revealed.json()) as { portalKey: string }).portalKey;
}

/** Confirms the address from the captured verification email, then signs in on the portal. */
async function verifyAndSignIn(page: Page, request: APIRequestContext, email: string, firstName: string) {
  const verification = await latestMailTo(request, email, { kind: 'email_verification' });
  await page.goto(verification.links[0]!);
  await page.getByRole('button', { name: 'Confirm my email' }).click();
  await expect(page.getByText('Email confirmed')).toBeVisible();
  await page.goto('/portal/sign-in');
  await page.getByLabel('Username or email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: `Welcome, ${firstName}` })).toBeVisible();
}

async function fillSignUp(
  page: Page,
  details: { accountNumber?: string; portalKey: string; firstName: string; lastName: string; email: string },
) {
  if (details.accountNumber) await page.getByLabel('Account number').fill(details.accountNumber);
  await page.getByLabel('Portal key').fill(details.portalKey);
  await page.getByLabel('First name').fill(details.firstName);
  await page.getByLabel('Last name').fill(details.lastName);
  await page.getByLabel('Email').fill(details.email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Confirm password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page.getByRole('heading', { name: 'Check your email to verify your address' })).toBeVisible();
}

test('a visitor with a portal key signs up and is in', async ({ page, browser, request }) => {
  await enableSelfRegistration(page);
  const portalKey = await prepareAccount(request, 'PR-2001');
  const email = `robin.${Date.now()}@harborpoint.example`;

  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto('/portal/sign-in');
  await visitor.getByRole('link', { name: 'Sign up' }).click();
  await fillSignUp(visitor, { accountNumber: 'PR-2001', portalKey, firstName: 'Robin', lastName: 'Hale', email });
  await verifyAndSignIn(visitor, request, email, 'Robin');
});

test('a visitor without a key files a request, staff send the key, and the visitor signs up with it', async ({
  page,
  browser,
  request,
}) => {
  await enableSelfRegistration(page);
  await prepareAccount(request, 'PR-2002');
  const email = `noor.${Date.now()}@bayside.example`;

  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto('/portal/sign-up');
  await visitor.getByRole('link', { name: 'I do not have a valid key' }).click();
  await visitor.getByLabel('First name').fill('Noor');
  await visitor.getByLabel('Last name').fill('Haddad');
  await visitor.getByLabel('Email').fill(email);
  await visitor.getByLabel('Phone').fill('512-555-0134');
  await visitor.getByLabel('Property or management company').fill('Bayside Commons');
  await visitor.getByLabel('Account number (optional)').fill('PR-2002');
  await visitor.getByRole('button', { name: 'Send request' }).click();
  await expect(visitor.getByRole('heading', { name: 'We received your request' })).toBeVisible();

  await page.goto('/console/registrations');
  await page.getByRole('link', { name: 'Noor Haddad' }).click();
  await expect(page.getByRole('heading', { name: 'Noor Haddad' })).toBeVisible();
  await page.getByRole('radio', { name: /Bayside Commons \(PR-2002\)/ }).check();
  await page.getByRole('radio', { name: /Create a new contact/ }).check();
  await page.getByRole('button', { name: 'Match request' }).click();
  await expect(page.getByText('Request matched')).toBeVisible();

  await page.getByRole('combobox', { name: 'Current step' }).click();
  await page.getByRole('option', { name: '2 - Send portal key' }).click();
  const preview = page.getByRole('dialog', { name: 'Preview: portal key email' });
  await expect(preview.getByTestId('portal-key-email-text')).toContainText('PR-2002');
  await preview.getByRole('button', { name: 'Send portal key' }).click();
  await expect(page.getByText(`Sent to ${email}`)).toBeVisible();

  const keyMail = await latestMailTo(request, email, { kind: 'registration.portal_key' });
  const portalKey = /Portal key: (\S+)/.exec(keyMail.text)?.[1];
  expect(portalKey).toBeTruthy();
  const signUpLink = keyMail.links.find((link) => link.includes('/portal/sign-up'))!;
  await visitor.goto(signUpLink);
  await expect(visitor.getByLabel('Account number')).toHaveValue('PR-2002');
  await fillSignUp(visitor, { portalKey: portalKey!, firstName: 'Noor', lastName: 'Haddad', email });
  await verifyAndSignIn(visitor, request, email, 'Noor');
});
