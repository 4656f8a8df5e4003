import { describe, expect, it } from 'vitest';
import { createAccount, createContact } from '../../../../test/factories.ts';
import { systemActor } from '../../actor.ts';
import type { DeskTurnList } from '../../../shared/desk-contracts.ts';
import { useTurnsFixture } from './turns-test-fixture.ts';

describe('the staff turns desk', () => {
  const fixture = useTurnsFixture();

  const createPro = (name: string, phone: string | null, email: string | null = null, active = true) =>
    fixture.deps.catalog.pros.createPro({ name, phone, email, active, serviceIds: [] }, systemActor);

  async function setupWithPros() {
    const setup = await fixture.setupProperty();
    const ana = await createPro('Ana Diaz', '+15125550141');
    await fixture.deps.catalog.pros.setProPreferences(
      setup.property.id,
      [{ serviceId: setup.paint.id, preferredProId: ana.id, secondaryProId: null }],
      systemActor,
    );
    return { ...setup, ana };
  }

  const desk = async (query: string) => {
    const response = await fixture.call(fixture.staffCookie, 'GET', `/api/staff/desk/turns?${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as DeskTurnList;
  };

  const messages = (accountId: string) =>
    fixture.deps.db
      .selectFrom('outboxMessages')
      .select(['kind', 'channel', 'recipientsJson', 'contactId'])
      .where('accountId', '=', accountId)
      .orderBy('createdAt')
      .orderBy('id')
      .execute()
      .then((rows) => rows.map((row) => ({ ...row, to: JSON.parse(row.recipientsJson) as string[] })));

  it('shows a new turn in the inbox with its pros and the needs-pro flag, until staff acknowledge it', async () => {
    const setup = await setupWithPros();
    const turn = await fixture.orderTurn(setup);
    const inbox = await desk(`accountId=${setup.property.id}`);
    expect(inbox.items.map((item) => item.id)).toEqual([turn.id]);
    const [row] = inbox.items;
    expect(row).toMatchObject({ propertyName: setup.property.name, acknowledgedAt: null, needsPro: true });
    expect(row!.lines.map((line) => [line.name, line.proName, line.needsPro])).toEqual([
      ['Paint', 'Ana Diaz', false],
      ['Clean', null, true],
    ]);

    const acknowledged = await fixture.call(
      fixture.staffCookie,
      'POST',
      `/api/staff/desk/turns/${turn.id}/acknowledge`,
    );
    expect(acknowledged.statusCode, acknowledged.body).toBe(200);
    expect((await desk(`accountId=${setup.property.id}`)).items).toEqual([]);
    const all = await desk(`view=all&accountId=${setup.property.id}`);
    expect(all.items[0]!.acknowledgedAt).not.toBeNull();
    expect(await fixture.auditActions(turn.id)).toContain('turn.acknowledged');
    const again = await fixture.call(fixture.staffCookie, 'POST', `/api/staff/desk/turns/${turn.id}/acknowledge`);
    expect(again.statusCode).toBe(409);
  });

  it('keeps "at risk" in step with the turn: a move-in pulled closer puts it at risk, finished services take it off', async () => {
    const setup = await fixture.setupProperty();
    // The fake clock stands at 2026-06-01; two services need two days before the ready-by day.
    const turn = await fixture.orderTurn(setup, { moveOutDate: '2026-06-01', moveInDate: '2026-06-20' });
    const atRisk = async () =>
      (await desk(`view=all&accountId=${setup.property.id}&atRisk=true`)).items.map((item) => item.id);
    expect(await atRisk()).toEqual([]);
    const moved = await fixture.call(setup.cookie, 'PUT', `/api/portal/turns/${turn.id}`, {
      moveOutDate: '2026-06-01',
      moveInDate: '2026-06-02',
      notes: null,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(await atRisk()).toEqual([turn.id]);
    for (const line of turn.lines)
      for (const status of ['scheduled', 'in_progress', 'completed'])
        expect(
          (await fixture.call(fixture.staffCookie, 'PUT', `/api/staff/service-lines/${line.id}/status`, { status }))
            .statusCode,
        ).toBe(200);
    expect(await atRisk()).toEqual([]);
    expect((await desk(`view=all&accountId=${setup.property.id}`)).items[0]!.atRisk).toBe(false);
  });

  it('filters by company, pro, needs pro, PO missing, add-on waiting, at risk and search, and pages by cursor', async () => {
    const company = await createAccount(fixture.deps, { kind: 'management_company' });
    const setup = await setupWithPros();
    await fixture.deps.db
      .updateTable('accounts')
      .set({ parentAccountId: company.id })
      .where('id', '=', setup.property.id)
      .execute();
    // The fake clock stands at 2026-06-01: a move-in on 06-02 leaves 1 day for 2 open services.
    const tight = await fixture.orderTurn(setup, { moveOutDate: '2026-06-01', moveInDate: '2026-06-02' });
    const relaxed = await fixture.orderTurn(setup, {
      unitId: null,
      unitNumber: '7B',
      floorplanId: setup.floorplan.id,
      poUnknown: true,
      lines: [{ serviceId: setup.paint.id }],
    });
    const ids = async (query: string) => (await desk(`companyId=${company.id}&${query}`)).items.map((item) => item.id);
    expect(await ids('')).toEqual([relaxed.id, tight.id]);
    expect(await ids(`proId=${setup.ana.id}`)).toEqual([relaxed.id, tight.id]);
    expect(await ids('needsPro=true')).toEqual([tight.id]);
    expect(await ids('poMissing=true')).toEqual([relaxed.id]);
    expect(await ids('atRisk=true')).toEqual([tight.id]);
    expect((await desk(`companyId=${company.id}&atRisk=true`)).items[0]!.atRisk).toBe(true);
    expect(await ids('search=7b')).toEqual([relaxed.id]);
    expect(await ids('sort=moveIn')).toEqual([tight.id, relaxed.id]);
    expect(await ids('moveInFrom=2026-06-10')).toEqual([relaxed.id]);

    const addOn = await fixture.call(
      fixture.staffCookie,
      'POST',
      `/api/staff/service-lines/${relaxed.lines[0]!.id}/add-ons`,
      { serviceId: setup.primer.id, reason: 'Stains' },
    );
    expect(addOn.statusCode, addOn.body).toBe(201);
    expect(await ids('addOnWaiting=true')).toEqual([relaxed.id]);

    const first = await desk(`companyId=${company.id}&limit=1`);
    expect(first.items.map((item) => item.id)).toEqual([relaxed.id]);
    const second = await desk(`companyId=${company.id}&limit=1&cursor=${first.nextCursor}`);
    expect(second.items.map((item) => item.id)).toEqual([tight.id]);
    expect(second.nextCursor).toBeNull();
    expect((await fixture.call(fixture.staffCookie, 'GET', '/api/staff/desk/turns?cursor=nope')).statusCode).toBe(400);
  });

  it('pages the desk by cursor in both orders: turns ordered between pages never shift or repeat one', async () => {
    const setup = await fixture.setupProperty();
    const order = (unitNumber: string, moveInDate: string) =>
      fixture.orderTurn(setup, {
        unitId: null,
        unitNumber,
        floorplanId: setup.floorplan.id,
        moveOutDate: '2026-06-10',
        moveInDate,
      });
    const walk = async (query: string, between: () => Promise<unknown>) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: DeskTurnList = await desk(
          `view=all&accountId=${setup.property.id}&limit=2&${query}${cursor ? `&cursor=${cursor}` : ''}`,
        );
        seen.push(...page.items.map((item) => item.unitNumber));
        cursor = page.nextCursor;
        if (seen.length === 2) await between();
      } while (cursor);
      return seen;
    };
    await order('A', '2026-07-03');
    await order('B', '2026-07-01');
    await order('C', '2026-07-05');
    // Newest first: a turn ordered after page one is newer than its cursor, so it waits for a reload.
    expect(await walk('sort=newest', () => order('D', '2026-07-02'))).toEqual(['C', 'B', 'A']);
    // By move-in: one ordered behind the cursor is not shown again; one ahead of it comes in its place.
    expect(
      await walk('sort=moveIn', async () => {
        await order('E', '2026-06-20');
        await order('F', '2026-07-04');
      }),
    ).toEqual(['B', 'D', 'A', 'F', 'C']);
  });

  it('reassigns a service: the new pro hears of the work and the old one that it is no longer theirs', async () => {
    const setup = await setupWithPros();
    const ben = await createPro('Ben Ortiz', null, 'ben@pros.test');
    const idle = await createPro('Idle Pro', '+15125550142', null, false);
    const turn = await fixture.orderTurn(setup);
    const paint = turn.lines.find((line) => line.name === 'Paint')!;
    const walk = await fixture.orderTurn(setup, {
      unitId: null,
      unitNumber: '300',
      floorplanId: setup.floorplan.id,
      lines: [{ serviceId: setup.walk.id }],
    });
    const before = (await messages(setup.property.id)).length;
    const assign = (serviceLineId: string, proId: string | null) =>
      fixture.call(fixture.staffCookie, 'PUT', `/api/staff/service-lines/${serviceLineId}/pro`, { proId });

    const response = await assign(paint.id, ben.id);
    expect(response.statusCode, response.body).toBe(200);
    expect(await fixture.auditActions(paint.id)).toContain('service_line.pro_assigned');
    const sent = (await messages(setup.property.id)).slice(before);
    expect(sent.map((row) => [row.kind, row.channel, row.to])).toEqual([
      ['pro_work_canceled_sms', 'sms', ['+15125550141']],
      ['pro_work_assigned', 'email', ['ben@pros.test']],
    ]);
    expect((await assign(paint.id, idle.id)).statusCode).toBe(400);
    expect((await assign(walk.lines[0]!.id, ben.id)).statusCode).toBe(409);
  });

  it('tells each contact of the property that the turn was received, by their channel', async () => {
    const setup = await setupWithPros();
    const texter = await createContact(fixture.deps, { accountIds: [setup.property.id], phone: '(512) 555-0143' });
    const quiet = await createContact(fixture.deps, { accountIds: [setup.property.id] });
    const set = (contactId: string, notificationChannel: 'sms' | 'none') =>
      fixture.deps.db.updateTable('contacts').set({ notificationChannel }).where('id', '=', contactId).execute();
    await set(texter.id, 'sms');
    await set(quiet.id, 'none');
    const turn = await fixture.orderTurn(setup);
    await fixture.call(fixture.staffCookie, 'POST', `/api/staff/desk/turns/${turn.id}/acknowledge`);
    const received = (await messages(setup.property.id)).filter((row) => row.kind.startsWith('turn_acknowledged'));
    expect(received.map((row) => [row.contactId, row.kind, row.to]).sort()).toEqual(
      [
        [setup.approver.id, 'turn_acknowledged', setup.approver.emails],
        [texter.id, 'turn_acknowledged_sms', ['+15125550143']],
      ].sort(),
    );
  });
});
