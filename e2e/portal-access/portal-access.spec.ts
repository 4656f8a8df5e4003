import { expect, test, type Page } from '@playwright/test';
import { signInAsDemoStaff } from '../fixtures.ts';
import { demoContact, grantAccess, latestLink, signInStaffApi, staffCall } from './support.ts';

// Journeys cross the console, captured mail and the portal; argon2 hashing on a shared CI box is slow.
test.describe.configure({ timeout: 120_000 });

const PASSWORD = 'amber kettle river sunrise';
const NEW_PASSWORD = 'quiet harbor lantern meadow';

async function signInCustomer(page: Page, login: string, password: string) {
  await page.getByLabel('Username or email').fill(login);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Activates a login through its credential-create link over the API, for journeys that start later. */
async function activatedLogin(page: Page, email: string, username: string) {
  const ids = await grantAccess(page.request, email, { sendCredentialCreateEmail: true });
  const token = (await latestLink(page.request, email, 'credential_create')).split('/').pop();
  await staffCall(page.request, 'post', '/api/portal/links/redeem', { token, username, password: PASSWORD });
  return ids;
}

test('staff grant access on the contact page; the customer sets up a login from the emailed link, is signed in, and the link works only once', async ({
  page,
}) => {
  const email = 'maria.alvarez@harborpoint.example';
  const ids = demoContact(email);
  await signInAsDemoStaff(page);
  await page.goto(`/console/customers/${ids.accountId}`);
  await page.getByLabel('Activate portal access').click();
  await expect(page.getByText('Portal access activated')).toBeVisible();
  await page.getByRole('tab', { name: 'Portal access' }).click();
  await expect(
    page.getByRole('table', { name: "Contacts' portal access" }).getByRole('row', { name: /Maria Alvarez/ }),
  ).toContainText('No portal access');

  await page.goto(`/console/contacts/${ids.contactId}`);
  const panel = page.getByRole('region', { name: 'Portal access' });
  await expect(panel.getByText('No portal access', { exact: true })).toBeVisible();
  await expect(panel.getByLabel('Portal email')).toHaveValue(email);
  await panel.getByLabel('Portal access').check();
  await panel.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText(`A credential-create email is on its way to ${email}.`)).toBeVisible();
  await expect(panel.getByText('No username', { exact: true })).toBeVisible();

  const link = await latestLink(page.request, email, 'credential_create');
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Set up your portal login' })).toBeVisible();
  // The secret left the address bar after the first load.
  await expect(page).toHaveURL(/\/portal\/link$/);
  await page.getByLabel('Username').fill('maria.alvarez');
  await expect(page.getByText('This username is available.')).toBeVisible();
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Confirm password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create my login' }).click();

  // Setting up the login signs the customer in: they land on the portal home.
  await expect(page).toHaveURL(/\/portal\/home$/);
  await expect(page.getByRole('heading', { name: 'Welcome, Maria' })).toBeVisible();
  await expect(page.getByRole('article', { name: 'Harbor Point Lofts' })).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByText('You have signed out of the portal.')).toBeVisible();
  await page.goto(link);
  await expect(page).toHaveURL(/\/portal\/sign-in\?notice=link_used/);
  await expect(page.getByText('This link was already used')).toBeVisible();

  // Staff troubleshooting: the timeline shows the link delivered and used, and the sign-in.
  await page.goto(`/console/contacts/${ids.contactId}`);
  await expect(panel.getByText('Active', { exact: true })).toBeVisible();
  const timeline = panel.getByRole('table', { name: 'Access timeline' });
  await expect(timeline.getByRole('row', { name: /Credential-create link: sent/ })).toContainText('Used');
  await expect(timeline.getByRole('row', { name: /Credential-create link: sent/ })).toContainText(
    'Delivered to mail server',
  );
  await expect(timeline.getByRole('row', { name: /Signed in/ }).first()).toBeVisible();
});

