import { expect, type APIRequestContext } from '@playwright/test';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { demoStaff } from '../fixtures.ts';
import { latestMailTo } from '../mail.ts';

/** Read-only view of the e2e server's SQLite file, to find demo rows the tests act on. */
function database() {
  const directory = process.env.E2E_DATA_DIRECTORY;
  if (!directory) throw new Error('global setup did not provide the data directory');
  return new Database(join(directory, 'portico.db'), { readonly: true, fileMustExist: true });
}

/** The demo contact with this email and the property it belongs to. */
export function demoContact(email: string): { contactId: string; accountId: string } {
  const db = database();
  try {
    const row = db
      .prepare(
        'select c.id as contactId, ac.account_id as accountId from contact_emails e join contacts c on c.id = e.contact_id join account_contacts ac on ac.contact_id = c.id where e.email_normalized = ?',
      )
      .get(email.toLowerCase()) as { contactId: string; accountId: string } | undefined;
    if (!row) throw new Error(`no demo contact ${email}`);
    return row;
  } finally {
    db.close();
  }
}

/** Signs the request context in as the demo staff member (the browser shares its cookies). */
export async function signInStaffApi(request: APIRequestContext): Promise<void> {
  const response = await request.post('/api/staff/session', { data: demoStaff() });
  expect(response.ok(), await response.text()).toBeTruthy();
}

export async function staffCall(
  request: APIRequestContext,
  method: 'post' | 'put',
  path: string,
  data: Record<string, unknown> = {},
) {
  // Sensitive staff actions need a typed reason (other routes ignore it).
  const headers = { 'x-step-up-reason': 'End-to-end test' };
  const response = await request[method](path, { data, headers });
  expect(response.ok(), `${method} ${path}: ${await response.text()}`).toBeTruthy();
  return response.json();
}

/** Turns portal access on for the contact's account and the contact, without sending an email. */
export async function grantAccess(
  request: APIRequestContext,
  email: string,
  options: { sendCredentialCreateEmail: boolean },
) {
  const ids = demoContact(email);
  await signInStaffApi(request);
  await staffCall(request, 'put', `/api/staff/accounts/${ids.accountId}/portal-access`, { enabled: true });
  await staffCall(request, 'post', `/api/staff/contacts/${ids.contactId}/portal-access/grant`, {
    portalEmail: email,
    ...options,
  });
  return ids;
}

/** The one-time link in the newest captured email of a kind to an address. */
export async function latestLink(request: APIRequestContext, to: string, kind: string): Promise<string> {
  const mail = await latestMailTo(request, to, { kind });
  const link = mail.links.find((candidate) => candidate.includes('/portal/link/'));
  if (!link) throw new Error(`no portal link in the ${kind} email to ${to}:\n${mail.text}`);
  return link;
}
