import { describe, expect, it } from 'vitest';
import { systemActor } from '../../actor.ts';
import type { Turn } from '../../../shared/turn-contracts.ts';
import { useTurnsFixture } from './turns-test-fixture.ts';

describe('ordering a turn: pros and duplicates', () => {
  const fixture = useTurnsFixture();

  const createPro = (name: string, options: { active?: boolean; dailyCapacity?: number } = {}) =>
    fixture.deps.catalog.pros.createPro(
      {
        name,
        phone: '+15125550111',
        email: null,
        active: options.active ?? true,
        serviceIds: [],
        dailyCapacity: options.dailyCapacity,
      },
      systemActor,
    );

  async function withPreferences(preferred: { id: string }, secondary: { id: string } | null) {
    const setup = await fixture.setupProperty();
    await fixture.deps.catalog.pros.setProPreferences(
      setup.property.id,
      [setup.paint, setup.clean].map((service) => ({
        serviceId: service.id,
        preferredProId: preferred.id,
        secondaryProId: secondary?.id ?? null,
      })),
      systemActor,
    );
    return setup;
  }

  const lineOf = (turn: Turn, name: string) => turn.lines.find((line) => line.name === name)!;

  it('assigns the preferred pro; the customer sees their first name only', async () => {
    const preferred = await createPro('Ana Diaz');
    const secondary = await createPro('Ben Ortiz');
    const setup = await withPreferences(preferred, secondary);
    const turn = await fixture.orderTurn(setup);
    expect(turn.lines.map((line) => [line.name, line.proFirstName, line.needsPro])).toEqual([
      ['Paint', 'Ana', false],
      ['Clean', 'Ana', false],
    ]);
    expect(JSON.stringify(turn)).not.toContain('+15125550111');
  });

  it('falls back to the secondary when the preferred is inactive or booked full that day, else flags the line', async () => {
    const preferred = await createPro('Cleo Park', { dailyCapacity: 1 });
    const secondary = await createPro('Dan Wu', { dailyCapacity: 1 });
    const setup = await withPreferences(preferred, secondary);
    // Paint and Clean fall on different days: the first order books the preferred pro for both.
    const first = await fixture.orderTurn(setup);
    expect([lineOf(first, 'Paint').proFirstName, lineOf(first, 'Clean').proFirstName]).toEqual(['Cleo', 'Cleo']);
    const second = await fixture.orderTurn(setup, {
      unitId: null,
      unitNumber: '102',
      floorplanId: setup.floorplan.id,
    });
    expect([lineOf(second, 'Paint').proFirstName, lineOf(second, 'Clean').proFirstName]).toEqual(['Dan', 'Dan']);
    const third = await fixture.orderTurn(setup, {
      unitId: null,
      unitNumber: '103',
      floorplanId: setup.floorplan.id,
    });
    expect(third.lines.map((line) => [line.proFirstName, line.needsPro])).toEqual([
      [null, true],
      [null, true],
    ]);

    // An inactive preferred pro hands the work to the secondary even on a free day.
    const away = await createPro('Eve Stone');
    const cover = await createPro('Finn Hale');
    const other = await withPreferences(away, cover);
    await fixture.deps.catalog.pros.updatePro(
      away.id,
      { name: 'Eve Stone', phone: null, email: null, active: false, serviceIds: [] },
      systemActor,
    );
    const covered = await fixture.orderTurn(other);
    expect(covered.lines.map((line) => line.proFirstName)).toEqual(['Finn', 'Finn']);
  });

  it('in-house services and properties without preferences get no pro and no flag for ours', async () => {
    const setup = await fixture.setupProperty();
    const turn = await fixture.orderTurn(setup, {
      lines: [{ serviceId: setup.paint.id }, { serviceId: setup.walk.id }],
    });
    expect(turn.lines.map((line) => [line.name, line.proFirstName, line.needsPro])).toEqual([
      ['Paint', null, true],
      ['Walk', null, false],
    ]);
  });

  it('a second order for the unit with overlapping dates answers 409 with the open turn; "order anyway" orders it', async () => {
    const setup = await fixture.setupProperty();
    const existing = await fixture.orderTurn(setup);
    const url = `/api/portal/properties/${setup.property.id}/turns`;
    const overlapping = {
      unitId: setup.unit.id,
      moveOutDate: '2026-06-25',
      moveInDate: '2026-07-10',
      lines: [{ serviceId: setup.paint.id }],
    };
    const refused = await fixture.call(setup.cookie, 'POST', url, overlapping);
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json().error.existingTurnId).toBe(existing.id);
    // The unit number typed in another case is the same unit.
    const typed = await fixture.call(setup.cookie, 'POST', url, {
      ...overlapping,
      unitId: null,
      unitNumber: '101',
      floorplanId: setup.floorplan.id,
    });
    expect(typed.json().error.existingTurnId).toBe(existing.id);

    const anyway = await fixture.call(setup.cookie, 'POST', url, { ...overlapping, allowOverlap: true });
    expect(anyway.statusCode, anyway.body).toBe(201);
    // Later dates, a canceled turn, or another unit are no duplicate.
    const later = await fixture.call(setup.cookie, 'POST', url, {
      ...overlapping,
      moveOutDate: '2026-08-01',
      moveInDate: null,
    });
    expect(later.statusCode, later.body).toBe(201);
  });

  it('the database refuses a second open turn for the unit and move-out date, even when ordered anyway', async () => {
    const setup = await fixture.setupProperty();
    const url = `/api/portal/properties/${setup.property.id}/turns`;
    const order = {
      unitId: setup.unit.id,
      moveOutDate: '2026-06-20',
      moveInDate: '2026-07-01',
      lines: [{ serviceId: setup.paint.id }],
      allowOverlap: true,
    };
    const responses = await Promise.all([
      fixture.call(setup.cookie, 'POST', url, order),
      fixture.call(setup.cookie, 'POST', url, order),
    ]);
    expect(responses.map((response) => response.statusCode).sort()).toEqual([201, 409]);
    const first = responses.find((response) => response.statusCode === 201)!.json() as Turn;
    await fixture.call(setup.cookie, 'POST', `/api/portal/turns/${first.id}/cancel`, {});
    // Once that turn is canceled the unit and date are free again.
    expect((await fixture.call(setup.cookie, 'POST', url, order)).statusCode).toBe(201);
  });
});
