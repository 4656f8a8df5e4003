import { describe, expect, it } from 'vitest';
import type { PortalLoginsTable } from '../../db/schema/portal-access.ts';
import {
  accessEmailRecipients,
  actionsFor,
  identifierKind,
  overallDelivery,
  portalAccessState,
  sendWaitSeconds,
  tokenProblem,
} from './portal-access-rules.ts';

const login = (overrides: Partial<PortalLoginsTable> = {}): PortalLoginsTable => ({
  id: 'l1',
  contactId: 'c1',
  username: null,
  usernameNormalized: null,
  portalEmail: 'a@b.test',
  portalEmailNormalized: 'a@b.test',
  passwordHash: null,
  passwordChangedAt: null,
  securityStamp: 's1',
  mustChangePassword: 0,
  temporaryPasswordExpiresAt: null,
  emailVerificationRequired: 0,
  emailVerifiedAt: null,
  enabled: 1,
  deactivatedAt: null,
  lastSignInAt: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
});

describe('portalAccessState', () => {
  it('follows the help articles’ states', () => {
    expect(portalAccessState(undefined, false)).toBe('no_access');
    expect(portalAccessState(login({ enabled: 0 }), false)).toBe('deactivated');
    expect(portalAccessState(login(), false)).toBe('no_username');
    expect(portalAccessState(login({ username: 'maria' }), false)).toBe('not_activated');
    expect(portalAccessState(login({ username: 'maria', passwordHash: 'h' }), false)).toBe('active');
    expect(portalAccessState(login({ username: 'maria', passwordHash: 'h' }), true)).toBe('locked');
  });

  it('offers credential-create only before set-up, and reset wherever there is a portal email', () => {
    expect(actionsFor('no_username')).toContain('send_credential_create');
    expect(actionsFor('no_username')).toContain('send_password_reset');
    expect(actionsFor('not_activated')).toContain('send_password_reset');
    expect(actionsFor('active')).toContain('send_password_reset');
    expect(actionsFor('active')).not.toContain('send_credential_create');
    expect(actionsFor('locked')).toContain('unlock');
    expect(actionsFor('deactivated')).toEqual(['grant']);
  });
});

describe('tokenProblem', () => {
  const now = new Date('2026-06-01T12:00:00.000Z');
  const token = { consumedAt: null, supersededAt: null, expiresAt: '2026-06-01T13:00:00.000Z', securityStamp: 's1' };
  it('accepts a live token and names each way it dies', () => {
    expect(tokenProblem(token, login(), now)).toBeNull();
    expect(tokenProblem({ ...token, consumedAt: now.toISOString() }, login(), now)).toBe('used');
    expect(tokenProblem({ ...token, supersededAt: now.toISOString() }, login(), now)).toBe('invalid');
    expect(tokenProblem(token, login({ securityStamp: 's2' }), now)).toBe('invalid');
    expect(tokenProblem(token, login({ enabled: 0 }), now)).toBe('invalid');
    expect(tokenProblem(token, login(), new Date('2026-06-01T13:00:00.000Z'))).toBe('expired');
  });
});

describe('sendWaitSeconds', () => {
  const now = new Date('2026-06-01T12:00:00.000Z');
  const at = (secondsAgo: number) => new Date(now.getTime() - secondsAgo * 1000).toISOString();
  it('keeps a 60 s cooldown per kind of link', () => {
    expect(sendWaitSeconds([], 'password_reset', now)).toBe(0);
    expect(
      sendWaitSeconds([{ purpose: 'password_reset', createdAt: at(20), linkLive: true }], 'password_reset', now),
    ).toBe(40);
    expect(sendWaitSeconds([{ purpose: 'login_link', createdAt: at(20), linkLive: true }], 'password_reset', now)).toBe(
      0,
    );
  });
  it('lets a deliberate send through once the previous link died', () => {
    expect(
      sendWaitSeconds([{ purpose: 'password_reset', createdAt: at(20), linkLive: false }], 'password_reset', now),
    ).toBe(0);
  });
  it('allows 5 access emails an hour per recipient', () => {
    const sends = [100, 200, 300, 400, 3000].map((secondsAgo) => ({
      purpose: 'login_link' as const,
      createdAt: at(secondsAgo),
      linkLive: false,
    }));
    expect(sendWaitSeconds(sends, 'password_reset', now)).toBe(600);
    expect(sendWaitSeconds(sends.slice(1), 'password_reset', now)).toBe(0);
  });
});

describe('identifierKind', () => {
  it('treats anything with @ as an email (usernames cannot contain it)', () => {
    expect(identifierKind('maria@example.test')).toBe('email');
    expect(identifierKind('maria.alvarez')).toBe('username');
  });
});

describe('accessEmailRecipients', () => {
  const primaries = ['pat@a.test', 'PAT@b.test', 'pat@b.test'];
  it('sends credential-create and reset emails to the portal email, then every other primary address once', () => {
    expect(accessEmailRecipients('credential_create', 'Pat@A.test', primaries)).toEqual(['Pat@A.test', 'PAT@b.test']);
    expect(accessEmailRecipients('password_reset', 'pat@c.test', primaries)).toEqual([
      'pat@c.test',
      'pat@a.test',
      'PAT@b.test',
    ]);
  });
  it('sends the other access emails to the portal email only', () => {
    for (const purpose of ['login_link', 'welcome', 'email_verification'] as const)
      expect(accessEmailRecipients(purpose, 'pat@c.test', primaries)).toEqual(['pat@c.test']);
  });
});

describe('overallDelivery', () => {
  it('shows the worst delivery of the recipients', () => {
    expect(overallDelivery(['sent', 'failed'])).toBe('failed');
    expect(overallDelivery(['sent', 'queued'])).toBe('queued');
    expect(overallDelivery(['sent', 'sent'])).toBe('sent');
    expect(overallDelivery([])).toBeNull();
  });
});
