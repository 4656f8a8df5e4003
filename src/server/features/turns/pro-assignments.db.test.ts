import { describe, expect, it } from 'vitest';
import { systemActor } from '../../actor.ts';
import { useTurnsFixture } from './turns-test-fixture.ts';

describe('pro assignments', () => {
  const fixture = useTurnsFixture();

  const createPro = (name: string, dailyCapacity?: number) =>
    fixture.deps.catalog.pros.createPro(
      { name, phone: '+15125550111', email: null, active: true, serviceIds: [], dailyCapacity },
      systemActor,
    );

  it('a pro takes 4 services a day unless set otherwise, and keeps the number through edits', async () => {
    const pro = await createPro('Ana Diaz');
    expect(pro.dailyCapacity).toBe(4);
    const edited = await fixture.deps.catalog.pros.updatePro(
      pro.id,
      { name: 'Ana Diaz', phone: null, email: null, active: true, serviceIds: [], dailyCapacity: 2 },
      systemActor,
    );
    expect(edited.dailyCapacity).toBe(2);
    const renamed = await fixture.deps.catalog.pros.updatePro(
      pro.id,
      { name: 'Ana R. Diaz', phone: null, email: null, active: true, serviceIds: [] },
      systemActor,
    );
    expect(renamed.dailyCapacity).toBe(2);
  });

  it('lists a pro’s services in a date window and marks the days over their capacity', async () => {
    const pro = await createPro('Ben Ortiz', 1);
    const setup = await fixture.setupProperty();
    const first = await fixture.orderTurn(setup);
    const second = await fixture.orderTurn(setup, { unitId: null, unitNumber: '102', floorplanId: setup.floorplan.id });
    const assign = (serviceLineId: string) =>
      fixture.deps.db
        .updateTable('turnServiceLines')
        .set({ assignedProId: pro.id })
        .where('id', '=', serviceLineId)
        .execute();
    // Paint on 2026-06-26 for both turns (over a capacity of 1); Clean on 2026-06-29 once.
    await assign(first.lines[0]!.id);
    await assign(second.lines[0]!.id);
    await assign(first.lines[1]!.id);

    const week = await fixture.deps.turns.assignments.listProAssignments(pro.id, '2026-06-22', '2026-06-28');
    expect(week.dailyCapacity).toBe(1);
    expect(
      week.items.map((item) => [item.scheduledDate, item.unitNumber, item.serviceName, item.overCapacity]),
    ).toEqual([
      ['2026-06-26', '101', 'Paint', true],
      ['2026-06-26', '102', 'Paint', true],
    ]);
    expect(week.items[0]).toMatchObject({ propertyName: setup.property.name, turnId: first.id, status: 'pending' });
    const day = await fixture.deps.turns.assignments.listProAssignments(pro.id, '2026-06-29', '2026-06-29');
    expect(day.items.map((item) => [item.serviceName, item.overCapacity])).toEqual([['Clean', false]]);

    await fixture.call(setup.cookie, 'POST', `/api/portal/turns/${second.id}/cancel`, {});
    const after = await fixture.deps.turns.assignments.listProAssignments(pro.id, '2026-06-26', '2026-06-26');
    expect(after.items.map((item) => [item.unitNumber, item.overCapacity])).toEqual([['101', false]]);
  });
});
