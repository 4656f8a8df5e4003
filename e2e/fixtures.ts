import { expect, type Page } from '@playwright/test';

export function demoStaff() {
  const email = process.env.DEMO_STAFF_EMAIL;
  const password = process.env.DEMO_STAFF_PASSWORD;
  if (!email || !password) throw new Error('global setup did not provide the demo staff credentials');
  return { email, password };
}

/** Signs in through the real sign-in page. */
export async function signInAsDemoStaff(page: Page): Promise<void> {
  const { email, password } = demoStaff();
  await page.goto('/console/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Customers' })).toBeVisible();
}