test('a username already taken is flagged while typing', async ({ page }) => {
  await grantAccess(page.request, 'jordan.lee@harborpoint.example', { sendCredentialCreateEmail: true });
  await activatedLogin(page, 'priya.shah@cedarstone.example', 'priya.taken');
  await page.goto(await latestLink(page.request, 'jordan.lee@harborpoint.example', 'credential_create'));
  await page.getByLabel('Username').fill('PRIYA.taken');
  await expect(page.getByText('That username is taken. Choose another.')).toBeVisible();
});

test('forgot password: the emailed reset link sets a new password once', async ({ page }) => {
  const email = 'dev.patel@harborpoint.example';
  await activatedLogin(page, email, 'dev.patel');
  await page.goto('/portal/sign-in');
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await page.getByLabel('Username or email').fill('dev.patel');
  await page.getByRole('button', { name: 'Email me a reset link' }).click();
  await expect(page.getByText('Check your email')).toBeVisible();

  const link = await latestLink(page.request, email, 'password_reset');
  await page.goto(link);
  await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel('Confirm password').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Save new password' }).click();
  await expect(page.getByText('Sign in with your new password.')).toBeVisible();
  await signInCustomer(page, email, NEW_PASSWORD);
  await expect(page.getByRole('heading', { name: 'Welcome, Dev' })).toBeVisible();

  await page.goto(link);
  await expect(page.getByText('This link was already used')).toBeVisible();
});

test('staff send a login link from the contact page; it signs the customer in once', async ({ page }) => {
  const email = 'sam.okafor@cedarstone.example';
  const ids = await activatedLogin(page, email, 'sam.okafor');
  await signInAsDemoStaff(page);
  await page.goto(`/console/contacts/${ids.contactId}`);
  await page.getByRole('button', { name: 'Send login link' }).click();
  await expect(page.getByText('Login link queued')).toBeVisible();

  const link = await latestLink(page.request, email, 'login_link');
  await page.goto(link);
  await page.getByRole('button', { name: 'Continue to the portal' }).click();
  await expect(page.getByRole('heading', { name: 'Welcome, Sam' })).toBeVisible();
  await expect(page.getByRole('article', { name: 'Stonegate Villas' })).toBeVisible();
  await page.goto(link);
  await expect(page.getByText('This link was already used')).toBeVisible();
});

test('a staff-created password is shown once and must be changed at first sign-in', async ({ page }) => {
  const email = 'elena.rossi@cedarstone.example';
  const ids = await grantAccess(page.request, email, { sendCredentialCreateEmail: false });
  await signInAsDemoStaff(page);
  await page.goto(`/console/contacts/${ids.contactId}`);
  await page.getByRole('button', { name: 'Create password' }).click();
  await page.getByRole('button', { name: 'Generate password' }).click();
  await page.getByLabel('Reason').fill('The contact cannot receive email today');
  await page.getByRole('button', { name: 'Confirm and generate' }).click();
  const password = (await page.getByLabel('Temporary password').textContent()) ?? '';
  expect(password).toHaveLength(20);
  await page.getByRole('button', { name: 'Done' }).click();

  await page.goto('/portal/sign-in');
  await signInCustomer(page, email, password);
  await expect(page.getByRole('heading', { name: 'Choose your own password' })).toBeVisible();
  await page.goto('/portal/home');
  await expect(page).toHaveURL(/\/portal\/password$/);
  await page.getByLabel('Temporary password').fill(password);
  await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel('Confirm password').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Save password' }).click();
  await expect(page.getByRole('heading', { name: 'Welcome, Elena' })).toBeVisible();
});

test('staff view the portal as a contact: bannered and read-only', async ({ page }) => {
  const ids = await activatedLogin(page, 'chris.nguyen@northwind.example', 'chris.nguyen');
  await signInStaffApi(page.request);
  await staffCall(page.request, 'post', `/api/staff/contacts/${ids.contactId}/portal-access/view-as`);
  await page.goto('/portal/home');
  await expect(page.getByText('Viewing the portal as Chris Nguyen')).toBeVisible();
  await expect(page.getByRole('article', { name: 'Northwind Terrace' })).toBeVisible();
});
