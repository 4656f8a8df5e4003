import { expect, test } from '@playwright/test';
import { axeFindings, describeFindings, settled } from '../ux/support.ts';
import { latestLink, signInStaffApi, staffCall } from './support.ts';

test.describe.configure({ timeout: 120_000 });

const PASSWORD = 'amber kettle river sunrise';

test('a management company contact with more properties than a page sees the first page, searches and shows more', async ({
  page,
}) => {
  const tag = Date.now().toString(36);
  const email = `pat.paging.${tag}@example.com`;
  await signInStaffApi(page.request);
  const company = await staffCall(page.request, 'post', '/api/staff/management-companies', {
    name: `Paging ${tag} Group`,
    status: 'current',
    city: 'Dallas',
    region: 'TX',
  });
  await staffCall(page.request, 'put', `/api/staff/accounts/${company.id}/portal-access`, { enabled: true });
  for (let number = 1; number <= 26; number += 1) {
    const property = await staffCall(page.request, 'post', '/api/staff/properties', {
      name: `Paging ${tag} Property ${String(number).padStart(2, '0')}`,
      status: 'current',
      city: number === 26 ? 'Galveston' : 'Dallas',
      region: 'TX',
      parentAccountId: company.id,
    });
    await staffCall(page.request, 'put', `/api/staff/accounts/${property.id}/portal-access`, { enabled: true });
  }
  const contact = await staffCall(page.request, 'post', '/api/staff/contacts', {
    firstName: 'Pat',
    lastName: 'Paging',
    primaryEmails: [email],
    accountIds: [company.id],
  });
  await staffCall(page.request, 'post', `/api/staff/contacts/${contact.id}/portal-access/grant`, {
    portalEmail: email,
    sendCredentialCreateEmail: true,
  });
  const token = (await latestLink(page.request, email, 'credential_create')).split('/').pop();
  await staffCall(page.request, 'post', '/api/portal/links/redeem', {
    token,
    username: `pat.${tag}`,
    password: PASSWORD,
  });

  await page.goto('/portal/home');
  await expect(page.getByRole('heading', { name: 'Welcome, Pat' })).toBeVisible();
  const companies = page.getByRole('region', { name: 'Your companies' });
  await expect(companies.getByRole('article', { name: `Paging ${tag} Group` })).toBeVisible();
  const properties = page.getByRole('region', { name: 'Your properties' });
  await expect(properties.getByText('Showing 24 of 26 properties')).toBeVisible();
  await expect(properties.getByRole('article')).toHaveCount(24);
  await expect(properties.getByRole('article').first()).toContainText('0 open turns');
  // The paged home (search box, count, Show more) passes axe-core too; ux/axe.spec sees a one-page home.
  await settled(page);
  const findings = await axeFindings(page, '/portal/home (paged)');
  expect(findings, describeFindings(findings)).toEqual([]);

  await properties.getByRole('button', { name: 'Show more properties' }).click();
  await expect(properties.getByText('Showing 26 of 26 properties')).toBeVisible();
  await expect(properties.getByRole('article')).toHaveCount(26);
  await expect(properties.getByRole('button', { name: 'Show more properties' })).toHaveCount(0);

  await properties.getByLabel('Search properties').fill('galveston');
  await expect(properties.getByText('Showing 1 of 1 matching property')).toBeVisible();
  await expect(properties.getByRole('article')).toHaveCount(1);
  await properties.getByRole('link', { name: `Open Paging ${tag} Property 26` }).click();
  await expect(page).toHaveURL(/\/portal\/properties\/[^/]+\?tab=calendar$/);
});
