import AxeBuilder from '@axe-core/playwright';
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { demoContact, latestLink, signInStaffApi, staffCall } from '../portal-access/support.ts';

export const CUSTOMER_PASSWORD = 'copper lantern orchard breeze';

/** The demo account with this name, read from the e2e server's SQLite file. */
export function demoAccountId(name: string): string {
  const directory = process.env.E2E_DATA_DIRECTORY;
  if (!directory) throw new Error('global setup did not provide the data directory');
  const db = new Database(join(directory, 'portico.db'), { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare('select id from accounts where name = ?').get(name) as { id: string } | undefined;
    if (!row) throw new Error(`no demo account ${name}`);
    return row.id;
  } finally {
    db.close();
  }
}

/**
 * A new contact at Cedar Ridge Apartments with an activated portal login, set up over the API; the request
 * context ends signed in as that customer.
 */
export async function customerWithLogin(request: APIRequestContext, username: string) {
  const email = `${username.replace('.', '_')}@cedarstone.example`;
  const { accountId } = demoContact('priya.shah@cedarstone.example');
  await signInStaffApi(request);
  const [firstName, lastName] = username.split('.').map((part) => part[0]!.toUpperCase() + part.slice(1));
  const contact = await staffCall(request, 'post', '/api/staff/contacts', {
    firstName,
    lastName,
    title: 'Property Manager',
    primaryEmails: [email],
    otherEmails: [],
    mainAccountId: accountId,
    accountIds: [accountId],
  });
  await staffCall(request, 'put', `/api/staff/accounts/${accountId}/portal-access`, { enabled: true });
  await staffCall(request, 'post', `/api/staff/contacts/${contact.id}/portal-access/grant`, {
    portalEmail: email,
    sendCredentialCreateEmail: true,
  });
  const token = (await latestLink(request, email, 'credential_create')).split('/').pop();
  await staffCall(request, 'post', '/api/portal/links/redeem', { token, username, password: CUSTOMER_PASSWORD });
  await staffCall(request, 'post', '/api/portal/session', { login: username, password: CUSTOMER_PASSWORD });
  return { accountId, contactId: contact.id as string };
}

/**
 * customerWithLogin, and one ordered turn. Each caller passes its own move-out date: the database allows
 * one open turn per unit and move-out date, and the specs share the demo unit.
 */
export async function customerWithTurn(request: APIRequestContext, username: string, moveOutDate: string) {
  const { accountId } = await customerWithLogin(request, username);
  const units = (await (await request.get(`/api/portal/properties/${accountId}/units`)).json()) as {
    items: Array<{ id: string; floorplanId: string | null }>;
  };
  const unit = units.items.find((candidate) => candidate.floorplanId)!;
  const moveIn = new Date(`${moveOutDate}T00:00:00Z`);
  moveIn.setUTCDate(moveIn.getUTCDate() + 8);
  const dates = { moveOutDate, moveInDate: moveIn.toISOString().slice(0, 10) };
  const preview = await staffCall(request, 'post', `/api/portal/properties/${accountId}/turns/preview`, {
    floorplanId: unit.floorplanId,
    ...dates,
  });
  const services = preview.services as Array<{ serviceId: string }>;
  const turn = await staffCall(request, 'post', `/api/portal/properties/${accountId}/turns`, {
    unitId: unit.id,
    ...dates,
    // The specs order on the same demo unit with overlapping dates on purpose.
    allowOverlap: true,
    poUnknown: true,
    lines: services.slice(0, 2).map((service) => ({ serviceId: service.serviceId })),
  });
  return { accountId, turnId: turn.id as string };
}

/** Waits until the page has its heading and nothing is still loading. */
export async function settled(page: Page): Promise<void> {
  await expect(page.locator('h1, h2').first(), `a heading on ${page.url()}`).toBeVisible();
  await expect(page.locator('.mantine-Loader-root')).toHaveCount(0);
}

export interface AxeFinding {
  page: string;
  rule: string;
  impact: string;
  elements: number;
  example: string;
}

/** The critical and serious WCAG 2.2 A/AA violations axe-core finds on the page as it is now. */
export async function axeFindings(page: Page, label: string): Promise<AxeFinding[]> {
  // A modal still fading in has half-transparent text, which axe reports as low contrast: let finite
  // transitions end first (spinners run forever and are left out).
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getTiming().iterations !== Number.POSITIVE_INFINITY)
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .options({ resultTypes: ['violations'] })
    .analyze();
  return results.violations
    .filter((violation) => violation.impact === 'critical' || violation.impact === 'serious')
    .map((violation) => ({
      page: label,
      rule: violation.id,
      impact: violation.impact!,
      elements: violation.nodes.length,
      example: violation.nodes[0]?.target.join(' ') ?? '',
    }));
}

/** One line per finding, so a failure says where to look. */
export function describeFindings(findings: AxeFinding[]): string {
  const totals = (impact: string) =>
    findings.filter((finding) => finding.impact === impact).reduce((sum, finding) => sum + finding.elements, 0);
  return [
    `critical ${totals('critical')} / serious ${totals('serious')} affected elements`,
    ...findings.map((f) => `${f.page}: ${f.impact} ${f.rule} ×${f.elements} (${f.example})`),
  ].join('\n');
}
