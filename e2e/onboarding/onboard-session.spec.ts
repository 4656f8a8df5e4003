import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect as baseExpect, type Download, type Page, test } from '@playwright/test';
import { signInAsDemoStaff } from '../fixtures.ts';

// A long journey on a machine shared with other test runs.
const expect = baseExpect.configure({ timeout: 30_000 });

async function pdfText(download: Download): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), 'onboard-pdf-')), download.suggestedFilename());
  await download.saveAs(path);
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
}

const saved = (page: Page) => expect(page.getByText(/^Saved \d/)).toBeVisible();

async function choose(page: Page, label: string, option: string) {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function yesNo(page: Page, label: string, value: 'Yes' | 'No') {
  await page.getByRole('radiogroup', { name: label }).getByText(value, { exact: true }).click();
  await expect(page.getByRole('radiogroup', { name: label }).getByRole('radio', { name: value })).toBeChecked();
}

/** Confirms a value the account already holds (a default, or one another answer set). */
async function confirm(page: Page, label: string) {
  await page.getByRole('button', { name: `Confirm ${label}` }).click();
  await expect(page.getByRole('button', { name: `Confirm ${label}` })).toBeHidden();
}

async function tickAll(page: Page) {
  const boxes = page.getByRole('main').getByRole('checkbox');
  for (let index = 0; index < (await boxes.count()); index += 1) {
    await boxes.nth(index).click();
    await expect(boxes.nth(index)).toBeChecked();
  }
}

test('a PSM runs a whole onboard for a fresh property, from Pre-Onboard to Closing, with both PDF outlines', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const suffix = Date.now().toString(36).toUpperCase();
  const property = `Maple Court ${suffix}`;
  await signInAsDemoStaff(page);

  await page.getByRole('button', { name: 'New property' }).click();
  const dialog = page.getByRole('dialog', { name: 'New property' });
  await dialog.getByLabel('Name').fill(property);
  await dialog.getByRole('button', { name: 'Create property' }).click();
  await expect(page.getByRole('heading', { name: property })).toBeVisible();

  await page.getByRole('tab', { name: 'Contacts' }).click();
  for (const [first, last, phone] of [
    ['Maria', `Alvarez${suffix}`, '(512) 555-0101'],
    ['Sam', `Okafor${suffix}`, '(512) 555-0102'],
  ] as const) {
    await page.getByRole('button', { name: 'New contact' }).click();
    const contact = page.getByRole('dialog', { name: 'New contact' });
    await contact.getByLabel('First name').fill(first);
    await contact.getByLabel('Last name').fill(last);
    await contact.getByLabel('Phone').fill(phone);
    await contact.getByLabel('Primary emails').fill(`${first.toLowerCase()}.${suffix.toLowerCase()}@maple.example`);
    await contact.getByLabel('Primary emails').press('Enter');
    await contact.getByRole('button', { name: 'Create contact' }).click();
    await expect(
      page.getByRole('table', { name: 'All Contacts' }).getByRole('link', { name: `${first} ${last}` }),
    ).toBeVisible();
  }
  const maria = `Maria Alvarez${suffix}`;
  const sam = `Sam Okafor${suffix}`;

  // Pre-Onboard: the account's checklist, read-only here.
  await page.getByRole('tab', { name: 'Onboard' }).click();
  await expect(page.getByRole('heading', { name: 'Pre-Onboard' })).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).click();

  // Part 1: contacts, communication, billing, paint, smoke-free and mask policy.
  await choose(page, 'Primary point of contact', maria);
  await saved(page);
  await choose(page, 'Backup contact', sam);
  // The backup's mobile becomes the service profile's backup notification phone.
  await expect(page.getByRole('textbox', { name: 'Backup’s mobile number for add-on texts' })).toHaveValue(
    '+15125550102',
  );
  await confirm(page, 'Backup’s mobile number for add-on texts');
  // Boxes show the saved state: checked once the server has it.
  await page.getByRole('checkbox', { name: /Contact information of both confirmed/ }).click();
  await expect(page.getByRole('checkbox', { name: /Contact information of both confirmed/ })).toBeChecked();
  await choose(page, 'Preferred method of communication: general communication', 'SMS');
  // Maria also approves add-ons (until Part 2 names someone else): one preference, already SMS.
  await expect(
    page.getByRole('combobox', { name: 'Preferred method of communication: add-on requests and approvals' }),
  ).toHaveValue('SMS');
  await confirm(page, 'Preferred method of communication: add-on requests and approvals');
  await page.getByLabel('Billing contact first name').fill('Dana');
  await page.getByLabel('Last name', { exact: true }).fill('Price');
  await page.getByLabel('Title', { exact: true }).fill('Accounts Payable');
  await page.getByLabel('Number', { exact: true }).fill('(512) 555-0199');
  await page.getByLabel('Email', { exact: true }).fill('ap@maple.example');
  await page.getByLabel('Billing address').fill('1 Maple Court');
  await page.getByLabel('City').fill('Austin');
  await page.getByLabel('State').fill('TX');
  await page.getByLabel('ZIP').fill('78701');
  await page.getByLabel('Market the billing cycle follows').fill('Austin');
  await choose(page, 'Billing type', 'Monthly statement');
  await choose(page, 'Billing cycle', 'Monthly');
  await page.getByRole('button', { name: 'Save billing info' }).click();
  await expect(page.getByRole('button', { name: 'Save billing info' })).toBeDisabled();
  await page.getByLabel('Paint specs (confirmed)').fill('Sherwin-Williams Agreeable Gray, eggshell');
  await yesNo(page, 'Smoke-free property', 'Yes');
  await page.getByLabel('Mask policy').fill('Masks in occupied units only');
  await page.getByLabel('Paint specs (confirmed)').focus();
  await saved(page);
  await expect(page.getByText('10/10')).toBeVisible();

  // A reload mid-way: the same part opens again with every answer in place.
  await page.reload();
  await expect(page.getByRole('heading', { name: /Part 1/ })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Primary point of contact' })).toHaveValue(maria);
  await expect(page.getByLabel('Mask policy')).toHaveValue('Masks in occupied units only');
  await expect(page.getByLabel('Billing contact first name')).toHaveValue('Dana');
  await page.getByRole('button', { name: 'Next' }).click();

  // Part 2: ordering habits, written to the add-on policy and the contacts' schedule permission.
  await choose(page, 'Expected cadence of orders', 'Weekly');
  await yesNo(page, 'Units are walked before the order is submitted (add-ons expected up front)', 'Yes');
  await expect(page.getByRole('combobox', { name: 'Who approves add-ons' })).toHaveValue(maria);
  await confirm(page, 'Who approves add-ons');
  await yesNo(page, 'A pro may request approval directly (no: through official channels)', 'No');
  await yesNo(page, 'Photos are required with add-on requests', 'Yes');
  await page
    .getByRole('combobox', { name: 'Who besides the main point of contact may change the schedule' })
    .click({ force: true });
  await page.getByRole('option', { name: sam }).click();
  await page.keyboard.press('Escape');
  await saved(page);
  await expect(page.getByText('6/6')).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).click();

  // Parts 3 and 4: the training checklist and the reminders, with the pain points.
  await expect(page.getByRole('heading', { name: /Part 3/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Show me' }).first()).toBeVisible();
  await tickAll(page);
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('heading', { name: /Part 4/ })).toBeVisible();
  await tickAll(page);
  await page.getByLabel('Past pain points with other vendors').fill('The previous vendor missed move-in dates');
  await page.getByLabel('Notes', { exact: true }).click();
  await saved(page);
  await page.getByRole('button', { name: 'Next' }).click();

  // Closing: "onboard complete" only once the four items are ticked.
  await expect(page.getByRole('heading', { name: 'Closing' })).toBeVisible();
  await tickAll(page);
  await page.getByRole('button', { name: 'Record onboard complete' }).click();
  await expect(page.getByRole('button', { name: 'Onboard complete' })).toBeDisabled();
  await expect(page.getByText(/^Onboard complete \d/).first()).toBeVisible();

  // Both outlines download as real PDFs.
  const [filled] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download PDF Outline' }).click(),
  ]);
  const filledText = await pdfText(filled);
  for (const expected of [
    property,
    maria,
    sam,
    'Sherwin-Williams Agreeable Gray',
    'missed move-in dates',
    'Dana Price',
  ])
    expect(filledText).toContain(expected);
  const [blank] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Blank PDF outline' }).click(),
  ]);
  const blankText = await pdfText(blank);
  expect(blankText).toContain('Customer Onboard Outline');
  expect(blankText).not.toContain(property);

  // The account shows it, the billing profile is on the Overview, and the list filters on it.
  await page.getByRole('tab', { name: 'Overview' }).click();
  await expect(page.getByLabel('Billing profile').getByText('Dana Price, Accounts Payable')).toBeVisible();
  await page.getByRole('link', { name: 'Customers' }).click();
  await choose(page, 'Onboard', 'Onboard complete');
  await page.getByLabel('Search customers').fill(property);
  await expect(page.getByRole('table', { name: 'Customers' }).getByRole('link', { name: property })).toBeVisible();
});
