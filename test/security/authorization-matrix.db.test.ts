import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/server/db/database.ts';
import { createStaffMember, signInStaff } from '../factories.ts';
import { createTestApp, type TestApp } from '../test-app.ts';
import { buildCustomerWorld, validBodyFor, type CustomerWorld } from './customer-world.ts';
import { normalizeMatrix, renderMatrix, writeMatrix, writtenMatrix } from './matrix-document.ts';
import { listOperations, urlOf, type Operation } from './openapi-operations.ts';

/**
 * The authorization matrix of SECURITY.md, proven over every operation in the OpenAPI document, so a
 * new route is covered the moment it exists: anonymous callers get 401 on everything not public, a
 * staff member without the admin role gets 403 on admin operations, a customer session opens no
 * staff operation, and one customer can neither read nor change anything of another.
 */
describe('authorization matrix', () => {
  let testApp: TestApp;
  let operations: Operation[];
  beforeAll(async () => {
    testApp = await createTestApp();
    operations = await listOperations(testApp.app);
  });
  afterAll(() => testApp.close());

  it('declares an access level on every operation', () => {
    for (const operation of operations) {
      expect(['public', 'staff', 'staff:admin', 'customer', 'pro'], `${operation.method} ${operation.path}`).toContain(
        operation.access,
      );
    }
  });

  it('lists every operation, with who may call it, in the written matrix of SECURITY.md', () => {
    const matrix = renderMatrix(operations);
    if (process.env.UPDATE_AUTHORIZATION_MATRIX === '1') writeMatrix(matrix);
    expect(
      normalizeMatrix(writtenMatrix()),
      'SECURITY.md is out of date: run UPDATE_AUTHORIZATION_MATRIX=1 npx vitest run --project db-sqlite test/security',
    ).toBe(normalizeMatrix(matrix));
  });

  it('answers 401 to anonymous callers on every operation that is not public', async () => {
    for (const operation of operations.filter(({ access }) => access !== 'public')) {
      const response = await testApp.app.inject({
        method: operation.method as 'GET',
        url: urlOf(operation),
        payload: operation.method === 'GET' ? undefined : {},
      });
      expect(response.statusCode, `${operation.operationId} (${operation.method} ${operation.path})`).toBe(401);
    }
  });

  it.each(['psm', 'support'] as const)(
    'answers 403 to a %s on every staff operation its role does not allow',
    async (role) => {
      const cookie = await signInStaff(testApp.app, await createStaffMember(testApp.deps, { role }));
      const refused = operations.filter(
        ({ access, staffRoles }) => access.startsWith('staff') && !staffRoles.includes(role),
      );
      expect(refused.length).toBeGreaterThan(role === 'support' ? 40 : 5);
      for (const operation of refused) {
        const response = await testApp.app.inject({
          method: operation.method as 'GET',
          url: urlOf(operation),
          headers: { cookie },
          payload: operation.method === 'GET' ? undefined : {},
        });
        expect(response.statusCode, `${operation.operationId}`).toBe(403);
        expect(response.json().error.code, `${operation.operationId}`).toBe('forbidden');
      }
    },
  );

  it('lets every staff role in where the matrix says yes (no 401 or 403)', async () => {
    for (const role of ['admin', 'psm', 'support'] as const) {
      const cookie = await signInStaff(testApp.app, await createStaffMember(testApp.deps, { role }));
      for (const operation of operations.filter(
        ({ access, staffRoles }) => access.startsWith('staff') && staffRoles.includes(role),
      )) {
        if (operation.operationId === 'signOutStaff') continue;
        const response = await testApp.app.inject({
          method: operation.method as 'GET',
          url: urlOf(operation),
          headers: { cookie },
          payload: operation.method === 'GET' ? undefined : {},
        });
        const code = response.statusCode >= 400 ? response.json().error?.code : null;
        // A step-up operation still asks for a fresh factor (401 reauth_required): that is not a refusal by role.
        expect(['unauthenticated', 'forbidden'], `${role} ${operation.operationId}`).not.toContain(code);
      }
    }
  });
});

/** Query strings the customer reads need to be valid at all. */
const QUERY: Record<string, string> = {
  getPortalCalendar: '?from=2026-06-01&to=2026-07-31',
  listProAssignments: '?from=2026-06-01&to=2026-07-01',
  uploadProPhoto: '?purpose=before',
};

