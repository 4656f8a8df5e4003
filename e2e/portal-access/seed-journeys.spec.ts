import { expect, test, type APIRequestContext } from '@playwright/test';
import { capturedMailTo, latestMailTo } from '../mail.ts';
import { latestLink, signInStaffApi, staffCall } from './support.ts';

// Each journey makes its own property and contact, so it shares nothing with the demo data other specs use.
// The staff session made over the API is the browser's too (one cookie jar), so no sign-in page here.
test.describe.configure({ timeout: 60_000 });

const PASSWORD = 'amber kettle river sunrise';

async function newPropertyWithContact(
  request: APIRequestContext,
  options: { label: string; firstName: string; portalAccess: boolean },
) {
  const tag = `${options.label}-${Date.now()}`;
  await signInStaffApi(request);
  const property = await staffCall(request, 'post', '/api/staff/properties', {
    name: `Seed ${tag} Apartments`,
    status: 'current',
  });
  if (options.portalAccess)
    await staffCall(request, 'put', `/api/staff/accounts/${property.id}/portal-access`, { enabled: true });
  const email = `${tag}@seed-journeys.test`;
  const contact = await staffCall(request, 'post', '/api/staff/contacts', {
    firstName: options.firstName,
    lastName: 'Seedling',
    primaryEmails: [email],
    accountIds: [property.id],
  });
  return { accountId: property.id as string, contactId: contact.id as string, email, tag };
}

test('seed 002: staff put {{account.portalKey}} into the welcome letter; the emailed key is the account’s real key', async ({
  page,
}) => {
  const ids = await newPropertyWithContact(page.request, { label: 'key', firstName: 'Kira', portalAccess: true });
  await staffCall(page.request, 'post', `/api/staff/contacts/${ids.contactId}/portal-access/grant`, {
    portalEmail: ids.email,
    sendCredentialCreateEmail: false,
  });
  try {
    await page.goto('/console/notifications');
    await page.getByText('Customer portal welcome', { exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Customer portal welcome' })).toBeVisible();
    const text = page.getByLabel('Text body');
    await text.fill(`${await text.inputValue()}\n\nYour portal key: {{account.portalKey}}`);
    await page.getByRole('button', { name: 'Save template' }).click();
    await expect(page.getByText('Template saved')).toBeVisible();

    await page.goto(`/console/customers/${ids.accountId}`);
    await page.getByRole('button', { name: 'Reveal portal key' }).click();
    await page.getByLabel('Reason').fill('Checking the welcome letter');
    await page.getByRole('button', { name: 'Reveal', exact: true }).click();
    const shown = page.getByLabel('Portal key', { exact: true });
    await expect(shown).toBeVisible();
    const revealed = (await shown.textContent())?.trim() ?? '';
    expect(revealed).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){6}$/);

    await page.goto(`/console/contacts/${ids.contactId}`);
    await page.getByRole('button', { name: 'Resend welcome email' }).click();
    await expect(page.getByText('Welcome email queued')).toBeVisible();
    const mail = await latestMailTo(page.request, ids.email, { kind: 'welcome' });
    expect(mail.text).toContain(`Your portal key: ${revealed}`);
  } finally {
    // The template is the vendor's: later journeys get the default back.
    await staffCall(page.request, 'post', '/api/staff/message-templates/welcome/reset');
  }
});

test('seed 000 the other way round: contacts granted first, then “Activate portal access” sends the setup link', async ({
  page,
}) => {
  const ids = await newPropertyWithContact(page.request, { label: 'order', firstName: 'Omar', portalAccess: false });
  await page.goto(`/console/contacts/${ids.contactId}`);
  const panel = page.getByRole('region', { name: 'Portal access' });
  // The first console page of this browser loads the whole console: allow it more than one expect's time.
  await expect(panel.getByText('No portal access', { exact: true })).toBeVisible({ timeout: 20_000 });
  await expect(panel.getByText('Portal access is off on the account')).toBeVisible();
  await expect(panel.getByLabel('Portal email')).toHaveValue(ids.email);
  await panel.getByRole('switch', { name: 'Portal access' }).check();
  await panel.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText(/No email yet: the setup link goes out when/)).toBeVisible();
  expect(capturedMailTo(ids.email)).toEqual([]);

  await page.goto(`/console/customers/${ids.accountId}`);
  await page.getByLabel('Activate portal access').click();
  await expect(page.getByText('Portal access activated')).toBeVisible();

  const link = await latestLink(page.request, ids.email, 'credential_create');
  // The grant sent nothing; the switch sent exactly the setup link.
  expect(capturedMailTo(ids.email).map((mail) => mail.kind)).toEqual(['credential_create']);
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Set up your portal login' })).toBeVisible();
  await page.getByLabel('Username').fill(ids.tag.replace('order-', 'omar.'));
  await expect(page.getByText('This username is available.')).toBeVisible();
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Confirm password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create my login' }).click();
  await expect(page).toHaveURL(/\/portal\/home$/);
  await expect(page.getByRole('heading', { name: 'Welcome, Omar' })).toBeVisible();
  await expect(page.getByRole('article', { name: `Seed ${ids.tag} Apartments` })).toBeVisible();
});
