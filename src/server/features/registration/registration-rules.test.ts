import { describe, expect, it } from 'vitest';
import { checkStepList, checkStepMove, emailKindToAdd, normalizeAccountNumber, planBulkPortalLogins, portalKeyThrottleKeys } from './registration-rules.ts';

const defaults = [
  { name: 'Match to account', action: 'none' as const },
  { name: 'Send portal key', action: 'send_portal_key' as const },
  { name: 'Closed', action: 'close' as const },
];

describe('registration steps', () => {
  it('accepts the default steps and extra steps before the closing one', () => {
    expect(checkStepList(defaults)).toBeNull();
    expect(checkStepList([defaults[0]!, { name: 'Call the visitor', action: 'none' }, defaults[1]!, defaults[2]!])).toBeNull();
  });

  it('needs exactly one key-sending step and one closing step, last', () => {
    expect(checkStepList([defaults[0]!, defaults[2]!])).toBe('needs_one_send_portal_key');
    expect(checkStepList([defaults[1]!, { name: 'Again', action: 'send_portal_key' }, defaults[2]!])).toBe('needs_one_send_portal_key');
    expect(checkStepList([defaults[0]!, defaults[1]!])).toBe('needs_one_close');
    expect(checkStepList([defaults[2]!, defaults[1]!, defaults[0]!])).toBe('close_must_be_last');
    expect(checkStepList([defaults[0]!, { name: ' match TO account ', action: 'none' }, defaults[1]!, defaults[2]!])).toBe('duplicate_names');
  });

  it('sends the key only for a matched request and never moves a closed one', () => {
    const sendKey = { action: 'send_portal_key' as const };
    expect(checkStepMove({ state: 'open', accountId: null }, sendKey)).toBe('not_matched');
    expect(checkStepMove({ state: 'matched', accountId: 'account-1' }, sendKey)).toBeNull();
    expect(checkStepMove({ state: 'closed', accountId: 'account-1' }, { action: 'none' })).toBe('closed');
    expect(checkStepMove({ state: 'open', accountId: null }, { action: 'none' })).toBeNull();
  });
});

describe('adding the submitted email to a contact', () => {
  it('adds it as "other" when it differs from the primary, as primary when there is none, and not twice', () => {
    expect(emailKindToAdd([{ emailNormalized: 'a@x.test', kind: 'primary' }], 'b@x.test')).toBe('other');
    expect(emailKindToAdd([], 'b@x.test')).toBe('primary');
    expect(emailKindToAdd([{ emailNormalized: 'b@x.test', kind: 'other' }], 'b@x.test')).toBeNull();
  });
});

describe('portal key throttling', () => {
  it('counts guesses per account number however it is typed, and per address', () => {
    const keys = portalKeyThrottleKeys(' pr-2001 ', '10.0.0.1').map((entry) => entry.key);
    expect(keys).toEqual(['registration:account:PR-2001', 'registration:ip:10.0.0.1']);
    expect(normalizeAccountNumber('pr-2001')).toBe(normalizeAccountNumber('PR-2001 '));
  });
});

describe('bulk portal logins plan', () => {
  it('invites contacts with an email and no login, once per address, and says why the others are skipped', () => {
    const plan = planBulkPortalLogins({
      contacts: [
        { id: 'c1', name: 'Maria Alvarez', primaryEmail: 'maria@x.test' },
        { id: 'c2', name: 'No Email', primaryEmail: null },
        { id: 'c3', name: 'Has Login', primaryEmail: 'login@x.test' },
        { id: 'c4', name: 'Maria Twin', primaryEmail: ' MARIA@x.test' },
      ],
      contactIdsWithLogin: new Set(['c3']),
    });
    expect(plan.invite.map((entry) => entry.contactId)).toEqual(['c1']);
    expect(plan.skipped.map(({ contactId, reason }) => [contactId, reason])).toEqual([['c2', 'no_email'], ['c3', 'has_login'], ['c4', 'duplicate_email']]);
  });
});
