import { describe, expect, it } from 'vitest';
import { createContact, createStaffMember } from '../../../../test/factories.ts';
import { systemActor } from '../../actor.ts';
import type { Turn } from '../../../shared/turn-contracts.ts';
import { listStaffRecipients } from './notices-repository.ts';
import { useTurnsFixture } from './turns-test-fixture.ts';

describe('notices for turn events', () => {
  const fixture = useTurnsFixture();

  async function setup() {
    const base = await fixture.setupProperty();
    const { catalog } = fixture.deps;
    const texting = await catalog.pros.createPro(
      { name: 'Ana Diaz', phone: '+15125550151', email: 'ana@pros.test', active: true, serviceIds: [] },
      systemActor,
    );
    const mailing = await catalog.pros.createPro(
      { name: 'Ben Ortiz', phone: null, email: 'ben@pros.test', active: true, serviceIds: [] },
      systemActor,
    );
    await catalog.pros.setProPreferences(
      base.property.id,
      [
        { serviceId: base.paint.id, preferredProId: texting.id, secondaryProId: null },
        { serviceId: base.clean.id, preferredProId: mailing.id, secondaryProId: null },
      ],
      systemActor,
    );
    // The approver keeps email; one contact texts, one without a phone asked for SMS, one wants nothing.
    const texter = await createContact(fixture.deps, { accountIds: [base.property.id], phone: '+15125550152' });
    const noPhone = await createContact(fixture.deps, { accountIds: [base.property.id] });
    const quiet = await createContact(fixture.deps, { accountIds: [base.property.id] });
    for (const [contact, notificationChannel] of [
      [texter, 'sms'],
      [noPhone, 'sms'],
      [quiet, 'none'],
    ] as const)
      await fixture.deps.db.updateTable('contacts').set({ notificationChannel }).where('id', '=', contact.id).execute();
    return { ...base, texter, noPhone, quiet };
  }

  type Setup = Awaited<ReturnType<typeof setup>>;

  async function sentSince(accountId: string, since: number) {
    const rows = await fixture.deps.db
      .selectFrom('outboxMessages')
      .select(['kind', 'channel', 'recipientsJson', 'contactId', 'payloadJson'])
      .where('accountId', '=', accountId)
      .orderBy('createdAt')
      .orderBy('id')
      .execute();
    return rows.slice(since).map((row) => ({
      kind: row.kind,
      to: JSON.parse(row.recipientsJson) as string[],
      contactId: row.contactId,
      payload: JSON.parse(row.payloadJson!) as Record<string, unknown>,
    }));
  }
  const count = async (accountId: string) => (await sentSince(accountId, 0)).length;
  const toPros = (messages: Awaited<ReturnType<typeof sentSince>>) =>
    messages.filter((message) => message.kind.startsWith('pro_work_')).map((message) => [message.kind, message.to]);

  /** The customer side of one event: who got it and on which channel, whatever the order. */
  function customerRecipients(messages: Awaited<ReturnType<typeof sentSince>>) {
    return messages
      .filter((message) => message.contactId)
      .map((message) => [message.contactId, message.kind, message.to])
      .sort();
  }
  const expectedCustomers = (setup: Setup, event: string) =>
    [
      [setup.approver.id, event, setup.approver.emails],
      [setup.texter.id, `${event}_sms`, ['+15125550152']],
      [setup.noPhone.id, event, setup.noPhone.emails],
    ].sort();

  it('tells each assigned pro of new work, by SMS when they have a phone, else by email', async () => {
    const property = await setup();
    await fixture.orderTurn(property);
    const sent = (await sentSince(property.property.id, 0)).filter((message) => message.kind.startsWith('pro_work_'));
    expect(toPros(sent)).toEqual([
      ['pro_work_assigned_sms', ['+15125550151']],
      ['pro_work_assigned', ['ben@pros.test']],
    ]);
    expect(sent[0]!.payload).toMatchObject({ pro: { name: 'Ana' }, turn: { unitNumber: '101' } });
    expect(sent[0]!.payload.work).toBe('Paint on 2026-06-26');
  });

  it('a reschedule tells the pro and every contact by their channel, and puts the turn back in the inbox', async () => {
    const property = await setup();
    const turn = await fixture.orderTurn(property);
    await fixture.deps.db
      .updateTable('turns')
      .set({ acknowledgedAt: '2026-06-01T12:00:00.000Z' })
      .where('id', '=', turn.id)
      .execute();
    const before = await count(property.property.id);
    const paint = turn.lines.find((line) => line.name === 'Paint')!;
    const moved = await fixture.call(property.cookie, 'PUT', `/api/portal/service-lines/${paint.id}/date`, {
      scheduledDate: '2026-06-25',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const sent = await sentSince(property.property.id, before);
    expect(toPros(sent)).toEqual([['pro_work_changed_sms', ['+15125550151']]]);
    expect(customerRecipients(sent)).toEqual(expectedCustomers(property, 'service_rescheduled'));
    const row = await fixture.deps.db
      .selectFrom('turns')
      .select('acknowledgedAt')
      .where('id', '=', turn.id)
      .executeTakeFirstOrThrow();
    expect(row.acknowledgedAt).toBeNull();
  });

  it('scheduled, started and completed reach the contacts; nobody who chose none', async () => {
    const property = await setup();
    const turn = await fixture.orderTurn(property);
    const paint = turn.lines.find((line) => line.name === 'Paint')!;
    for (const [status, event] of [
      ['scheduled', 'service_scheduled'],
      ['in_progress', 'service_started'],
      ['completed', 'service_completed'],
    ] as const) {
      const before = await count(property.property.id);
      const response = await fixture.call(fixture.staffCookie, 'PUT', `/api/staff/service-lines/${paint.id}/status`, {
        status,
      });
      expect(response.statusCode, response.body).toBe(200);
      const sent = await sentSince(property.property.id, before);
      expect(customerRecipients(sent)).toEqual(expectedCustomers(property, event));
      expect(sent.some((message) => message.contactId === property.quiet.id)).toBe(false);
      expect(sent[0]!.payload).toMatchObject({ service: { name: 'Paint', date: '2026-06-26' } });
    }
  });

  it('canceling a turn tells each pro their work is off', async () => {
    const property = await setup();
    const turn = await fixture.orderTurn(property);
    const before = await count(property.property.id);
    const canceled = await fixture.call(property.cookie, 'POST', `/api/portal/turns/${turn.id}/cancel`, {});
    expect(canceled.statusCode, canceled.body).toBe(200);
    expect(toPros(await sentSince(property.property.id, before))).toEqual([
      ['pro_work_canceled_sms', ['+15125550151']],
      ['pro_work_canceled', ['ben@pros.test']],
    ]);
  });

  it('an add-on awaiting the customer goes to the main approver by their channel, and to the backup phone', async () => {
    const property = await setup();
    await fixture.deps.db
      .updateTable('contacts')
      .set({ notificationChannel: 'sms', phone: '(512) 555-0153' })
      .where('id', '=', property.approver.id)
      .execute();
    const turn: Turn = await fixture.orderTurn(property);
    const before = await count(property.property.id);
    const requested = await fixture.call(
      fixture.staffCookie,
      'POST',
      `/api/staff/service-lines/${turn.lines[1]!.id}/add-ons`,
      { serviceId: property.primer.id, reason: 'Smoke stains' },
    );
    expect(requested.statusCode, requested.body).toBe(201);
    const sent = await sentSince(property.property.id, before);
    expect(sent.map((message) => [message.kind, message.to, message.contactId])).toEqual([
      ['add_on_approval_requested_sms', ['+15125550153'], property.approver.id],
      ['add_on_approval_requested_sms', ['+15125550199'], null],
    ]);
  });

  describe('to the account’s staff', () => {
    const toStaff = (messages: Awaited<ReturnType<typeof sentSince>>) =>
      messages.filter((message) => message.kind.endsWith('_staff')).map((message) => [message.kind, message.to]);

    it('a customer’s order, change and cancel email the staff who added their contact to the property', async () => {
      const property = await setup();
      const owner = await createStaffMember(fixture.deps, { role: 'support', name: 'Olivia Stone' });
      const gone = await createStaffMember(fixture.deps, { role: 'psm' });
      for (const member of [owner, gone]) {
        const own = await createContact(fixture.deps, { accountIds: [property.property.id] });
        await fixture.deps.db
          .updateTable('contacts')
          .set({ staffMemberId: member.id })
          .where('id', '=', own.id)
          .execute();
      }
      await fixture.deps.db
        .updateTable('staffMembers')
        .set({ deactivatedAt: '2026-01-01T00:00:00.000Z' })
        .where('id', '=', gone.id)
        .execute();

      const turn = await fixture.orderTurn(property);
      const ordered = await sentSince(property.property.id, 0);
      expect(toStaff(ordered)).toEqual([['turn_ordered_staff', [owner.email]]]);
      expect(ordered.find((message) => message.kind === 'turn_ordered_staff')!.payload).toEqual({
        staff: { name: 'Olivia' },
        property: { name: property.property.name },
        turn: { unitNumber: '101', moveOutDate: '2026-06-20', moveInDate: '2026-07-01' },
        link: 'http://portico.test/console/turns?view=inbox&search=101',
      });

      let before = await count(property.property.id);
      const moved = await fixture.call(property.cookie, 'PUT', `/api/portal/turns/${turn.id}`, {
        moveOutDate: '2026-06-20',
        moveInDate: '2026-07-03',
      });
      expect(moved.statusCode, moved.body).toBe(200);
      const changed = await sentSince(property.property.id, before);
      expect(toStaff(changed)).toEqual([['turn_changed_staff', [owner.email]]]);
      expect(changed.find((message) => message.kind === 'turn_changed_staff')!.payload.turn).toMatchObject({
        moveInDate: '2026-07-03',
      });

      before = await count(property.property.id);
      const canceled = await fixture.call(property.cookie, 'POST', `/api/portal/turns/${turn.id}/cancel`, {});
      expect(canceled.statusCode, canceled.body).toBe(200);
      expect(toStaff(await sentSince(property.property.id, before))).toEqual([['turn_canceled_staff', [owner.email]]]);
    });

    it('the fallback role is a setting (TURN_NOTICE_STAFF_ROLE): support staff instead of PSMs', async () => {
      const property = await setup();
      const support = await createStaffMember(fixture.deps, { role: 'support' });
      const recipients = await listStaffRecipients(fixture.deps.db, property.property.id, 'support');
      expect(recipients.map((member) => member.email)).toContain(support.email);
      const roles = await fixture.deps.db
        .selectFrom('staffMembers')
        .select('role')
        .where(
          'id',
          'in',
          recipients.map((member) => member.id),
        )
        .execute();
      expect(new Set(roles.map((row) => row.role))).toEqual(new Set(['support']));
    });

    it('without staff on the account, every active PSM hears of the order; staff’s own changes tell no staff', async () => {
      const property = await setup();
      const psm = await createStaffMember(fixture.deps, { role: 'psm' });
      const turn = await fixture.orderTurn(property);
      const ordered = toStaff(await sentSince(property.property.id, 0));
      const recipients = ordered.flatMap(([, to]) => to as string[]);
      expect(ordered.every(([kind]) => kind === 'turn_ordered_staff')).toBe(true);
      expect(recipients).toContain(psm.email);
      const psms = await fixture.deps.db
        .selectFrom('staffMembers')
        .select('email')
        .where('role', '=', 'psm')
        .where('deactivatedAt', 'is', null)
        .execute();
      expect(recipients.sort()).toEqual(psms.map((row) => row.email).sort());

      const before = await count(property.property.id);
      const paint = turn.lines.find((line) => line.name === 'Paint')!;
      const status = await fixture.call(fixture.staffCookie, 'PUT', `/api/staff/service-lines/${paint.id}/status`, {
        status: 'scheduled',
      });
      expect(status.statusCode, status.body).toBe(200);
      expect(toStaff(await sentSince(property.property.id, before))).toEqual([]);
    });
  });
});
