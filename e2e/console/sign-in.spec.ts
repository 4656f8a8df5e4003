import { expect, test } from '@playwright/test';
import { demoStaff, signInAsDemoStaff } from '../fixtures.ts';

test('a wrong password gets a clear error and the printed demo credentials sign in', async ({ page }) => {
  const { email } = demoStaff();
  await page.goto('/console/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill('definitely not the password');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('That email and password do not match');

  await signInAsDemoStaff(page);
  await expect(page.getByText('Demo Admin')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Customers' })).toBeVisible();
});

test('an unauthenticated visit to the console lands on the sign-in page', async ({ page }) => {
  await page.goto('/console/customers');
  await expect(page).toHaveURL(/\/console\/sign-in$/);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
});

test('signing out ends the session', async ({ page }) => {
  await signInAsDemoStaff(page);
  await page.getByRole('button', { name: 'Account menu' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/console\/sign-in$/);
  await page.goto('/console/customers');
  await expect(page).toHaveURL(/\/console\/sign-in$/);
});
