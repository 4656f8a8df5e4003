import { describe, expect, it } from 'vitest';
import {
  checkStepList,
  checkStepMove,
  emailKindToAdd,
  normalizeAccountNumber,
  planBulkPortalLogins,
  portalKeyThrottleKeys,
  type BulkCandidate,
} from './registration-rules.ts';

const defaults = [
  { name: 'Match to account', action: 'none' as const },
  { name: 'Send portal key', action: 'send_portal_key' as const },
  { name: 'Closed', action: 'close' as const },
];

describe('registration steps', () => {
  it('accepts the default steps and extra steps before the closing one', () => {
    expect(checkStepList(defaults)).toBeNull();
    expect(
      checkStepList([defaults[0]!, { name: 'Call the visitor', action: 'none' }, defaults[1]!, defaults[2]!]),
    ).toBeNull();
  });

  it('needs exactly one key-sending step and one closing step, last', () => {
    expect(checkStepList([defaults[0]!, defaults[2]!])).toBe('needs_one_send_portal_key');
    expect(checkStepList([defaults[1]!, { name: 'Again', action: 'send_portal_key' }, defaults[2]!])).toBe(
      'needs_one_send_portal_key',
    );
    expect(checkStepList([defaults[0]!, defaults[1]!])).toBe('needs_one_close');
    expect(checkStepList([defaults[2]!, defaults[1]!, defaults[0]!])).toBe('close_must_be_last');
    expect(
      checkStepList([defaults[0]!, { name: ' match TO account ', action: 'none' }, defaults[1]!, defaults[2]!]),
    ).toBe('duplicate_names');
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
  const login = { portalEmail: 'maria@x.test', enabled: true, isSetUp: false };
  const candidate = (contactId: string, overrides: Partial<BulkCandidate> = {}): BulkCandidate => ({
    contactId,
    name: contactId,
    login,
    invitedRecently: false,
    ...overrides,
  });

  it('invites contacts with portal access whose login is not set up, and says why the others are skipped', () => {
    const plan = planBulkPortalLogins({
      accountPortalAccessEnabled: true,
      contacts: [
        candidate('ready'),
        candidate('no-access', { login: null }),
        candidate('switched-off', { login: { ...login, enabled: false } }),
        candidate('set-up', { login: { ...login, isSetUp: true } }),
        candidate('fresh-link', { invitedRecently: true }),
      ],
    });
    expect(plan.invite).toEqual([{ contactId: 'ready', name: 'ready', email: 'maria@x.test' }]);
    expect(plan.skipped.map(({ contactId, reason }) => [contactId, reason])).toEqual([
      ['no-access', 'no_portal_access'],
      ['switched-off', 'access_off'],
      ['set-up', 'already_set_up'],
      ['fresh-link', 'recently_invited'],
    ]);
  });

  it('invites nobody while the account’s portal access is off', () => {
    const plan = planBulkPortalLogins({ accountPortalAccessEnabled: false, contacts: [candidate('ready')] });
    expect(plan.invite).toEqual([]);
    expect(plan.skipped[0]?.reason).toBe('account_access_off');
  });
});
