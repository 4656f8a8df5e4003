import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const NEW_PASSWORD = 'support desk lantern orchard';

/** A support staff member made with the CLI, as an admin would; its one-time password changed through the API. */
async function supportStaff(request: import('@playwright/test').APIRequestContext) {
  const email = `support-${Date.now()}@portico.test`;
  const { DATABASE_URL: _postgres, ...env } = process.env;
  const created = spawnSync(
    process.execPath,
    ['bin/portico.js', 'create-staff', '--email', email, '--role', 'support'],
    {
      env: { ...env, SQLITE_PATH: join(process.env.E2E_DATA_DIRECTORY!, 'portico.db') },
      encoding: 'utf8',
    },
  );
  const password = /One-time password: (\S+)/.exec(created.stdout)?.[1];
  expect(password, created.stderr).toBeTruthy();
  expect((await request.post('/api/staff/session', { data: { email, password } })).ok()).toBeTruthy();
  const changed = await request.post('/api/staff/session/password', {
    data: { currentPassword: password, newPassword: NEW_PASSWORD },
  });
  expect(changed.ok(), await changed.text()).toBeTruthy();
}

test('support sees the controls it may not use disabled, with the reason, and no audit log', async ({ page }) => {
  await supportStaff(page.request);
  await page.goto('/console/customers');
  await expect(page.getByRole('heading', { name: 'Customers' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Audit log' })).toHaveCount(0);
  const newProperty = page.getByRole('button', { name: 'New property' });
  await expect(newProperty).toBeDisabled();
  await newProperty.locator('xpath=..').hover();
  await expect(page.getByRole('tooltip')).toContainText('Your role (support) cannot change customer setup');

  await page.getByRole('link', { name: 'Harbor Point Lofts' }).first().click();
  await expect(page.getByRole('switch', { name: 'Activate portal access' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Set status' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Reveal portal key' })).toBeDisabled();
  await page.screenshot({ path: 'test-results/support-role-account.png', fullPage: true });

  // Catalog and onboarding: readable, with the saving controls off.
  await page.getByRole('tab', { name: 'Units' }).click();
  await expect(page.getByRole('button', { name: 'Add unit' })).toBeDisabled();
  await page.getByRole('tab', { name: 'Service profile' }).click();
  await expect(page.getByRole('button', { name: 'Save service profile' })).toBeDisabled();
  await page.getByRole('tab', { name: 'Onboard' }).click();
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await expect(page.getByText('Read only')).toBeVisible();
});
