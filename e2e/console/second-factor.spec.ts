import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { generate } from 'otplib';
import { E2E_PORT } from '../../playwright.config.ts';
import { signInStaffApi, staffCall } from '../portal-access/support.ts';
import { customerWithLogin } from '../ux/support.ts';

// Browsers refuse an IP address as a WebAuthn relying party: with PUBLIC_URL on 127.0.0.1 the server
// accepts passkeys at http://localhost on the same port, so this journey runs there.
test.use({ baseURL: `http://localhost:${E2E_PORT}` });

const EMAIL = 'robin.ash@portico.example';
const PASSWORD = 'slate harbour lantern meadow';

function dataDirectory(): string {
  const directory = process.env.E2E_DATA_DIRECTORY;
  if (!directory) throw new Error('global setup did not provide the data directory');
  return directory;
}

/** A new admin through the CLI, as an operator adds one; answers the printed one-time password. */
function createAdmin(): string {
  const output = execFileSync(
    process.execPath,
    ['bin/portico.js', 'create-staff', '--email', EMAIL, '--role', 'admin', '--name', 'Robin Ash'],
    {
      env: {
        ...process.env,
        SQLITE_PATH: join(dataDirectory(), 'portico.db'),
        PUBLIC_URL: `http://127.0.0.1:${E2E_PORT}`,
        LOG_LEVEL: 'warn',
      },
      encoding: 'utf8',
    },
  );
  const password = /One-time password:\s+(\S+)/.exec(output)?.[1];
  if (!password) throw new Error(`create-staff printed no password:\n${output}`);
  return password;
}

/**
 * Ten minutes pass. The step-up window is kept in server time, so rather than wait the test moves this
 * admin's last confirmation back in the server's database.
 */
