import type { FastifyInstance } from 'fastify';
import type { StaffRole } from '../../src/server/db/database-schema.ts';
import type { RouteAccess } from '../../src/server/http/access.ts';

export interface Operation {
  method: string;
  /** OpenAPI path with {param} placeholders. */
  path: string;
  operationId: string;
  access: RouteAccess;
  /** Staff roles let in (`x-staff-roles`); empty for non-staff operations. */
  staffRoles: StaffRole[];
  parameterNames: string[];
}

/** Every API operation of the running app, read from its OpenAPI document (the published contract). */
export async function listOperations(app: FastifyInstance): Promise<Operation[]> {
  const document = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
    paths: Record<
      string,
      Record<
        string,
        {
          operationId: string;
          'x-access': RouteAccess;
          'x-staff-roles'?: StaffRole[];
          parameters?: Array<{ in: string; name: string }>;
        }
      >
    >;
  };
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      operationId: operation.operationId,
      access: operation['x-access'],
      staffRoles: operation['x-staff-roles'] ?? [],
      parameterNames: (operation.parameters ?? [])
        .filter((parameter) => parameter.in === 'path')
        .map((parameter) => parameter.name),
    })),
  );
}

/** The concrete URL of an operation, each {param} replaced from `values` (or a fresh, unknown id). */
export function urlOf(operation: Operation, values: Record<string, string> = {}): string {
  return operation.path.replace(/\{(\w+)\}/g, (_match, name: string) =>
    encodeURIComponent(values[name] ?? '01900000-0000-7000-8000-000000000000'),
  );
}
