import { describe, expect, it } from 'vitest';
import { createStaffMember, signInStaff } from '../../../../test/factories.ts';
import type { FakeClock } from '../../../../test/fake-clock.ts';
import type { Turn } from '../../../shared/turn-contracts.ts';
import { useTurnsFixture } from './turns-test-fixture.ts';

const MINUTE = 60;

describe('add-on escalation and the backup phone link', () => {
  const fixture = useTurnsFixture();
  const clock = () => fixture.deps.clock as FakeClock;
  const sweep = () => fixture.deps.turns.sweeps.runOnce();

  // The fake clock moves past session lifetimes: each step signs in afresh.
  const staffCookie = async () => signInStaff(fixture.app, await createStaffMember(fixture.deps, { role: 'psm' }));

  async function waitingAddOn() {
    const property = await fixture.setupProperty();
    const turn: Turn = await fixture.orderTurn(property);
    const requested = await fixture.call(
      await staffCookie(),
      'POST',
      `/api/staff/service-lines/${turn.lines[1]!.id}/add-ons`,
      { serviceId: property.primer.id, reason: 'Smoke stains' },
    );
    expect(requested.statusCode, requested.body).toBe(201);
    const addOn = (requested.json() as Turn).lines[1]!.addOns.find((item) => item.status === 'pending')!;
    return { property, turn, addOn };
  }

  async function escalationTexts(accountId: string) {
    const rows = await fixture.deps.db
      .selectFrom('outboxMessages')
      .select(['recipientsJson', 'payloadJson', 'expiresAt'])
      .where('accountId', '=', accountId)
      .where('kind', '=', 'add_on_escalation_sms')
      .execute();
    return rows.map((row) => ({
      to: JSON.parse(row.recipientsJson) as string[],
      link: (JSON.parse(row.payloadJson!) as { link: string }).link,
      expiresAt: row.expiresAt,
    }));
  }
  const tokenOf = (link: string) => link.split('/portal/approve/')[1]!;
  const addOnRow = (id: string) =>
    fixture.deps.db.selectFrom('turnAddOns').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('texts the backup phone at the account’s minutes, not before, then alerts staff a window later', async () => {
    const { property, turn, addOn } = await waitingAddOn();
    clock().advanceSeconds(59 * MINUTE);
    await sweep();
    expect(await escalationTexts(property.property.id)).toEqual([]);

    clock().advanceSeconds(MINUTE);
    await sweep();
    const texts = await escalationTexts(property.property.id);
    expect(texts.map((text) => text.to)).toEqual([['+15125550199']]);
    expect(tokenOf(texts[0]!.link).length).toBeGreaterThanOrEqual(22);
    expect(texts[0]!.expiresAt).not.toBeNull();
    // Another pass (or another worker) does not text again.
    await Promise.all([sweep(), sweep()]);
    expect(await escalationTexts(property.property.id)).toHaveLength(1);

    clock().advanceSeconds(59 * MINUTE);
    await sweep();
    expect((await addOnRow(addOn.id)).staffAlertedAt ?? null).toBeNull();
    clock().advanceSeconds(MINUTE);
    await sweep();
    expect((await addOnRow(addOn.id)).staffAlertedAt).toBeTruthy();

    const desk = await fixture.call(
      await staffCookie(),
      'GET',
      `/api/staff/desk/turns?view=all&accountId=${property.property.id}&addOnOverdue=true`,
    );
    expect(desk.statusCode, desk.body).toBe(200);
    expect(
      desk.json().items.map((item: { id: string; addOnOverdue: boolean }) => [item.id, item.addOnOverdue]),
    ).toEqual([[turn.id, true]]);
    expect(await fixture.auditActions(turn.id)).toEqual(
      expect.arrayContaining(['add_on.escalated', 'add_on.staff_alerted']),
    );
  });

  it('a decision before the window stops the escalation', async () => {
    const { property, addOn } = await waitingAddOn();
    clock().advanceSeconds(30 * MINUTE);
    const cookie = await fixture.signInCustomer([property.property.id]);
    const approved = await fixture.call(cookie, 'POST', `/api/portal/add-ons/${addOn.id}/approve`, {});
    expect(approved.statusCode, approved.body).toBe(200);
    clock().advanceSeconds(3 * 60 * MINUTE);
    await sweep();
    expect(await escalationTexts(property.property.id)).toEqual([]);
    expect((await addOnRow(addOn.id)).staffAlertedAt ?? null).toBeNull();
  });

  it('the link opens a confirm page that decides nothing; its button decides once', async () => {
    const { property, turn, addOn } = await waitingAddOn();
    clock().advanceSeconds(60 * MINUTE);
    await sweep();
    const token = tokenOf((await escalationTexts(property.property.id))[0]!.link);

    // A GET (a phone's link preview, a scanner) never decides.
    const got = await fixture.app.inject({ method: 'GET', url: `/api/portal/approval-links/decide?token=${token}` });
    expect(got.statusCode).toBe(404);
    const inspected = await fixture.app.inject({
      method: 'POST',
      url: '/api/portal/approval-links/inspect',
      payload: { token },
    });
    expect(inspected.json()).toMatchObject({ status: 'valid', addOnName: 'Primer', unitNumber: '101' });
    expect((await addOnRow(addOn.id)).status).toBe('pending');

    const decide = () =>
      fixture.app.inject({
        method: 'POST',
        url: '/api/portal/approval-links/decide',
        payload: { token, decision: 'approve' },
      });
    const first = await decide();
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ status: 'approved' });
    expect((await addOnRow(addOn.id)).status).toBe('approved');
    const again = await decide();
    expect(again.statusCode).toBe(400);
    expect(
      (
        await fixture.app.inject({ method: 'POST', url: '/api/portal/approval-links/inspect', payload: { token } })
      ).json(),
    ).toEqual({ status: 'used' });
    expect(await fixture.auditActions(turn.id)).toEqual(
      expect.arrayContaining(['add_on.escalated', 'add_on.approved_by_link']),
    );
  });

  it('an expired link or an unknown one decides nothing', async () => {
    const { property, addOn } = await waitingAddOn();
    clock().advanceSeconds(60 * MINUTE);
    await sweep();
    const token = tokenOf((await escalationTexts(property.property.id))[0]!.link);
    clock().advanceSeconds(4 * 60 * MINUTE);
    const inspect = (value: string) =>
      fixture.app.inject({ method: 'POST', url: '/api/portal/approval-links/inspect', payload: { token: value } });
    expect((await inspect(token)).json()).toEqual({ status: 'expired' });
    expect((await inspect('x'.repeat(43))).json()).toEqual({ status: 'invalid' });
    const late = await fixture.app.inject({
      method: 'POST',
      url: '/api/portal/approval-links/decide',
      payload: { token, decision: 'decline' },
    });
    expect(late.statusCode).toBe(400);
    expect((await addOnRow(addOn.id)).status).toBe('pending');
  });
});

