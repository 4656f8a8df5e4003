import { expect, test } from '@playwright/test';
import { demoContact, latestLink, signInStaffApi, staffCall } from '../portal-access/support.ts';

const PASSWORD = 'copper lantern orchard breeze';
const EMAIL = 'riley.turner@cedarstone.example';

/** A new contact at Cedar Ridge Apartments with an activated portal login, set up over the staff API. */
async function customerLogin(request: Parameters<typeof signInStaffApi>[0]) {
  const { accountId } = demoContact('priya.shah@cedarstone.example');
  await signInStaffApi(request);
  const contact = await staffCall(request, 'post', '/api/staff/contacts', {
    firstName: 'Riley',
    lastName: 'Turner',
    title: 'Property Manager',
    primaryEmails: [EMAIL],
    otherEmails: [],
    mainAccountId: accountId,
    accountIds: [accountId],
  });
  await staffCall(request, 'put', `/api/staff/accounts/${accountId}/portal-access`, { enabled: true });
  await staffCall(request, 'post', `/api/staff/contacts/${contact.id}/portal-access/grant`, {
    portalEmail: EMAIL,
    sendCredentialCreateEmail: true,
  });
  const token = (await latestLink(request, EMAIL, 'credential_create')).split('/').pop();
  await staffCall(request, 'post', '/api/portal/links/redeem', { token, username: 'riley.turner', password: PASSWORD });
}

test('a customer orders a turn whose dates fill in from the move-in, finds it on the turn board, and cancels it', async ({
  page,
}) => {
  await customerLogin(page.request);
  await page.goto('/portal/sign-in');
  await page.getByLabel('Username or email').fill('riley.turner');
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Welcome, Riley' })).toBeVisible();

  await page.getByRole('link', { name: 'Open Cedar Ridge Apartments' }).click();
  await expect(page.getByRole('heading', { name: 'Cedar Ridge Apartments' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Calendar' })).toHaveAttribute('aria-selected', 'true');

  await page.getByRole('button', { name: 'New turn' }).click();
  const drawer = page.getByRole('dialog', { name: 'New turn' });
  await drawer.getByRole('combobox', { name: 'Unit' }).fill('105');
  await page.getByRole('option', { name: /^105/ }).click();
  await drawer.getByLabel('Move-out').fill('2027-03-01');
  await drawer.getByLabel('Move-in').fill('2027-03-08');

  // Back-scheduled from the move-in: touch-up paint 5 days before, clean 2 days before.
  await expect(drawer.getByLabel('Touch-up paint date')).toHaveValue('2027-03-03');
  await expect(drawer.getByLabel('Clean date')).toHaveValue('2027-03-06');
  await drawer.getByLabel('Order Full paint').uncheck();
  await drawer.getByLabel('Clean date').fill('2027-03-05');
  await drawer.getByLabel('I don’t know the PO number yet').check();
  await drawer.getByLabel('Notes').fill('Keys in the lockbox.');
  await expect(drawer.getByLabel('Estimated total')).not.toHaveText('$0.00');
  await drawer.getByRole('button', { name: 'Save turn' }).click();

  await expect(page.getByRole('heading', { name: /Unit 105/ })).toBeVisible();
  const services = page.getByRole('table', { name: 'Services' });
  await expect(services.getByRole('row', { name: /Touch-up paint/ })).toContainText('Mar 3, 2027');
  await expect(services.getByRole('row', { name: /^Clean/ })).toContainText('Picked date');

  await page.getByRole('link', { name: 'Cedar Ridge Apartments' }).click();
  await expect(page.getByRole('tab', { name: 'Turn board' })).toHaveAttribute('aria-selected', 'true');
  await page.getByLabel('Search by unit').fill('105');
  const pending = page.getByRole('region', { name: 'Pending turns' });
  await expect(pending.getByRole('link', { name: 'Unit 105' })).toBeVisible();
  await pending.getByRole('link', { name: 'Unit 105' }).click();

  await page.getByRole('button', { name: 'Cancel turn' }).click();
  await page.getByRole('dialog').getByLabel('Reason (optional)').fill('Resident renewed');
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel turn' }).click();
  await expect(page.getByText('This turn was canceled')).toBeVisible();
  await expect(services.getByRole('row', { name: /Touch-up paint/ })).toContainText('Canceled');
});