/** Every row of every table, except the ones any request touches (sessions, throttles) or that never change. */
async function snapshot(db: Db): Promise<Record<string, string[]>> {
  const tables = (await db.introspection.getTables())
    .map((table) => table.name)
    .filter((name) => !/^(sessions|login_throttles|kysely_migration.*)$/.test(name));
  const result: Record<string, string[]> = {};
  for (const table of tables) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
    result[table] = rows.map((row) => JSON.stringify(row)).sort();
  }
  return result;
}

describe('isolation between customers and between pros', () => {
  let testApp: TestApp;
  let operations: Operation[];
  let alpha: CustomerWorld;
  let bravo: CustomerWorld;
  beforeAll(async () => {
    testApp = await createTestApp();
    operations = await listOperations(testApp.app);
    const staffCookie = await signInStaff(testApp.app, await createStaffMember(testApp.deps, { role: 'psm' }));
    alpha = await buildCustomerWorld(testApp, staffCookie, 'Alpha');
    bravo = await buildCustomerWorld(testApp, staffCookie, 'Bravo');
  });
  afterAll(() => testApp.close());

  const call = (operation: Operation, cookie: string, params: Record<string, string>, payload?: object) =>
    testApp.app.inject({
      method: operation.method as 'GET',
      url: urlOf(operation, params) + (QUERY[operation.operationId] ?? ''),
      headers: { cookie },
      ...(payload ? { payload } : {}),
    });

  /** Every operation of `access` matching `filter` answers 401 to `cookie`, even with an empty body. */
  async function expectClosed(filter: (access: Operation['access']) => boolean, cookie: string) {
    for (const operation of operations.filter(({ access }) => filter(access))) {
      const response = await call(operation, cookie, bravo.params, operation.method === 'GET' ? undefined : {});
      expect(response.statusCode, operation.operationId).toBe(401);
    }
  }

  /** Alpha's session addressing each of Bravo's objects gets 404 with a valid request, and nothing changes. */
  async function expectOthersObjectsMissing(access: 'customer' | 'pro', cookie: string, atLeast: number) {
    const addressed = operations.filter((operation) => operation.access === access && operation.parameterNames.length);
    expect(addressed.length).toBeGreaterThan(atLeast);
    const before = await snapshot(testApp.deps.db);
    for (const operation of addressed) {
      for (const name of operation.parameterNames)
        expect(bravo.params, `no fixture for {${name}} of ${operation.operationId}`).toHaveProperty(name);
      const payload = operation.method === 'GET' ? undefined : validBodyFor(operation.operationId, bravo);
      const response = await call(operation, cookie, bravo.params, payload);
      expect(response.statusCode, `${operation.operationId}: ${response.body}`).toBe(404);
    }
    expect(await snapshot(testApp.deps.db)).toEqual(before);
  }

  /** Every read of `access` answers Alpha's own objects without a single identifier of Bravo's. */
  async function expectNoLeaks(access: 'customer' | 'pro', cookie: string) {
    for (const operation of operations.filter(
      (candidate) => candidate.access === access && candidate.method === 'GET',
    )) {
      const response = await call(operation, cookie, alpha.params);
      expect(response.statusCode, `${operation.operationId}: ${response.body}`).toBe(200);
      for (const identifier of bravo.identifiers)
        expect(response.body, `${operation.operationId} leaks ${identifier}`).not.toContain(identifier);
    }
  }

  it('opens no staff operation to a customer session', () =>
    expectClosed((access) => access === 'staff' || access === 'staff:admin', alpha.cookie));

  it('answers 404 for every object of another customer, with a valid request, and changes nothing', () =>
    expectOthersObjectsMissing('customer', alpha.cookie, 10));

  it('shows no identifier of another customer on anything a customer can read', () =>
    expectNoLeaks('customer', alpha.cookie));

  it('opens no staff or customer operation to a pro, and no pro operation to a customer', async () => {
    await expectClosed((access) => access !== 'public' && access !== 'pro', alpha.proCookie);
    await expectClosed((access) => access === 'pro', alpha.cookie);
  });

  it('answers 404 to a pro for another pro’s services and photos, and changes nothing', () =>
    expectOthersObjectsMissing('pro', alpha.proCookie, 3));

  it('shows a pro nothing of another pro’s assignments', () => expectNoLeaks('pro', alpha.proCookie));
});
