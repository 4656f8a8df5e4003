import type { FastifyInstance } from 'fastify';
import { systemActor } from '../src/server/actor.ts';
import type { StaffRole } from '../src/server/db/database-schema.ts';
import type { Deps } from '../src/server/deps.ts';
import { sessionCookie } from './test-app.ts';

let sequence = 0;
/** A value unique within the test run, for emails, account numbers and names. */
export function unique(prefix: string): string {
  sequence += 1;
  return `${prefix}-${process.pid}-${sequence}-${Math.random().toString(36).slice(2, 7)}`;
}

/** Inserts a real staff member through the service; returns it with its password. */
export async function createStaffMember(deps: Deps, overrides: { role?: StaffRole; email?: string; name?: string; temporary?: boolean } = {}) {
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
  const response = await app.inject({ method: 'POST', url: '/api/staff/session', payload: { email: staff.email, password: staff.password } });
  return sessionCookie(response);
}
