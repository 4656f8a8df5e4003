import { expect } from 'vitest';
import { createStaffMember, signInStaff, unique } from '../../../../test/factories.ts';
import { createTestApp, type TestApp } from '../../../../test/test-app.ts';

/** A test app with a signed-in PSM, and the calls the catalog route tests share. */
export async function createCatalogTestKit() {
  const testApp: TestApp = await createTestApp();
  const cookie = await signInStaff(testApp.app, await createStaffMember(testApp.deps, { role: 'psm' }));

  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    testApp.app.inject({
      method,
      url,
      headers: { cookie },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  async function createService(overrides: Record<string, unknown> = {}) {
    const response = await call('POST', '/api/staff/services', {
      name: unique('Paint'),
      code: unique('P').replaceAll('-', '_'),
      providerCategory: 'rent_ready',
      kind: 'standard',
      defaultDayOffset: 5,
      ...overrides,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { id: string; code: string };
  }

  function auditActions(subjectId: string) {
    return testApp.deps.db
      .selectFrom('auditEvents')
      .select(['action', 'actorId', 'beforeJson', 'afterJson'])
      .where('subjectId', '=', subjectId)
      .execute();
  }

  return { testApp, call, createService, auditActions };
}

export type CatalogTestKit = Awaited<ReturnType<typeof createCatalogTestKit>>;
