import { expect, test } from '@playwright/test';
import { signInAsDemoStaff } from '../fixtures.ts';
import { latestMailTo } from '../mail.ts';

test('staff send a test email and read it, rendered, on the Outbox page', async ({ page, request }) => {
  const address = `e2e-${Date.now()}@vendor.test`;
  await signInAsDemoStaff(page);
  await page.getByRole('navigation').getByRole('link', { name: 'Notifications' }).click();
  await expect(page.getByRole('heading', { name: 'Notifications' })).toBeVisible();
  await page.getByRole('tab', { name: 'Settings' }).click();
  await page.getByLabel('Email address').fill(address);
  await page.getByRole('button', { name: 'Send test email' }).click();
  await expect(page.getByText('Test message queued')).toBeVisible();

  // The in-process dispatcher captures it (no SMTP configured) and the API mail reader sees it.
  const mail = await latestMailTo(request, address, { kind: 'staff_test_email' });
  expect(mail.subject).toBe('Portico test email');

  await page.getByRole('navigation').getByRole('link', { name: 'Outbox' }).click();
  await expect(page.getByRole('heading', { name: 'Outbox' })).toBeVisible();
  await page.getByLabel('Recipient').fill(address);
  await page.getByRole('button', { name: `Open message to ${address}` }).click();
  const drawer = page.getByRole('dialog', { name: 'Test email message' });
  await expect(drawer.getByText('Sent', { exact: true }).first()).toBeVisible();
  await expect(drawer.getByText('Portico test email')).toBeVisible();
  await expect(
    drawer.frameLocator('iframe[title="Message content"]').getByText(/This is a test email sent by/),
  ).toBeVisible();
  await expect(drawer.getByLabel('Message content text')).toContainText('email delivery works');
});

test('a template with an unknown merge tag is rejected next to the field', async ({ page }) => {
  await signInAsDemoStaff(page);
  await page.goto('/console/notifications');
  // The first template in the list is open by default.
  await expect(page.getByRole('heading', { name: 'Test email' })).toBeVisible();
  await page.getByLabel('Subject').fill('Hello {{contact.nickname}}');
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByText(/Unknown merge tag \{\{contact\.nickname\}\}/)).toBeVisible();
  await page.getByLabel('Subject').fill('Hello from {{staff.name}}');
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByText('Preview with sample data')).toBeVisible();
  await expect(page.getByText('Hello from Jordan Staff')).toBeVisible();
  await expect(
    page.frameLocator('iframe[title="Template preview"]').getByText('This is a test email sent by Jordan Staff'),
  ).toBeVisible();
});
