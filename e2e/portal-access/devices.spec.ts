import { expect, test, type Page } from '@playwright/test';
import { CUSTOMER_PASSWORD, customerWithLogin, settled } from '../ux/support.ts';

const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

async function signIn(page: Page, login: string) {
  await page.goto('/portal/sign-in');
  await page.getByLabel('Username or email').fill(login);
  await page.getByLabel('Password', { exact: true }).fill(CUSTOMER_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/\/portal\/home$/);
}

async function openDevices(page: Page) {
  await page.getByRole('link', { name: /^Your account/ }).click();
  await expect(page.getByRole('heading', { name: 'Signed-in devices' })).toBeVisible();
  await settled(page);
}

test('a customer sees the devices signed in, signs one out and then signs out everywhere', async ({
  page,
  browser,
}, testInfo) => {
  const username = 'dana.voss';
  await customerWithLogin(page.request, username);
  // Start from no session at all: setting up the login over the API left some behind.
  expect((await page.request.delete('/api/portal/session/devices')).status()).toBe(204);

  await signIn(page, username);
  const phone = await browser.newContext({ userAgent: IPHONE, viewport: { width: 390, height: 844 } });
  const phonePage = await phone.newPage();
  await signIn(phonePage, username);

  await openDevices(page);
  const list = page.getByRole('list', { name: 'Signed-in devices' });
  await expect(list.getByRole('listitem')).toHaveCount(2);
  const laptop = list.getByRole('listitem').filter({ hasText: 'This device' });
  await expect(laptop).toContainText('Chrome on Linux');
  await expect(laptop).toContainText('Signed in');
  await expect(laptop).toContainText('Last seen');
  // The current device is signed out with the header's Sign out, not from the list.
  await expect(laptop.getByRole('button', { name: /^Sign out/ })).toHaveCount(0);
  const iphone = list.getByRole('listitem', { name: 'Safari on iPhone' });
  await expect(iphone).not.toContainText('This device');
  await page.screenshot({ path: testInfo.outputPath('devices-laptop.png'), fullPage: true });

  await openDevices(phonePage);
  await phonePage.screenshot({ path: testInfo.outputPath('devices-phone.png'), fullPage: true });

  await iphone.getByRole('button', { name: /^Sign out Safari on iPhone/ }).click();
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(list.getByRole('listitem', { name: 'Safari on iPhone' })).toHaveCount(0);

  // The phone is signed out at its next request: still showing the list, its next action is refused and
  // it lands on the sign-in page told why; the API refuses it too.
  await phonePage
    .getByRole('list', { name: 'Signed-in devices' })
    .getByRole('button', { name: /^Sign out Chrome on Linux/ })
    .click();
  await expect(phonePage).toHaveURL(/\/portal\/sign-in\?notice=session_ended$/);
  await expect(phonePage.getByText('You were signed out')).toBeVisible();
  expect((await phonePage.request.get('/api/portal/session')).status()).toBe(401);
  await expect(list.getByRole('listitem', { name: 'Chrome on Linux' })).toContainText('This device');

  // Sign out everywhere asks first, then ends this session too.
  await signIn(phonePage, username);
  await page.reload();
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await page.getByRole('button', { name: 'Sign out everywhere' }).click();
  const confirm = page.getByRole('dialog', { name: 'Sign out everywhere?' });
  await expect(confirm).toContainText('this one included');
  await page.screenshot({ path: testInfo.outputPath('devices-confirm.png') });
  await confirm.getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(page).toHaveURL(/\/portal\/sign-in\?notice=signed_out_everywhere$/);
  await expect(page.getByText('Signed out everywhere')).toBeVisible();
  await page.goto('/portal/home');
  await expect(page).toHaveURL(/\/portal\/sign-in$/);
  await phonePage.goto('/portal/home');
  await expect(phonePage).toHaveURL(/\/portal\/sign-in$/);
  await phone.close();
});
