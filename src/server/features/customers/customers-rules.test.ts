import { describe, expect, it } from 'vitest';
import {
  accountNumberProblem,
  changedFields,
  containsPattern,
  contactEmailRows,
  generatedAccountNumber,
  mainAccountProblem,
  normalizeAccountNumber,
  normalizePhone,
} from './customers-rules.ts';
import { accountOnboardingChecks } from './onboarding.ts';
import {
  formatPortalKey,
  generatePortalKey,
  hashPortalKey,
  normalizePortalKey,
  revealPortalKey,
  sealPortalKey,
} from './portal-key.ts';

describe('customers rules', () => {
  it('normalizes and checks account numbers', () => {
    expect(normalizeAccountNumber(' a-10423 ')).toBe('A-10423');
    expect(accountNumberProblem('A-10423')).toBeNull();
    expect(accountNumberProblem('a')).not.toBeNull();
    expect(accountNumberProblem('A_1')).not.toBeNull();
    expect(generatedAccountNumber(() => 423)).toBe('A-10423');
    expect(generatedAccountNumber((max) => max - 1)).toBe('A-99999');
  });

  it('reads phones as E.164, US by default', () => {
    expect(normalizePhone('(512) 555-0142')).toEqual({ ok: true, e164: '+15125550142' });
    expect(normalizePhone('+44 20 7946 0958')).toEqual({ ok: true, e164: '+442079460958' });
    expect(normalizePhone('555-01').ok).toBe(false);
    expect(normalizePhone('hello').ok).toBe(false);
  });

  it('keeps each email once across primary and other lists', () => {
    expect(contactEmailRows({ primaryEmails: ['a@x.test', ' b@x.test'], otherEmails: ['c@x.test'] })).toEqual({
      rows: [
        { email: 'a@x.test', kind: 'primary' },
        { email: 'b@x.test', kind: 'primary' },
        { email: 'c@x.test', kind: 'other' },
      ],
      problem: null,
    });
    expect(contactEmailRows({ primaryEmails: ['a@x.test'], otherEmails: ['A@X.test'] }).problem).toEqual({
      path: 'otherEmails.0',
      message: 'A@X.test is listed twice',
    });
  });

  it('requires the main account to be linked', () => {
    expect(mainAccountProblem(null, [])).toBeNull();
    expect(mainAccountProblem('a', ['a', 'b'])).toBeNull();
    expect(mainAccountProblem('c', ['a'])).toBe('Link the contact to this account first');
  });

  it('diffs only changed fields', () => {
    expect(changedFields({ a: 1, b: 'x', c: [1] }, { a: 1, b: 'y', c: [1, 2] })).toEqual({
      before: { b: 'x', c: [1] },
      after: { b: 'y', c: [1, 2] },
    });
  });

  it('escapes LIKE wildcards', () => {
    expect(containsPattern('50%_off\\')).toBe('%50\\%\\_off\\\\%');
  });

  it('computes the account onboarding checks', () => {
    const checks = accountOnboardingChecks({
      account: { status: 'current', portalAccessEnabled: 1 },
      hasStaffContact: false,
      contacts: [
        { name: 'A B', mainAccountId: 'x', linkedAccountIds: ['x'] },
        { name: 'C D', mainAccountId: 'y', linkedAccountIds: ['x'] },
      ],
    });
    expect(Object.fromEntries(checks.map((check) => [check.key, check.done]))).toEqual({
      account_current: true,
      portal_access_activated: true,
      staff_contact_linked: false,
      contacts_main_account: false,
    });
    expect(checks.find((check) => check.key === 'contacts_main_account')?.hint).toBe('Set the main property for C D.');
  });
});

describe('portal keys', () => {
  const secret = 'a'.repeat(40);

  it('generates 140-bit keys in groups of four without look-alike letters', () => {
    const keys = new Set(Array.from({ length: 200 }, () => generatePortalKey()));
    expect(keys.size).toBe(200);
    for (const key of keys) expect(key).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){6}[0-9A-HJKMNP-TV-Z]{4}$/);
  });

  it('normalizes what people type', () => {
    expect(normalizePortalKey(' k7q2-ab0o il1 ')).toBe('K7Q2AB00111');
    expect(formatPortalKey('k7q2ab00')).toBe('K7Q2-AB00');
    expect(hashPortalKey(secret, 'K7Q2-AB00')).toBe(hashPortalKey(secret, 'k7q2 ab0o'));
    expect(hashPortalKey(secret, 'K7Q2-AB00')).not.toBe(hashPortalKey('b'.repeat(40), 'K7Q2-AB00'));
  });

  it('seals the key to its account and secret', () => {
    const key = generatePortalKey();
    const sealed = sealPortalKey(secret, 'account-1', key);
    expect(sealed).not.toContain(key.replaceAll('-', ''));
    expect(revealPortalKey({ id: 'account-1', portalKeySealed: sealed }, secret)).toBe(key);
    expect(() => revealPortalKey({ id: 'account-2', portalKeySealed: sealed }, secret)).toThrow();
    expect(() => revealPortalKey({ id: 'account-1', portalKeySealed: sealed }, 'b'.repeat(40))).toThrow();
  });
});
