import { describe, expect, it } from 'vitest';
import { createAccount } from '../../../../test/factories.ts';
import type { TurnList } from '../../../shared/turn-contracts.ts';
import { useTurnsFixture } from './turns-test-fixture.ts';

describe('a management company’s turn reads', () => {
  const fixture = useTurnsFixture();

  it('counts open work per property on portal home and pages the staff Turns tab across its properties', async () => {
    const company = await createAccount(fixture.deps, { kind: 'management_company' });
    const north = await fixture.setupProperty();
    const south = await fixture.setupProperty();
    for (const setup of [north, south]) {
      await fixture.deps.db
        .updateTable('accounts')
        .set({ parentAccountId: company.id })
        .where('id', '=', setup.property.id)
        .execute();
    }
    const order = (setup: typeof north, unitNumber: string, moveInDate: string) =>
      fixture.orderTurn(setup, { unitId: null, unitNumber, floorplanId: setup.floorplan.id, moveInDate });
    await order(north, 'N1', '2026-07-02');
    await order(north, 'N2', '2026-07-04');
    await order(south, 'S1', '2026-07-03');
    const canceled = await order(south, 'S2', '2026-07-05');
    expect(
      (await fixture.call(south.cookie, 'POST', `/api/portal/turns/${canceled.id}/cancel`, {})).statusCode,
    ).toBeLessThan(300);

    const contact = await fixture.signInCustomer([north.property.id, south.property.id]);
    const home = (await fixture.call(contact, 'GET', '/api/portal/properties')).json() as {
      items: Array<{ id: string; openTurnCount: number; pendingAddOnCount: number }>;
    };
    const openTurns = Object.fromEntries(home.items.map((item) => [item.id, item.openTurnCount]));
    expect(openTurns).toEqual({ [north.property.id]: 2, [south.property.id]: 1 });
    expect(home.items.every((item) => item.pendingAddOnCount === 0)).toBe(true);

    const tab = async (cursor?: string) => {
      const query = new URLSearchParams({ limit: '2', ...(cursor ? { cursor } : {}) });
      const response = await fixture.call(
        fixture.staffCookie,
        'GET',
        `/api/staff/accounts/${company.id}/turns?${query}`,
      );
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as TurnList;
    };
    const first = await tab();
    const second = await tab(first.nextCursor!);
    const units = [...first.items, ...second.items].map((turn) => turn.unitNumber);
    expect(new Set(units).size).toBe(units.length);
    expect(units.sort()).toEqual(['N1', 'N2', 'S1', 'S2']);
    expect(second.nextCursor).toBeNull();
  });
});
