import { describe, expect, it } from 'vitest';
import type { Turn } from '../../../shared/turn-contracts.ts';
import { useTurnsFixture } from './turns-test-fixture.ts';

describe('turn changes routes', () => {
  const fixture = useTurnsFixture();

  it('a new move-in re-flows back-scheduled dates, keeps picked dates until the customer asks to re-flow', async () => {
    const setup = await fixture.setupProperty();
    const turn = await fixture.orderTurn(setup);
    const [paint, clean] = turn.lines;
    const picked = await fixture.call(setup.cookie, 'PUT', `/api/portal/service-lines/${clean!.id}/date`, {
      scheduledDate: '2026-06-27',
    });
    expect(picked.statusCode, picked.body).toBe(200);
    const moved = (
      await fixture.call(setup.cookie, 'PUT', `/api/portal/turns/${turn.id}`, {
        moveOutDate: '2026-06-20',
        moveInDate: '2026-07-05',
        notes: null,
      })
    ).json() as Turn;
    expect(moved.lines.map((line) => [line.scheduledDate, line.suggestedDate, line.dateIsManual])).toEqual([
      ['2026-06-30', '2026-06-30', false],
      ['2026-06-27', '2026-07-03', true],
    ]);
    expect(moved.offScheduleCount).toBe(1);
    const reflowed = (
      await fixture.call(setup.cookie, 'PUT', `/api/portal/turns/${turn.id}`, {
        moveOutDate: '2026-06-20',
        moveInDate: '2026-07-05',
        notes: null,
        reflowSchedule: true,
      })
    ).json() as Turn;
    expect(reflowed.lines.map((line) => line.scheduledDate)).toEqual(['2026-06-30', '2026-07-03']);
    expect(reflowed.offScheduleCount).toBe(0);
    expect(await fixture.auditActions(paint!.id)).toEqual([]);
    expect(await fixture.auditActions(clean!.id)).toEqual(['service_line.rescheduled']);
    expect(await fixture.auditActions(turn.id)).toEqual(['turn.created', 'turn.updated', 'turn.updated']);
  });

  it('sets a default PO, “I don’t know”, and per-service POs', async () => {
    const setup = await fixture.setupProperty();
    const turn = await fixture.orderTurn(setup, { poUnknown: true });
    expect(turn.poUnknown).toBe(true);
    const url = `/api/portal/turns/${turn.id}/purchase-orders`;
    const both = await fixture.call(setup.cookie, 'PUT', url, { defaultPoNumber: 'PO-7', poUnknown: true });
    expect(both.statusCode).toBe(400);
    const badFormat = await fixture.call(setup.cookie, 'PUT', url, {
      defaultPoNumber: 'PO 7 <script>',
      poUnknown: false,
    });
    expect(badFormat.statusCode).toBe(400);
    const set = await fixture.call(setup.cookie, 'PUT', url, {
      defaultPoNumber: 'PO-7',
      poUnknown: false,
      lines: [{ serviceLineId: turn.lines[1]!.id, poNumber: 'PO-CLEAN-9' }],
    });
    expect(set.statusCode, set.body).toBe(200);
    expect((set.json() as Turn).lines.map((line) => [line.poNumber, line.effectivePoNumber])).toEqual([
      [null, 'PO-7'],
      ['PO-CLEAN-9', 'PO-CLEAN-9'],
    ]);
    const other = await fixture.setupProperty();
    const foreignLine = (await fixture.orderTurn(other)).lines[0]!.id;
    const refused = await fixture.call(setup.cookie, 'PUT', url, {
      defaultPoNumber: 'PO-7',
      poUnknown: false,
      lines: [{ serviceLineId: foreignLine, poNumber: 'X' }],
    });
    expect(refused.statusCode).toBe(400);
  });

  it('removes a service and cancels a whole turn; started work blocks cancelling', async () => {
    const setup = await fixture.setupProperty();
    const turn = await fixture.orderTurn(setup);
    const removed = (
      await fixture.call(setup.cookie, 'DELETE', `/api/portal/service-lines/${turn.lines[1]!.id}`)
    ).json() as Turn;
    expect(removed.lines.map((line) => line.status)).toEqual(['pending', 'canceled']);
    expect(removed.totalCents).toBe(15000 + 7500);
    const last = await fixture.call(setup.cookie, 'DELETE', `/api/portal/service-lines/${turn.lines[0]!.id}`);
    expect(last.statusCode).toBe(409);

    const canceled = await fixture.call(setup.cookie, 'POST', `/api/portal/turns/${turn.id}/cancel`, {
      reason: 'Resident renewed',
    });
    expect(canceled.statusCode, canceled.body).toBe(200);
    expect(canceled.json()).toMatchObject({ status: 'canceled', cancelReason: 'Resident renewed', totalCents: 0 });
    expect((await fixture.call(setup.cookie, 'POST', `/api/portal/turns/${turn.id}/cancel`, {})).statusCode).toBe(409);
    expect((await fixture.call(setup.cookie, 'GET', '/api/portal/properties')).json().items[0].openTurnCount).toBe(0);

    const started = await fixture.orderTurn(setup);
    await fixture.call(fixture.staffCookie, 'PUT', `/api/staff/service-lines/${started.lines[0]!.id}/status`, {
      status: 'scheduled',
    });
    const inProgress = await fixture.call(
      fixture.staffCookie,
      'PUT',
      `/api/staff/service-lines/${started.lines[0]!.id}/status`,
      {
        status: 'in_progress',
      },
    );
    expect(inProgress.json()).toMatchObject({ status: 'in_progress' });
    const blocked = await fixture.call(setup.cookie, 'POST', `/api/portal/turns/${started.id}/cancel`, {});
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error.message).toContain('Paint');
  });

  it('staff see an account’s turns and move services through their statuses', async () => {
    const setup = await fixture.setupProperty();
    const turn = await fixture.orderTurn(setup);
    const list = await fixture.call(fixture.staffCookie, 'GET', `/api/staff/accounts/${setup.property.id}/turns`);
    expect(list.json().items.map((item: { id: string }) => item.id)).toEqual([turn.id]);
    const [paint, clean] = turn.lines;
    for (const status of ['scheduled', 'in_progress', 'completed']) {
      expect(
        (await fixture.call(fixture.staffCookie, 'PUT', `/api/staff/service-lines/${paint!.id}/status`, { status }))
          .statusCode,
      ).toBe(200);
    }
    await fixture.call(fixture.staffCookie, 'PUT', `/api/staff/service-lines/${clean!.id}/status`, {
      status: 'scheduled',
    });
    const back = await fixture.call(fixture.staffCookie, 'PUT', `/api/staff/service-lines/${paint!.id}/status`, {
      status: 'scheduled',
    });
    expect(back.statusCode).toBe(409);
    expect((await fixture.call(fixture.staffCookie, 'GET', `/api/staff/turns/${turn.id}`)).json()).toMatchObject({
      status: 'in_progress',
    });
    await fixture.call(fixture.staffCookie, 'PUT', `/api/staff/service-lines/${clean!.id}/status`, {
      status: 'completed',
    });
    expect((await fixture.call(setup.cookie, 'GET', `/api/portal/turns/${turn.id}`)).json()).toMatchObject({
      status: 'completed',
    });
    expect(await fixture.auditActions(paint!.id)).toEqual([
      'service_line.status_set',
      'service_line.status_set',
      'service_line.status_set',
    ]);
    expect((await fixture.call(setup.cookie, 'GET', `/api/staff/accounts/${setup.property.id}/turns`)).statusCode).toBe(
      401,
    );
  });

  // Each change locks the turn and reads what it decides on inside its transaction, so of two requests
  // sent at the same moment the second decides on what the first did.
  describe('two requests at the same moment', () => {
    const statuses = (responses: Array<{ statusCode: number }>) => responses.map((response) => response.statusCode);

    it('two cancels: one cancels, the other answers 409', async () => {
      const setup = await fixture.setupProperty();
      const turn = await fixture.orderTurn(setup);
      const url = `/api/portal/turns/${turn.id}/cancel`;
      const responses = await Promise.all([
        fixture.call(setup.cookie, 'POST', url, { reason: 'First' }),
        fixture.call(setup.cookie, 'POST', url, { reason: 'Second' }),
      ]);
      expect(statuses(responses).sort()).toEqual([200, 409]);
      expect(await fixture.auditActions(turn.id)).toEqual(['turn.created', 'turn.canceled']);
    });

    it('a cancel and a move-in change: the change never lands on a canceled turn', async () => {
      const setup = await fixture.setupProperty();
      const turn = await fixture.orderTurn(setup);
      const [updated, canceled] = await Promise.all([
        fixture.call(setup.cookie, 'PUT', `/api/portal/turns/${turn.id}`, {
          moveOutDate: '2026-06-20',
          moveInDate: '2026-07-05',
          notes: null,
          reflowSchedule: true,
        }),
        fixture.call(setup.cookie, 'POST', `/api/portal/turns/${turn.id}/cancel`, {}),
      ]);
      expect(canceled.statusCode, canceled.body).toBe(200);
      const after = (await fixture.call(setup.cookie, 'GET', `/api/portal/turns/${turn.id}`)).json() as Turn;
      expect(after.lines.map((line) => line.status)).toEqual(['canceled', 'canceled']);
      const actions = await fixture.auditActions(turn.id);
      if (updated.statusCode === 200) expect(actions).toEqual(['turn.created', 'turn.updated', 'turn.canceled']);
      else {
        expect(updated.statusCode, updated.body).toBe(409);
        expect(actions).toEqual(['turn.created', 'turn.canceled']);
      }
    });

    it('a cancel and work starting: exactly one of them wins', async () => {
      const setup = await fixture.setupProperty();
      const turn = await fixture.orderTurn(setup);
      const paint = turn.lines[0]!;
      await fixture.call(fixture.staffCookie, 'PUT', `/api/staff/service-lines/${paint.id}/status`, {
        status: 'scheduled',
      });
      const [started, canceled] = await Promise.all([
        fixture.call(fixture.staffCookie, 'PUT', `/api/staff/service-lines/${paint.id}/status`, {
          status: 'in_progress',
        }),
        fixture.call(setup.cookie, 'POST', `/api/portal/turns/${turn.id}/cancel`, {}),
      ]);
      expect(statuses([started, canceled]).sort()).toEqual([200, 409]);
      const after = (await fixture.call(setup.cookie, 'GET', `/api/portal/turns/${turn.id}`)).json() as Turn;
      expect(after.status).toBe(started.statusCode === 200 ? 'in_progress' : 'canceled');
    });
  });
});
