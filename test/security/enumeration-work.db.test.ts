import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAlreadyExistsKind } from '../../src/server/outbox/kinds/registration-kinds.ts';
import { createAccount, createStaffMember, signInStaff, unique } from '../factories.ts';
import { portalAccessKit } from '../portal-access-kit.ts';
import { createTestApp, type TestApp } from '../test-app.ts';

// Forgot-password and portal-key sign-up must not reveal by their timing whether a login exists: the
// request runs the very same statements either way, and what differs happens in a deferred task.
let t: TestApp;
let staffCookie: string;
let recording: string[] | null = null;
const kit = portalAccessKit(() => ({ t, staffCookie }));

beforeAll(async () => {
  t = await createTestApp({}, { serveWeb: false }, { onQuery: (sql) => recording?.push(sql) });
  staffCookie = await signInStaff(t.app, await createStaffMember(t.deps, { role: 'psm' }));
  await t.deps.db.updateTable('registrationSettings').set({ selfRegistrationEnabled: 1 }).execute();
});
afterAll(() => t.close());

let address = 0;
/** The SQL one request ran (each from a fresh address, so the per-address counters start alike). */
async function statementsOf(url: string, payload: Record<string, string>) {
  address += 1;
  recording = [];
  const response = await t.app.inject({ method: 'POST', url, payload, remoteAddress: `10.9.0.${address}` });
  const statements = recording;
  recording = null;
  return { response, statements };
}

describe('no enumeration by the work a request does', () => {
  it('forgot-password runs the same statements for a known and an unknown login', async () => {
    const { contact, email } = await kit.activatedCustomer();
    t.clock.advanceSeconds(61);
    const known = await statementsOf('/api/portal/password-reset', { login: email });
    const unknown = await statementsOf('/api/portal/password-reset', { login: `${unique('nobody')}@nowhere.test` });

    expect(known.response.statusCode).toBe(202);
    expect(unknown.response.body).toBe(known.response.body);
    expect(known.statements.length).toBeGreaterThan(0);
    expect(unknown.statements).toEqual(known.statements);
    expect(known.statements.join('\n')).not.toMatch(/portal_logins/);

    // The deferred half still does the real work: the known login gets its reset link, nobody else mail.
    const before = await t.deps.db.selectFrom('outboxMessages').select('id').execute();
    expect(await t.deps.deferredTasks.runDue()).toBe(2);
    const sent = await t.deps.db
      .selectFrom('outboxMessages')
      .select(['kind', 'contactId'])
      .where('id', 'not in', before.length ? before.map((row) => row.id) : [''])
      .execute();
    expect(sent).toEqual([{ kind: 'password_reset', contactId: contact.id }]);
    expect(await kit.latestLinkToken(contact.id, 'password_reset')).toMatch(/\S{20,}/);
  });

  it('portal-key sign-up runs the same statements whether or not the email already has a login', async () => {
    const account = await createAccount(t.deps);
    const { email: taken } = await kit.activatedCustomer();
    const fresh = `${unique('visitor')}@customer.test`;
    const signUp = (email: string) =>
      statementsOf('/api/portal/registrations', {
        accountNumber: account.accountNumber,
        portalKey: account.portalKey,
        firstName: 'Robin',
        lastName: 'Hale',
        email,
        password: 'lantern orchard velvet canyon',
      });
    const existing = await signUp(taken);
    const newcomer = await signUp(fresh);

    expect(existing.response.statusCode, existing.response.body).toBe(201);
    expect(newcomer.response.statusCode).toBe(201);
    expect(newcomer.statements.length).toBeGreaterThan(0);
    expect(newcomer.statements).toEqual(existing.statements);
    expect(existing.statements.join('\n')).not.toMatch(/portal_logins|contact_emails/);

    expect(await t.deps.deferredTasks.runDue()).toBe(2);
    expect(await t.deps.portalAccess.findLoginByPortalEmail(t.deps.db, fresh)).not.toBeNull();
    const notices = await t.deps.db
      .selectFrom('outboxMessages')
      .select('kind')
      .where('recipientsJson', 'like', `%${taken}%`)
      .where('kind', '=', loginAlreadyExistsKind.id)
      .execute();
    expect(notices).toHaveLength(1);
  });
});
