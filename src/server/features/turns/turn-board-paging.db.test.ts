import { describe, expect, it } from 'vitest';
import type { Turn, TurnCounts, TurnList } from '../../../shared/turn-contracts.ts';
import { useTurnsFixture } from './turns-test-fixture.ts';

describe('turn board paging', () => {
  const fixture = useTurnsFixture();

  it('pages a column by cursor: a turn ordered meanwhile never shifts or repeats a page; counts are per column', async () => {
    const setup = await fixture.setupProperty();
    const order = (moveInDate: string, unitNumber: string) =>
      fixture.orderTurn(setup, { unitId: null, unitNumber, floorplanId: setup.floorplan.id, moveInDate });
    for (const [day, unit] of [
      ['03', '1'],
      ['05', '2'],
      ['07', '3'],
      ['09', '4'],
      ['11', '5'],
    ] as const)
      await order(`2026-07-${day}`, unit);
    const base = `/api/portal/properties/${setup.property.id}`;
    const page = async (cursor?: string) => {
      const query = new URLSearchParams({ status: 'pending', limit: '2', ...(cursor ? { cursor } : {}) });
      const response = await fixture.call(setup.cookie, 'GET', `${base}/turns?${query}`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as TurnList;
    };
    const first = await page();
    expect(first.items.map((turn) => turn.unitNumber)).toEqual(['1', '2']);
    // Ordered while the customer reads page one: one sorts before the cursor, one after it.
    await order('2026-07-01', '0');
    await order('2026-07-08', '3b');
    const second = await page(first.nextCursor!);
    const third = await page(second.nextCursor!);
    expect([...second.items, ...third.items].map((turn) => turn.unitNumber)).toEqual(['3', '3b', '4', '5']);
    expect(third.nextCursor).toBeNull();

    const started = (
      await fixture.call(setup.cookie, 'GET', `${base}/turns?status=pending&limit=1`)
    ).json() as TurnList;
    const turn = (await fixture.call(setup.cookie, 'GET', `/api/portal/turns/${started.items[0]!.id}`)).json() as Turn;
    const scheduled = await fixture.call(
      fixture.staffCookie,
      'PUT',
      `/api/staff/service-lines/${turn.lines[0]!.id}/status`,
      { status: 'scheduled' },
    );
    expect(scheduled.statusCode, scheduled.body).toBe(200);
    const counts = (await fixture.call(setup.cookie, 'GET', `${base}/turn-counts`)).json() as TurnCounts;
    expect(counts.counts).toEqual([
      { status: 'pending', count: 6 },
      { status: 'scheduled', count: 1 },
      { status: 'in_progress', count: 0 },
      { status: 'completed', count: 0 },
      { status: 'canceled', count: 0 },
    ]);
    const column = (await fixture.call(setup.cookie, 'GET', `${base}/turns?status=scheduled`)).json() as TurnList;
    expect(column.items.map((item) => [item.unitNumber, item.status])).toEqual([['0', 'scheduled']]);
    const bad = await fixture.call(setup.cookie, 'GET', `${base}/turns?cursor=not-a-cursor`);
    expect(bad.statusCode).toBe(400);
  });
});