describe('the PO number reminder', () => {
  const fixture = useTurnsFixture();
  const clock = () => fixture.deps.clock as FakeClock;
  const DAY = 24 * 3600;

  async function reminders(accountId: string) {
    return fixture.deps.db
      .selectFrom('outboxMessages')
      .select(['recipientsJson', 'contactId'])
      .where('accountId', '=', accountId)
      .where('kind', '=', 'po_reminder')
      .execute();
  }

  it('reminds the contacts after the account’s days, again every so many days, and stops once a PO is set', async () => {
    const property = await fixture.setupProperty();
    const turn = await fixture.orderTurn(property, { poUnknown: true, defaultPoNumber: null });
    clock().advanceSeconds(3 * DAY - 60);
    await fixture.deps.turns.sweeps.runOnce();
    expect(await reminders(property.property.id)).toEqual([]);

    clock().advanceSeconds(60);
    await Promise.all([fixture.deps.turns.sweeps.runOnce(), fixture.deps.turns.sweeps.runOnce()]);
    const first = await reminders(property.property.id);
    expect(first.map((row) => [row.contactId, JSON.parse(row.recipientsJson)])).toEqual([
      [property.approver.id, property.approver.emails],
    ]);

    clock().advanceSeconds(2 * DAY);
    await fixture.deps.turns.sweeps.runOnce();
    expect(await reminders(property.property.id)).toHaveLength(1);
    clock().advanceSeconds(DAY);
    await fixture.deps.turns.sweeps.runOnce();
    expect(await reminders(property.property.id)).toHaveLength(2);

    const cookie = await fixture.signInCustomer([property.property.id]);
    const set = await fixture.call(cookie, 'PUT', `/api/portal/turns/${turn.id}/purchase-orders`, {
      defaultPoNumber: 'PO-7781',
      poUnknown: false,
    });
    expect(set.statusCode, set.body).toBe(200);
    clock().advanceSeconds(10 * DAY);
    await fixture.deps.turns.sweeps.runOnce();
    expect(await reminders(property.property.id)).toHaveLength(2);
    expect(await fixture.auditActions(turn.id)).toEqual(expect.arrayContaining(['turn.po_reminder_sent']));
  });
});