function confirmationTenMinutesOld() {
  const db = new Database(join(dataDirectory(), 'portico.db'), { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const elevenMinutesAgo = new Date(Date.now() - 11 * 60_000).toISOString();
    db.prepare(
      "update sessions set reauthenticated_at = ? where kind = 'staff' and subject_id = (select id from staff_members where email = ?)",
    ).run(elevenMinutesAgo, EMAIL);
  } finally {
    db.close();
  }
}

/** Each 30 s step is accepted once: every code is for a step after the last one used (±1 step is allowed). */
let lastStep = 0;
async function nextCode(secret: string): Promise<string> {
  const step = Math.max(lastStep + 1, Math.floor(Date.now() / 30_000));
  lastStep = step;
  return generate({ secret, epoch: step * 30 });
}

async function signInWithPassword(page: Page) {
  await page.goto('/console/sign-in');
  await page.getByLabel('Email').fill(EMAIL);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Account menu' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/console\/sign-in$/);
}

async function openSecurity(page: Page) {
  await page.getByRole('button', { name: 'Account menu' }).click();
  await page.getByRole('menuitem', { name: 'Sign-in security' }).click();
  await expect(page.getByRole('heading', { name: 'Sign-in security' })).toBeVisible();
}

test('an admin enrols an authenticator app and a passkey, signs in with each, and view-as asks for step-up and a reason', async ({
  page,
  playwright,
}, testInfo) => {
  // Set-up as the demo admin in its own request context, so the browser's cookies stay Robin's.
  const setup = await playwright.request.newContext({ baseURL: `http://127.0.0.1:${E2E_PORT}` });
  await signInStaffApi(setup);
  // Admins must use a second factor once one admin has enrolled; an explicit choice keeps the demo admin
  // (who every other spec signs in as) on password only. Robin, with factors, is asked for one all the same.
  await staffCall(setup, 'put', '/api/staff/second-factor-policy', { role: 'admin', required: false });
  const { contactId } = await customerWithLogin(setup, 'nora.quill');
  await setup.dispose();

  // First sign-in with the one-time password, which must be changed.
  const oneTimePassword = createAdmin();
  await page.goto('/console/sign-in');
  await page.getByLabel('Email').fill(EMAIL);
  await page.getByLabel('Password', { exact: true }).fill(oneTimePassword);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByLabel('Current password').fill(oneTimePassword);
  await page.getByLabel('New password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Confirm new password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByRole('heading', { name: 'Customers' })).toBeVisible();

  // The authenticator app: the code is computed from the key the page shows.
  await openSecurity(page);
  const totpCard = page.locator('.mantine-Card-root').filter({ hasText: 'Authenticator app' });
  await totpCard.getByRole('button', { name: 'Set up authenticator app' }).click();
  const secret = (await totpCard.getByLabel('Setup key').textContent())?.replaceAll(' ', '') ?? '';
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  await page.screenshot({ path: testInfo.outputPath('totp-enrolment.png'), fullPage: true });
  await totpCard.getByLabel('Code from the app').fill(await nextCode(secret));
  await totpCard.getByRole('button', { name: 'Turn on' }).click();
  const codes = page.getByLabel('Recovery codes', { exact: true });
  await expect(codes).toBeVisible();
  expect((await codes.textContent())?.match(/\w{5}-\w{5}-\w{5}-\w{5}/g)).toHaveLength(10);
  await expect(totpCard.getByText('On', { exact: true })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('recovery-codes.png'), fullPage: true });

  // A password sign-in now asks for the code.
  await signOut(page);
  await signInWithPassword(page);
  await expect(page.getByRole('heading', { name: 'Confirm it is you' })).toBeVisible();
  await page.getByLabel('Authenticator code').fill(await nextCode(secret));
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('heading', { name: 'Customers' })).toBeVisible();

  // A passkey, made by Chromium's virtual authenticator (a platform authenticator that verifies the user).
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  await openSecurity(page);
  const passkeysCard = page.locator('.mantine-Card-root').filter({ hasText: 'Passkeys' });
  await passkeysCard.getByLabel('Passkey name').fill('Work laptop');
  await passkeysCard.getByRole('button', { name: 'Add passkey' }).click();
  await expect(passkeysCard.getByRole('row', { name: /Work laptop/ })).toContainText('Not used yet');
  const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
  expect(credentials).toHaveLength(1);
  expect(credentials[0]!.isResidentCredential).toBe(true);
  await page.screenshot({ path: testInfo.outputPath('passkey-added.png'), fullPage: true });

  // The passkey alone signs in: no password, no code.
  await signOut(page);
  await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
  await expect(page.getByRole('heading', { name: 'Customers' })).toBeVisible();
  await openSecurity(page);
  await expect(passkeysCard.getByRole('row', { name: /Work laptop/ })).toContainText('Used');

  // Ten minutes on, view-as asks for the second factor again and a reason.
  confirmationTenMinutesOld();
  // The server remembers a session for up to 5 s; wait until it answers from the aged row.
  await expect
    .poll(async () => (await (await page.request.get('/api/staff/session')).json()).reauthenticatedUntil)
    .toBeNull();
  await page.goto(`/console/contacts/${contactId}`);
  const panel = page.getByRole('region', { name: 'Portal access' });
  await panel.getByRole('button', { name: 'View portal as this contact' }).click();
  const dialog = page.getByRole('dialog', { name: 'View the portal as this contact' });
  await expect(dialog.getByLabel('Reason')).toBeVisible();
  await expect(dialog.getByLabel('Authenticator code')).toBeVisible();
  await expect(dialog.getByText('your last confirmation is more than 10 minutes old')).toBeVisible();
  // Without a reason nothing is sent.
  await dialog.getByRole('button', { name: 'Use a passkey instead' }).click();
  await expect(dialog.getByText('Say in a few words why you need this.')).toBeVisible();
  await expect(dialog.getByLabel('Reason')).toHaveAttribute('aria-invalid', 'true');
  const reason = 'Nora cannot find her turn on the calendar';
  await dialog.getByLabel('Reason').fill(reason);
  await page.screenshot({ path: testInfo.outputPath('step-up-dialog.png') });
  const portal = page.waitForEvent('popup');
  await dialog.getByRole('button', { name: 'Use a passkey instead' }).click();
  const viewing = await portal;
  await expect(viewing.getByText('Viewing the portal as Nora Quill')).toBeVisible();
  await expect(dialog).toBeHidden();
  await viewing.close();

  // The audit log has the step-up and the reason, with who gave it.
  await page.goto('/console/audit');
  const log = page.getByRole('table', { name: 'Audit log' });
  await expect(log.getByRole('row', { name: /Staff step up reason by Robin Ash/ }).first()).toContainText(reason);
  await expect(log.getByRole('row', { name: /Staff stepped up by Robin Ash/ }).first()).toContainText('passkey');
});
