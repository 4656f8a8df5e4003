import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorSchema } from '../../shared/api-error.ts';
import { createStaffMember, signInStaff } from '../../../test/factories.ts';
import { listOperations, urlOf } from '../../../test/security/openapi-operations.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';

interface DocumentedOperation {
  operationId: string;
  'x-access': string;
  requestBody?: unknown;
  parameters?: Array<{ in: string }>;
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
}

let t: TestApp;
let operations: Array<DocumentedOperation & { method: string; path: string }>;

beforeAll(async () => {
  t = await createTestApp();
  const document = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
    paths: Record<string, Record<string, DocumentedOperation>>;
  };
  operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ ...operation, method: method.toUpperCase(), path })),
  );
});
afterAll(() => t.close());

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

describe('every operation documents its error statuses', () => {
  it('lists 400, 401, 403, 404, 413 and 415 where they apply, each with the shared error schema', () => {
    const errorSchema = JSON.stringify(
      operations.find((operation) => operation.operationId === 'signInStaff')!.responses['401']!.content![
        'application/json'
      ]!.schema,
    );
    expect(Object.keys(JSON.parse(errorSchema).properties.error.properties)).toEqual(
      Object.keys(ApiErrorSchema.shape.error.shape),
    );
    const missing: string[] = [];
    for (const operation of operations) {
      const documented = new Set(Object.keys(operation.responses));
      const expected: string[] = ['503'];
      if (operation.requestBody || operation.parameters?.length) expected.push('400');
      if (operation.parameters?.some((parameter) => parameter.in === 'path')) expected.push('404');
      if (operation['x-access'] !== 'public') expected.push('401');
      // A pro's reads have no role or password rule to fail; everything else can be refused.
      if (operation['x-access'] !== 'public' && !(operation['x-access'] === 'pro' && !WRITES.has(operation.method)))
        expected.push('403');
      if (WRITES.has(operation.method)) expected.push('403', '413', '415');
      for (const status of expected) if (!documented.has(status)) missing.push(`${operation.operationId} ${status}`);
      for (const [status, response] of Object.entries(operation.responses)) {
        // /healthz answers 503 with its own body (status and database), which load balancers read.
        if (Number(status) < 400 || operation.operationId === 'getHealth') continue;
        if (JSON.stringify(response.content?.['application/json']?.schema) !== errorSchema)
          missing.push(`${operation.operationId} ${status} (not the shared error schema)`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('documents every status an anonymous caller and a support staff member actually get', async () => {
    const support = await signInStaff(t.app, await createStaffMember(t.deps, { role: 'support' }));
    const undocumented: string[] = [];
    for (const operation of await listOperations(t.app)) {
      const documented = operations.find((candidate) => candidate.operationId === operation.operationId)!;
      for (const cookie of [undefined, support]) {
        const response = await t.app.inject({
          method: operation.method as 'GET',
          url: urlOf(operation),
          headers: cookie ? { cookie } : {},
          ...(WRITES.has(operation.method) ? { payload: {} } : {}),
        });
        if (response.statusCode >= 400 && !(String(response.statusCode) in documented.responses))
          undocumented.push(`${operation.operationId} ${cookie ? 'support' : 'anonymous'} ${response.statusCode}`);
      }
    }
    expect(undocumented).toEqual([]);
  });
});
