import type { ProAccessTokensTable } from '../../db/schema/field-work.ts';

// The customer login link's lifetime: a sign-in link is worth as much as a password, so it lives 15 min.
export const PRO_LINK_LIFETIME_SECONDS = 15 * 60;

export type ProLinkProblem = 'used' | 'expired' | 'invalid';

/** Why a stored pro link can no longer be used, or null when it still can. */
export function proLinkProblem(
  token: Pick<ProAccessTokensTable, 'consumedAt' | 'supersededAt' | 'expiresAt'>,
  pro: { active: number } | undefined,
  now: Date,
): ProLinkProblem | null {
  if (token.consumedAt) return 'used';
  if (token.supersededAt || !pro || pro.active !== 1) return 'invalid';
  if (new Date(token.expiresAt) <= now) return 'expired';
  return null;
}

/** What a pro typed to get a link: an email (contains "@") or a phone number. */
export function signInAddressKind(login: string): 'email' | 'phone' {
  return login.includes('@') ? 'email' : 'phone';
}
