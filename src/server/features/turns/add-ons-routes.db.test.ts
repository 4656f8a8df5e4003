import { describe, expect, it } from 'vitest';
import type { Turn } from '../../../shared/turn-contracts.ts';
import { useTurnsFixture } from './turns-test-fixture.ts';

describe('add-ons routes', () => {
  const fixture = useTurnsFixture();

  it('customer-approved add-ons: pending for the customer, emailed to the main approver and texted to the backup phone; one pending per service', async () => {
    const setup = await fixture.setupProperty({ method: 'customer_approves' });
    const turn = await fixture.orderTurn(setup);
    const lineId = turn.lines[1]!.id;
    const requested = await fixture.call(fixture.staffCookie, 'POST', `/api/staff/service-lines/${lineId}/add-ons`, {
      serviceId: setup.primer.id,
      reason: 'Smoke stains',
    });
    expect(requested.statusCode, requested.body).toBe(201);
    const addOn = (requested.json() as Turn).lines[1]!.addOns[0]!;
    expect(addOn).toMatchObject({
      status: 'pending',
      approver: 'customer',
      reason: 'Smoke stains',
      requestedBy: 'staff',
      priceCents: 7500,
    });
    expect((requested.json() as Turn).totalCents).toBe(turn.totalCents);

    const messages = await fixture.deps.db
      .selectFrom('outboxMessages')
      .select(['kind', 'recipientsJson', 'payloadJson'])
      .where('accountId', '=', setup.property.id)
      .where('kind', 'like', 'add_on%')
      .orderBy('kind')
      .execute();
    expect(messages.map((message) => [message.kind, JSON.parse(message.recipientsJson)])).toEqual([
      ['add_on_approval_requested', setup.approver.emails],
      ['add_on_approval_requested_sms', ['+15125550199']],
    ]);
    expect(JSON.parse(messages[0]!.payloadJson!)).toMatchObject({
      contact: { firstName: 'Maria' },
      addOn: { name: 'Primer', price: '$75.00' },
      link: expect.stringContaining(`/portal/turns/${turn.id}`),
    });

    const second = await fixture.call(fixture.staffCookie, 'POST', `/api/staff/service-lines/${lineId}/add-ons`, {
      serviceId: setup.primer.id,
      reason: 'Again',
    });
    expect(second.statusCode).toBe(409);
    expect((await fixture.call(setup.cookie, 'GET', '/api/portal/properties')).json().items[0].pendingAddOnCount).toBe(
      1,
    );

    const approved = await fixture.call(setup.cookie, 'POST', `/api/portal/add-ons/${addOn.id}/approve`, {
      note: 'Go ahead',
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect((approved.json() as Turn).lines[1]!.addOns[0]).toMatchObject({
      status: 'approved',
      decisionNote: 'Go ahead',
    });
    expect((approved.json() as Turn).totalCents).toBe(turn.totalCents + 7500);
    expect((await fixture.call(setup.cookie, 'POST', `/api/portal/add-ons/${addOn.id}/decline`, {})).statusCode).toBe(
      409,
    );
    expect(await fixture.auditActions(addOn.id)).toEqual(['add_on.requested', 'add_on.approved']);

    const next = await fixture.call(fixture.staffCookie, 'POST', `/api/staff/service-lines/${lineId}/add-ons`, {
      serviceId: setup.primer.id,
      reason: 'Second room',
    });
    expect(next.statusCode).toBe(201);
    const declined = await fixture.call(
      setup.cookie,
      'POST',
      `/api/portal/add-ons/${(next.json() as Turn).lines[1]!.addOns[1]!.id}/decline`,
      {},
    );
    expect((declined.json() as Turn).lines[1]!.addOns[1]!.status).toBe('declined');
  });

  it('staff-approved add-ons are decided by staff, not the customer', async () => {
    const setup = await fixture.setupProperty({ method: 'staff_approves' });
    const turn = await fixture.orderTurn(setup);
    const requested = (
      await fixture.call(fixture.staffCookie, 'POST', `/api/staff/service-lines/${turn.lines[1]!.id}/add-ons`, {
        serviceId: setup.primer.id,
        reason: 'Stains',
      })
    ).json() as Turn;
    const addOn = requested.lines[1]!.addOns[0]!;
    expect(addOn).toMatchObject({ status: 'pending', approver: 'staff' });
    expect(
      await fixture.deps.db
        .selectFrom('outboxMessages')
        .select('id')
        .where('accountId', '=', setup.property.id)
        .where('kind', 'like', 'add_on%')
        .execute(),
    ).toEqual([]);
    expect((await fixture.call(setup.cookie, 'POST', `/api/portal/add-ons/${addOn.id}/approve`, {})).statusCode).toBe(
      409,
    );
    const approved = await fixture.call(fixture.staffCookie, 'POST', `/api/staff/add-ons/${addOn.id}/approve`, {});
    expect((approved.json() as Turn).lines[1]!.addOns[0]!.status).toBe('approved');
  });

  it('auto-approves add-ons under the limit and asks the customer at or over it', async () => {
    const under = await fixture.setupProperty({ method: 'auto_approve_under_limit', limitCents: 10000 });
    const turn = await fixture.orderTurn(under);
    const approved = (
      await fixture.call(fixture.staffCookie, 'POST', `/api/staff/service-lines/${turn.lines[1]!.id}/add-ons`, {
        serviceId: under.primer.id,
        reason: 'Stains',
      })
    ).json() as Turn;
    expect(approved.lines[1]!.addOns[0]).toMatchObject({
      status: 'approved',
      decisionNote: expect.stringContaining('automatically'),
    });

    const over = await fixture.setupProperty({ method: 'auto_approve_under_limit', limitCents: 7500 });
    const overTurn = await fixture.orderTurn(over);
    const pending = (
      await fixture.call(fixture.staffCookie, 'POST', `/api/staff/service-lines/${overTurn.lines[1]!.id}/add-ons`, {
        serviceId: over.primer.id,
        reason: 'Stains',
      })
    ).json() as Turn;
    expect(pending.lines[1]!.addOns[0]).toMatchObject({ status: 'pending', approver: 'customer' });
  });
});
