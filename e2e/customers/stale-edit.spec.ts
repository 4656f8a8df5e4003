import { expect, test } from '@playwright/test';
import { signInAsDemoStaff } from '../fixtures.ts';
import { signInStaffApi, staffCall } from '../portal-access/support.ts';

test('an edit based on an old copy is refused with who changed it, and Reload shows their change', async ({
  page,
  request,
}) => {
  const suffix = Date.now().toString(36).toUpperCase();
  const name = `Willow Court ${suffix}`;
  await signInStaffApi(request);
  const account = await staffCall(request, 'post', '/api/staff/properties', { name, city: 'Austin' });

  await signInAsDemoStaff(page);
  await page.goto(`/console/customers/${account.id}`);
  await expect(page.getByRole('heading', { name })).toBeVisible();
  await page.getByLabel('City').fill('San Marcos');

  // Meanwhile a colleague (another session of the API) saves the same account.
  await staffCall(request, 'put', `/api/staff/accounts/${account.id}`, {
    name,
    accountNumber: account.accountNumber,
    parentAccountId: null,
    city: 'Dallas',
  });

  await page.getByRole('button', { name: 'Save details' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'changed this at' });
  await expect(alert).toContainText('Reload to see their change, then edit again.');
  await page.screenshot({ path: 'test-results/stale-edit.png', fullPage: true });

  await alert.getByRole('button', { name: 'Reload' }).click();
  await expect(page.getByLabel('City')).toHaveValue('Dallas');
  await page.getByLabel('City').fill('San Marcos');
  await page.getByRole('button', { name: 'Save details' }).click();
  await expect(page.getByText('Account saved')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('City')).toHaveValue('San Marcos');
});
