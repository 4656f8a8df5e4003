import { expect, test } from '@playwright/test';
import { signInAsDemoStaff } from '../fixtures.ts';

test('staff create a management company, two properties and a contact, then find them in the list', async ({
  page,
}) => {
  // A long journey on a shared, busy machine.
  test.setTimeout(120_000);
  const suffix = Date.now().toString(36).toUpperCase();
  const company = `Riverbend Living ${suffix}`;
  await signInAsDemoStaff(page);

  await page.getByRole('button', { name: 'New management company' }).click();
  const companyDialog = page.getByRole('dialog', { name: 'New management company' });
  await companyDialog.getByLabel('Name').fill(company);
  await companyDialog.getByLabel('Account number').fill(`MC-${suffix}`);
  await companyDialog.getByLabel('City').fill('Austin');
  await companyDialog.getByRole('button', { name: 'Create management company' }).click();
  await expect(page.getByRole('heading', { name: company })).toBeVisible();
  await expect(page.getByText(`Account number MC-${suffix}`, { exact: true })).toBeVisible();

  // Two properties from the company's Properties tab; a duplicate account number is refused next to the field.
  await page.getByRole('tab', { name: 'Properties' }).click();
  for (const [name, number] of [
    [`Riverbend North ${suffix}`, `PN-${suffix}`],
    [`Riverbend South ${suffix}`, `MC-${suffix}`],
  ] as const) {
    await page.getByRole('button', { name: 'Add property' }).click();
    const dialog = page.getByRole('dialog', { name: 'New property' });
    await dialog.getByLabel('Name').fill(name);
    await dialog.getByLabel('Account number').fill(number);
    await dialog.getByRole('button', { name: 'Create property' }).click();
    if (number === `MC-${suffix}`) {
      await expect(dialog.getByText(`Account number MC-${suffix} is already in use`)).toBeVisible();
      await dialog.getByLabel('Account number').fill('');
      await dialog.getByRole('button', { name: 'Create property' }).click();
    }
    await expect(page.getByRole('heading', { name })).toBeVisible();
    await expect(page.getByText(`Part of ${company}`)).toBeVisible();
    await page.getByRole('link', { name: company }).click();
    await page.getByRole('tab', { name: 'Properties' }).click();
  }
  await expect(page.getByRole('table', { name: 'Properties' }).getByRole('row')).toHaveCount(3);

  // A contact on the first property: a bad phone gets a field error, then it saves.
  await page.getByRole('link', { name: `Riverbend North ${suffix}` }).click();
  await page.getByRole('tab', { name: 'Contacts' }).click();
  await page.getByRole('button', { name: 'New contact' }).click();
  const contactDialog = page.getByRole('dialog', { name: 'New contact' });
  await contactDialog.getByLabel('First name').fill('Tessa');
  await contactDialog.getByLabel('Last name').fill(`Morgan${suffix}`);
  await contactDialog.getByLabel('Phone').fill('555-01');
  await contactDialog.getByLabel('Primary emails').fill(`tessa.${suffix.toLowerCase()}@riverbend.example`);
  await contactDialog.getByLabel('Primary emails').press('Enter');
  await contactDialog.getByRole('button', { name: 'Create contact' }).click();
  await expect(contactDialog.getByText('Enter a valid phone number')).toBeVisible();
  await contactDialog.getByLabel('Phone').fill('(512) 555-0142');
  await contactDialog.getByRole('button', { name: 'Create contact' }).click();
  const contacts = page.getByRole('table', { name: 'All Contacts' });
  await expect(contacts.getByRole('link', { name: `Tessa Morgan${suffix}` })).toBeVisible();
  await expect(contacts.getByText('+15125550142')).toBeVisible();

  // The contact page: linked accounts with the main one marked, and the details save.
  await contacts.getByRole('link', { name: `Tessa Morgan${suffix}` }).click();
  await expect(page.getByRole('heading', { name: `Tessa Morgan${suffix}` })).toBeVisible();
  await expect(
    page
      .getByRole('table', { name: 'Linked accounts' })
      .getByRole('row', { name: new RegExp(`Riverbend North ${suffix}.*Main`) }),
  ).toBeVisible();
  await page.getByLabel('Title').fill('Community Manager');
  await page.getByRole('button', { name: 'Save contact' }).click();
  await expect(page.getByText('Contact saved')).toBeVisible();

  // The list finds the company by name and the property by its contact's email.
  await page.getByRole('link', { name: 'Customers' }).click();
  await page.getByLabel('Search customers').fill(`Riverbend`);
  const list = page.getByRole('table', { name: 'Customers' });
  await expect(list.getByRole('row')).toHaveCount(4);
  await expect(
    list.getByRole('row', { name: new RegExp(`^${company} MC-${suffix} Management company`) }),
  ).toBeVisible();
  await expect(
    list.getByRole('row', { name: new RegExp(`^Riverbend South ${suffix} A-\\d{5} Property ${company}`) }),
  ).toBeVisible();
  await page.getByLabel('Search customers').fill(`tessa.${suffix.toLowerCase()}@riverbend`);
  await expect(list.getByRole('row')).toHaveCount(2);
  await expect(list.getByRole('link', { name: `Riverbend North ${suffix}` })).toBeVisible();
});

test('the account page shows the portal key on request and the onboarding checklist follows the data', async ({
  page,
}) => {
  await signInAsDemoStaff(page);
  await page.getByLabel('Search customers').fill('PR-2006');
  await page.getByRole('link', { name: 'Northwind Terrace' }).click();
  await expect(page.getByRole('heading', { name: 'Northwind Terrace' })).toBeVisible();

  await page.getByRole('button', { name: 'Reveal portal key' }).click();
  await page.getByLabel('Reason').fill('The property manager asked on the phone');
  await page.getByRole('button', { name: 'Reveal', exact: true }).click();
  await expect(page.getByLabel('Portal key', { exact: true })).toHaveText(/^([0-9A-Z]{4}-){6}[0-9A-Z]{4}$/);

  await expect(page.getByText('Use "Add my contact" on the Contacts tab.')).toBeVisible();
  await page.getByRole('tab', { name: 'Contacts' }).click();
  await page.getByRole('button', { name: 'Add my contact' }).click();
  await expect(
    page.getByRole('table', { name: 'All Contacts' }).getByRole('link', { name: 'Demo Admin' }),
  ).toBeVisible();

  await page.getByRole('tab', { name: 'Overview' }).click();
  await expect(page.getByText('Your contact is in the All Contacts list')).toBeVisible();
  await expect(page.getByText('Use "Add my contact" on the Contacts tab.')).toBeHidden();
  // The box reflects the saved state, so it turns checked once the server has recorded who checked it.
  await page.getByRole('checkbox', { name: /Logged in to the portal to check Setup Services/ }).click();
  await expect(page.getByRole('checkbox', { name: /Logged in to the portal to check Setup Services/ })).toBeChecked();
  await expect(page.getByText(/Checked by Demo Admin/)).toBeVisible();
  await page.getByRole('switch', { name: 'Activate portal access' }).click();
  await expect(page.getByRole('switch', { name: 'Activate portal access' })).toBeChecked();

  await page.getByRole('tab', { name: 'Activity' }).click();
  const activity = page.getByRole('table', { name: 'Account activity' });
  await expect(activity.getByText('Account portal access enabled')).toBeVisible();
  await expect(activity.getByText('Account portal key revealed')).toBeVisible();
  await expect(activity.getByText('Account onboarding item checked')).toBeVisible();
});
