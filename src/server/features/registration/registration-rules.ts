import type { RegistrationRequestsTable, RegistrationStepAction, RegistrationStepsTable } from '../../db/schema/registration.ts';
import { IDENTIFIER_POLICY, IP_POLICY, type ThrottleKey, type ThrottlePolicy } from '../../security/login-throttle.ts';

/** One answer for every key/number mismatch, so a guess reveals neither which account numbers exist nor which part was wrong. */
export const PORTAL_KEY_MISMATCH_MESSAGE = 'That portal key and account number do not match. Check both and try again.';

// Filing a request costs staff time: a handful per address per hour is plenty for a real visitor.
export const REQUEST_IP_POLICY: ThrottlePolicy = { freeFailures: 5, waitIncrementSeconds: 600, maxWaitSeconds: 3_600, forgetAfterSeconds: 3_600 };

export function normalizeAccountNumber(accountNumber: string): string {
  return accountNumber.trim().toUpperCase();
}

/** Key guesses count against the account number (targeted guessing) and the address (spraying). */
export function portalKeyThrottleKeys(accountNumber: string, ipAddress: string | null): ThrottleKey[] {
  const keys: ThrottleKey[] = [{ key: `registration:account:${normalizeAccountNumber(accountNumber)}`, policy: IDENTIFIER_POLICY }];
  if (ipAddress) keys.push({ key: `registration:ip:${ipAddress}`, policy: IP_POLICY });
  return keys;
}

export function requestThrottleKeys(ipAddress: string | null): ThrottleKey[] {
  return ipAddress ? [{ key: `registration-request:ip:${ipAddress}`, policy: REQUEST_IP_POLICY }] : [];
}

export type StepListProblem = 'needs_one_send_portal_key' | 'needs_one_close' | 'close_must_be_last' | 'duplicate_names';

export const STEP_LIST_PROBLEM_MESSAGES: Record<StepListProblem, string> = {
  needs_one_send_portal_key: 'Keep exactly one step that sends the portal key.',
  needs_one_close: 'Keep exactly one step that closes the request.',
  close_must_be_last: 'The closing step must be the last one.',
  duplicate_names: 'Give every step a different name.',
};

/** The steps a vendor may configure: any names and extra steps, but one key-sending step and a closing step last. */
export function checkStepList(steps: Array<{ name: string; action: RegistrationStepAction }>): StepListProblem | null {
  if (steps.filter((step) => step.action === 'send_portal_key').length !== 1) return 'needs_one_send_portal_key';
  if (steps.filter((step) => step.action === 'close').length !== 1) return 'needs_one_close';
  if (steps.at(-1)?.action !== 'close') return 'close_must_be_last';
  const names = steps.map((step) => step.name.trim().toLowerCase());
  if (new Set(names).size !== names.length) return 'duplicate_names';
  return null;
}

export type StepMoveProblem = 'closed' | 'not_matched';

/** A closed request stays closed; the portal key only goes to a request matched to an account. */
export function checkStepMove(request: Pick<RegistrationRequestsTable, 'state' | 'accountId'>, step: Pick<RegistrationStepsTable, 'action'>): StepMoveProblem | null {
  if (request.state === 'closed') return 'closed';
  if (step.action === 'send_portal_key' && (request.state !== 'matched' || !request.accountId)) return 'not_matched';
  return null;
}

/**
 * How the visitor's email joins the matched contact: as the primary when the contact has none, as an
 * "other" email when it differs from the primary, not at all when the contact already has it.
 */
export function emailKindToAdd(existing: Array<{ emailNormalized: string; kind: 'primary' | 'other' }>, emailNormalized: string): 'primary' | 'other' | null {
  if (existing.some((email) => email.emailNormalized === emailNormalized)) return null;
  return existing.some((email) => email.kind === 'primary') ? 'other' : 'primary';
}

export type BulkSkipReason = 'no_email' | 'has_login' | 'duplicate_email';

export interface BulkPlan {
  invite: Array<{ contactId: string; name: string; email: string }>;
  skipped: Array<{ contactId: string; name: string; email: string | null; reason: BulkSkipReason }>;
}

/**
 * Who gets a setup link: every contact with an email and no login yet. Two contacts sharing one address
 * would both claim the same login, so only the first gets a link.
 */
export function planBulkPortalLogins(input: {
  contacts: Array<{ id: string; name: string; primaryEmail: string | null }>;
  contactIdsWithLogin: Set<string>;
}): BulkPlan {
  const plan: BulkPlan = { invite: [], skipped: [] };
  const seen = new Set<string>();
  for (const contact of input.contacts) {
    const base = { contactId: contact.id, name: contact.name, email: contact.primaryEmail };
    if (!contact.primaryEmail) {
      plan.skipped.push({ ...base, reason: 'no_email' });
      continue;
    }
    const normalized = contact.primaryEmail.trim().toLowerCase();
    if (input.contactIdsWithLogin.has(contact.id)) plan.skipped.push({ ...base, reason: 'has_login' });
    else if (seen.has(normalized)) plan.skipped.push({ ...base, reason: 'duplicate_email' });
    else plan.invite.push({ contactId: contact.id, name: contact.name, email: contact.primaryEmail });
    seen.add(normalized);
  }
  return plan;
}
