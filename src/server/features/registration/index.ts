import type { BaseDeps } from '../../deps.ts';

/** Self-registration with portal key + account number, and the staff queue of registration requests. */
export function createRegistrationFeature(_deps: BaseDeps) {
  return {};
}
