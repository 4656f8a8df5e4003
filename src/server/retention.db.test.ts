import { describe, expect, it } from 'vitest';
import { createContact, createStaffMember, signInStaff } from '../../test/factories.ts';
import type { FakeClock } from '../../test/fake-clock.ts';
import type { Turn } from '../shared/turn-contracts.ts';
import { addSeconds } from './clock.ts';
import type { Config } from './config.ts';
import type { SessionKind } from './db/database-schema.ts';
import type { OutboxStatus } from './db/schema/outbox.ts';
import type { Deps } from './deps.ts';
import { useTurnsFixture } from './features/turns/turns-test-fixture.ts';
import { newId } from './ids.ts';
import { purgeRetained } from './retention.ts';

const DAY = 86_400;

describe('retention (the minute jobs delete what aged out)', () => {
  const fixture = useTurnsFixture();
  const db = () => fixture.deps.db;
  const at = (seconds: number) => addSeconds(fixture.deps.clock.now(), seconds).toISOString();
  const withRetention = (retention: Partial<Config['retention']>): Deps => ({
    ...fixture.deps,
    config: { ...fixture.deps.config, retention: { ...fixture.deps.config.retention, ...retention } },
  });

  async function insertSession(kind: SessionKind, expiresAt: string): Promise<string> {
    const idHash = newId();
    await db()
      .insertInto('sessions')
      .values({
        idHash,
        publicId: newId(),
        kind,
        subjectId: newId(),
        impersonatorStaffId: null,
        mustChangePassword: 0,
        createdAt: at(-DAY),
        lastSeenAt: at(-60),
        expiresAt,
        ipAddress: null,
        userAgent: null,
        secondFactor: null,
        reauthenticatedAt: null,
      })
      .execute();
    return idHash;
  }

  async function insertThrottle(lastFailureAt: string): Promise<string> {
    const key = `retention:${newId()}`;
    await db().insertInto('loginThrottles').values({ key, failures: 3, lockedUntil: null, lastFailureAt }).execute();
    return key;
  }

  async function insertAccessToken(loginId: string, contactId: string, expiresAt: string): Promise<string> {
    const id = newId();
    await db()
      .insertInto('accessTokens')
      .values({
        id,
        purpose: 'login_link',
        tokenHash: newId(),
        loginId,
        contactId,
        createdByStaffId: null,
        securityStamp: 'stamp',
        createdAt: at(-40 * DAY),
        expiresAt,
        openedAt: null,
        consumedAt: expiresAt,
        supersededAt: null,
      })
      .execute();
    return id;
  }

  async function insertOutbox(status: OutboxStatus, updatedAt: string): Promise<string> {
    const id = newId();
    await db()
      .insertInto('outboxMessages')
      .values({
        id,
        kind: 'portal_login_link',
        channel: 'email',
        recipientsJson: '["someone@customer.test"]',
        payloadJson: null,
        dedupeKey: null,
        status,
        attempts: 1,
        priority: 0,
        nextAttemptAt: updatedAt,
        lockedBy: null,
        lockedUntil: null,
        lastError: null,
        expiresAt: null,
        accountId: null,
        contactId: null,
        accessTokenId: null,
        createdAt: updatedAt,
        updatedAt,
        sentAt: status === 'sent' ? updatedAt : null,
        replyToJson: null,
        captured: 0,
        renderedSubject: null,
        renderedText: null,
        renderedHtml: null,
      })
      .execute();
    return id;
  }

  async function insertAuditEvent(occurredAt: string): Promise<string> {
    const id = newId();
    await db()
      .insertInto('auditEvents')
      .values({
        id,
        occurredAt,
        actorKind: 'system',
        actorId: null,
        action: 'retention.test',
        subjectType: 'test',
        subjectId: null,
        accountId: null,
        beforeJson: null,
        afterJson: null,
        ipAddress: null,
        requestId: null,
      })
      .execute();
    return id;
  }

  async function waitingAddOnId(): Promise<string> {
    const property = await fixture.setupProperty();
    const turn: Turn = await fixture.orderTurn(property);
    const staff = await signInStaff(fixture.app, await createStaffMember(fixture.deps, { role: 'psm' }));
    const requested = await fixture.call(staff, 'POST', `/api/staff/service-lines/${turn.lines[1]!.id}/add-ons`, {
      serviceId: property.primer.id,
      reason: 'Smoke stains',
    });
    expect(requested.statusCode, requested.body).toBe(201);
    return (requested.json() as Turn).lines[1]!.addOns.find((item) => item.status === 'pending')!.id;
  }

  const remaining = async (table: 'sessions' | 'loginThrottles', column: 'idHash' | 'key', values: string[]) =>
    (await db().selectFrom(table).select(column).where(column, 'in', values).execute()).map(
      (row) => (row as Record<string, string>)[column],
    );
  const remainingIds = async (
    table: 'accessTokens' | 'proAccessTokens' | 'addOnApprovalLinks' | 'outboxMessages' | 'auditEvents',
    ids: string[],
  ) => (await db().selectFrom(table).select('id').where('id', 'in', ids).execute()).map((row) => row.id).sort();

  it('deletes rows past their retention in every table and keeps those within it (the audit log stays)', async () => {
    const sessions = {
      gone: [
        await insertSession('staff', at(-1)),
        await insertSession('customer', at(-DAY)),
        await insertSession('pro', at(-1)),
      ],
      kept: [await insertSession('customer', at(3600)), await insertSession('pro', at(60))],
    };
    // Failures are forgotten after 12 hours (the longest throttle policy).
    const throttles = { gone: await insertThrottle(at(-13 * 3600)), kept: await insertThrottle(at(-11 * 3600)) };

    const contact = await createContact(fixture.deps, { accountIds: [] });
    const loginId = newId();
    await db()
      .insertInto('portalLogins')
      .values({
        id: loginId,
        contactId: contact.id,
        username: null,
        usernameNormalized: null,
        portalEmail: contact.emails[0]!,
        portalEmailNormalized: contact.emails[0]!,
        passwordHash: null,
        passwordChangedAt: null,
        securityStamp: 'stamp',
        mustChangePassword: 0,
        temporaryPasswordExpiresAt: null,
        emailVerificationRequired: 0,
        emailVerifiedAt: null,
        enabled: 1,
        deactivatedAt: null,
        lastSignInAt: null,
        createdAt: at(-40 * DAY),
        updatedAt: at(-40 * DAY),
      })
      .execute();
    // One-time links stay 30 days past their expiry (the access timeline shows them).
    const accessGone = await insertAccessToken(loginId, contact.id, at(-31 * DAY));
    const accessKept = await insertAccessToken(loginId, contact.id, at(-29 * DAY));

    const proId = newId();
    await db()
      .insertInto('pros')
      .values({
        id: proId,
        name: 'Retention Pro',
        phone: null,
        email: null,
        active: 1,
        dailyCapacity: 4,
        createdAt: at(-40 * DAY),
        updatedAt: at(-40 * DAY),
      })
      .execute();
    const proToken = (expiresAt: string) => ({
      id: newId(),
      tokenHash: newId(),
      proId,
      channel: 'sms' as const,
      createdByStaffId: null,
      createdAt: at(-40 * DAY),
      expiresAt,
      openedAt: null,
      consumedAt: null,
      supersededAt: null,
    });
    const [proGone, proKept] = [proToken(at(-31 * DAY)), proToken(at(-29 * DAY))];
    await db().insertInto('proAccessTokens').values([proGone, proKept]).execute();

    const addOnId = await waitingAddOnId();
    const link = (expiresAt: string) => ({
      id: newId(),
      tokenHash: newId(),
      addOnId,
      phone: '+15125550100',
      createdAt: at(-40 * DAY),
      expiresAt,
      openedAt: null,
      consumedAt: null,
    });
    const [linkGone, linkKept] = [link(at(-31 * DAY)), link(at(-29 * DAY))];
    await db().insertInto('addOnApprovalLinks').values([linkGone, linkKept]).execute();

    // Finished messages go 30 days after they finished; a queued one stays however old it is.
    const outbox = {
      gone: [
        await insertOutbox('sent', at(-31 * DAY)),
        await insertOutbox('dead', at(-31 * DAY)),
        await insertOutbox('cancelled', at(-31 * DAY)),
      ],
      kept: [await insertOutbox('sent', at(-29 * DAY)), await insertOutbox('queued', at(-365 * DAY))],
    };
    const ancientAudit = await insertAuditEvent(at(-3650 * DAY));

    const purged = await purgeRetained(fixture.deps);

    expect(await remaining('sessions', 'idHash', [...sessions.gone, ...sessions.kept])).toEqual(
      expect.arrayContaining(sessions.kept),
    );
    expect(await remaining('sessions', 'idHash', sessions.gone)).toEqual([]);
    expect(await remaining('loginThrottles', 'key', [throttles.gone, throttles.kept])).toEqual([throttles.kept]);
    expect(await remainingIds('accessTokens', [accessGone, accessKept])).toEqual([accessKept]);
    expect(await remainingIds('proAccessTokens', [proGone.id, proKept.id])).toEqual([proKept.id]);
    expect(await remainingIds('addOnApprovalLinks', [linkGone.id, linkKept.id])).toEqual([linkKept.id]);
    expect(await remainingIds('outboxMessages', [...outbox.gone, ...outbox.kept])).toEqual([...outbox.kept].sort());
    expect(await remainingIds('auditEvents', [ancientAudit])).toEqual([ancientAudit]);
    expect(purged).toMatchObject({
      expiredSessions: 3,
      forgottenThrottles: 1,
      expiredAccessLinks: 1,
      expiredProLinks: 1,
      expiredApprovalLinks: 1,
      finishedOutboxMessages: 3,
      oldAuditEvents: 0,
    });
  });

  it('deletes at most batch size × batches per table in one run and leaves the rest to the next', async () => {
    const keys = [];
    for (let index = 0; index < 5; index += 1) keys.push(await insertThrottle(at(-2 * DAY)));
    const small = withRetention({ batchSize: 2, maxBatches: 2 });

    expect((await purgeRetained(small)).forgottenThrottles).toBe(4);
    expect(await remaining('loginThrottles', 'key', keys)).toHaveLength(1);
    expect((await purgeRetained(small)).forgottenThrottles).toBe(1);
    expect(await remaining('loginThrottles', 'key', keys)).toEqual([]);
    expect((await purgeRetained(small)).forgottenThrottles).toBe(0);
  });

  it('sessions go as the clock passes their deadline, not before', async () => {
    const session = await insertSession('staff', at(120));
    await purgeRetained(fixture.deps);
    expect(await remaining('sessions', 'idHash', [session])).toEqual([session]);
    (fixture.deps.clock as FakeClock).advanceSeconds(121);
    await purgeRetained(fixture.deps);
    expect(await remaining('sessions', 'idHash', [session])).toEqual([]);
  });

  it('deletes audit events only when a retention is set for them', async () => {
    const old = await insertAuditEvent(at(-400 * DAY));
    const recent = await insertAuditEvent(at(-300 * DAY));
    expect((await purgeRetained(fixture.deps)).oldAuditEvents).toBe(0);
    expect((await purgeRetained(withRetention({ auditDays: 365 }))).oldAuditEvents).toBeGreaterThanOrEqual(1);
    expect(await remainingIds('auditEvents', [old, recent])).toEqual([recent]);
  });
});
