import type { FastifyInstance } from 'fastify';
import { systemActor } from '../src/server/actor.ts';
import type { AccountsTable, ContactsTable, StaffRole } from '../src/server/db/database-schema.ts';
import type { Deps } from '../src/server/deps.ts';
import { generatePortalKey, portalKeyColumns } from '../src/server/features/customers/portal-key.ts';
import { newId } from '../src/server/ids.ts';
import { sessionCookie } from './test-app.ts';

let sequence = 0;
/** A value unique within the test run, for emails, account numbers and names. */
export function unique(prefix: string): string {
  sequence += 1;
  return `${prefix}-${process.pid}-${sequence}-${Math.random().toString(36).slice(2, 7)}`;
}

/** Inserts a real staff member through the service; returns it with its password. */
export async function createStaffMember(
  deps: Deps,
  overrides: { role?: StaffRole; email?: string; name?: string; temporary?: boolean } = {},
) {
  const { staff, password } = await deps.staff.createStaffMember({
    email: overrides.email ?? `${unique('staff')}@portico.test`,
    name: overrides.name ?? 'Test Staff',
    role: overrides.role ?? 'admin',
    temporary: overrides.temporary ?? false,
    actor: systemActor,
  });
  return { ...staff, password };
}

/** Signs a staff member in over HTTP and returns the Cookie header to send with later requests. */
export async function signInStaff(app: FastifyInstance, staff: { email: string; password: string }): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/staff/session',
    payload: { email: staff.email, password: staff.password },
  });
  return sessionCookie(response);
}

/** Inserts a real account row (property by default) with a portal key; returns it and the key in clear. */
export async function createAccount(
  deps: Deps,
  overrides: Partial<
    Pick<AccountsTable, 'kind' | 'name' | 'accountNumber' | 'status' | 'parentAccountId' | 'portalAccessEnabled'>
  > = {},
): Promise<AccountsTable & { portalKey: string }> {
  const now = deps.clock.now().toISOString();
  const id = newId();
  const portalKey = generatePortalKey();
  const account: AccountsTable = {
    id,
    kind: overrides.kind ?? 'property',
    parentAccountId: overrides.parentAccountId ?? null,
    name: overrides.name ?? unique('Property'),
    accountNumber: overrides.accountNumber ?? unique('A').toUpperCase(),
    status: overrides.status ?? 'current',
    portalAccessEnabled: overrides.portalAccessEnabled ?? 1,
    addressLine1: '100 Main St',
    addressLine2: null,
    city: 'Austin',
    region: 'TX',
    postalCode: '78701',
    onboardingState: 'not_started',
    onboardCompletedAt: null,
    onboardCompletedByStaffId: null,
    ...portalKeyColumns(deps.config.secretKey, id, portalKey, now),
    createdAt: now,
    updatedAt: now,
  };
  await deps.db.insertInto('accounts').values(account).execute();
  return { ...account, portalKey };
}

/** Inserts a real contact linked to the given accounts, with its primary email addresses. */
export async function createContact(
  deps: Deps,
  options: { accountIds: string[]; emails?: string[]; firstName?: string; lastName?: string; phone?: string | null },
): Promise<ContactsTable & { emails: string[] }> {
  const now = deps.clock.now().toISOString();
  const contact: ContactsTable = {
    id: newId(),
    firstName: options.firstName ?? 'Pat',
    lastName: options.lastName ?? unique('Contact'),
    title: 'Community Manager',
    phone: options.phone ?? null,
    mainAccountId: options.accountIds[0] ?? null,
    staffMemberId: null,
    notificationChannel: 'email',
    mayChangeSchedule: 1,
    createdAt: now,
    updatedAt: now,
  };
  const emails = options.emails ?? [`${unique('contact')}@customer.test`];
  await deps.db.transaction().execute(async (trx) => {
    await trx.insertInto('contacts').values(contact).execute();
    for (const email of emails) {
      await trx
        .insertInto('contactEmails')
        .values({
          id: newId(),
          contactId: contact.id,
          email,
          emailNormalized: email.trim().toLowerCase(),
          kind: 'primary',
          createdAt: now,
        })
        .execute();
    }
    for (const accountId of options.accountIds) {
      await trx.insertInto('accountContacts').values({ accountId, contactId: contact.id, createdAt: now }).execute();
    }
  });
  return { ...contact, emails };
}
