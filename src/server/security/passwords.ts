import { hash, verify } from '@node-rs/argon2';
import { isCommonPassword } from './common-passwords.ts';

// OWASP Password Storage Cheat Sheet minimum for argon2id: m=19 MiB, t=2, p=1.
const ARGON2_OPTIONS = {
  algorithm: 2 /* Algorithm.Argon2id; a const enum, not importable under verbatimModuleSyntax */,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const;

export const PASSWORD_MIN_LENGTH = 15;
export const PASSWORD_MAX_LENGTH = 128;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// A hash of a random string: verifying against it costs the same as a real verify, so an unknown
// email takes as long as a wrong password (no timing side channel).
let dummyHash: Promise<string> | undefined;
export async function burnPasswordVerification(password: string): Promise<void> {
  dummyHash ??= hashPassword('dummy-password-for-constant-time');
  await verifyPassword(await dummyHash, password);
}

export type PasswordProblem = 'too_short' | 'too_long' | 'breached' | 'context';

/**
 * NIST 800-63B-4 rules: length 15–128 code points, nothing else about composition; reject breached
 * and context-derived passwords and say why.
 */
export function checkPassword(password: string, contextWords: string[] = []): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return 'too_short';
  if (length > PASSWORD_MAX_LENGTH) return 'too_long';
  const lowered = password.toLowerCase();
  if (isCommonPassword(lowered, PASSWORD_MIN_LENGTH) || /^(.)\1+$/u.test(password) || isSequential(lowered))
    return 'breached';
  const words = ['portico', ...contextWords.map((word) => word.toLowerCase())].filter((word) => word.length >= 4);
  if (words.some((word) => lowered.includes(word) && lowered.replace(word, '').length < 10)) return 'context';
  return null;
}

function isSequential(value: string): boolean {
  const codes = [...value].map((character) => character.codePointAt(0)!);
  return codes.every((code, index) => index === 0 || code - codes[index - 1]! === 1);
}

export const PASSWORD_PROBLEM_MESSAGES: Record<PasswordProblem, string> = {
  too_short: `Use at least ${PASSWORD_MIN_LENGTH} characters. A few unrelated words make a strong password.`,
  too_long: `Use at most ${PASSWORD_MAX_LENGTH} characters.`,
  breached: 'This password appears in lists of leaked or common passwords. Choose another.',
  context: 'This password is too close to your name, email or our product name. Choose another.',
};
