import { describe, expect, it } from 'vitest';
import { commonPasswordListSizes } from './common-passwords.ts';
import { checkPassword, hashPassword, PASSWORD_PROBLEM_MESSAGES, verifyPassword } from './passwords.ts';

describe('password hashing', () => {
  it('uses argon2id with at least the OWASP parameters and a unique salt', async () => {
    const first = await hashPassword('correct horse battery staple');
    const second = await hashPassword('correct horse battery staple');
    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(first).not.toBe(second);
    expect(await verifyPassword(first, 'correct horse battery staple')).toBe(true);
  });

  it('verifies exactly the string given: no trimming, truncation or case folding', async () => {
    const stored = await hashPassword('Tangerine river lamp 42');
    expect(await verifyPassword(stored, 'Tangerine river lamp 4')).toBe(false);
    expect(await verifyPassword(stored, 'TANGERINE RIVER LAMP 42')).toBe(false);
    expect(await verifyPassword(stored, 'Tangerine river lamp 42 ')).toBe(false);
  });
});

describe('checkPassword', () => {
  it('rejects 14 characters as too short and 129 as too long', () => {
    expect(checkPassword('quiet meadow o')).toBe('too_short');
    expect(checkPassword('q'.repeat(65) + 'z'.repeat(64))).toBe('too_long');
  });

  it('accepts 15 characters, 128 characters, all lowercase and emoji', () => {
    expect(checkPassword('quiet meadow ox')).toBeNull();
    expect(checkPassword('q'.repeat(64) + 'z'.repeat(64))).toBeNull();
    expect(checkPassword('zkqwpmvbnrtlxcjh')).toBeNull();
    expect(checkPassword('🦊🐢🦉🐙🦋🐝🐞🦀🐬🦄🐳🦜🐧🦩🐊')).toBeNull();
  });

  it('rejects breached and context passwords with a reason', () => {
    expect(checkPassword('password1234567')).toBe('breached');
    expect(checkPassword('abcdefghijklmnop')).toBe('breached');
    expect(checkPassword('Portico2024!!!!')).toBe('context');
    expect(checkPassword('maria.alvarez123456', ['maria.alvarez'])).toBe('context');
  });
});

describe('the common-password list', () => {
  it('holds at least 100,000 entries shipped with the dependencies', () => {
    const sizes = commonPasswordListSizes();
    expect(sizes.secLists).toBeGreaterThanOrEqual(999_000);
    expect(sizes.zxcvbn).toBeGreaterThanOrEqual(49_000);
  });

  it('refuses long common passwords and passphrases, whatever the case or separators', () => {
    for (const password of [
      'correcthorsebatterystaple',
      'Correct Horse Battery Staple',
      '1qaz2wsx3edc4rfv',
      'qwertyuiopasdfghjkl',
      '1q2w3e4r5t6y7u8i',
    ]) {
      expect(checkPassword(password), password).toBe('breached');
    }
  });

  it('keeps accepting an unlisted passphrase', () => {
    expect(checkPassword('tangerine quarry velvet orbit')).toBeNull();
  });

  it('says clearly why a listed password is refused', () => {
    expect(PASSWORD_PROBLEM_MESSAGES.breached).toMatch(/leaked or common passwords/);
  });
});
