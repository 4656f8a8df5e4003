import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffMember, signInStaff } from '../factories.ts';
import { createTestApp, type TestApp } from '../test-app.ts';
import { renderMatrix, writeMatrix, writtenMatrix } from './matrix-document.ts';
import { listOperations, urlOf, type Operation } from './openapi-operations.ts';

/**
 * The authorization matrix of SECURITY.md, proven over every operation in the OpenAPI document, so a
 * new route is covered the moment it exists: anonymous callers get 401 on everything not public, a
 * staff member without the admin role gets 403 on admin operations, and a customer session opens no
 * staff operation.
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
      expect(['public', 'staff', 'staff:admin', 'customer'], `${operation.method} ${operation.path}`).toContain(operation.access);
    }
  });

  it('lists every operation, with who may call it, in the written matrix of SECURITY.md', () => {
    const matrix = renderMatrix(operations);
    if (process.env.UPDATE_AUTHORIZATION_MATRIX === '1') writeMatrix(matrix);
    expect(writtenMatrix(), 'SECURITY.md is out of date: run UPDATE_AUTHORIZATION_MATRIX=1 npx vitest run --project db-sqlite test/security').toBe(matrix);
  });

  it('answers 401 to anonymous callers on every operation that is not public', async () => {
    for (const operation of operations.filter(({ access }) => access !== 'public')) {
      const response = await testApp.app.inject({ method: operation.method as 'GET', url: urlOf(operation), payload: operation.method === 'GET' ? undefined : {} });
      expect(response.statusCode, `${operation.operationId} (${operation.method} ${operation.path})`).toBe(401);
    }
  });

  it('answers 403 to a staff member without the admin role on every admin operation', async () => {
    const psm = await createStaffMember(testApp.deps, { role: 'psm' });
    const cookie = await signInStaff(testApp.app, psm);
    for (const operation of operations.filter(({ access }) => access === 'staff:admin')) {
      const response = await testApp.app.inject({ method: operation.method as 'GET', url: urlOf(operation), headers: { cookie }, payload: operation.method === 'GET' ? undefined : {} });
      expect(response.statusCode, `${operation.operationId}`).toBe(403);
    }
  });
});
