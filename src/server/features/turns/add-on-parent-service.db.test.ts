import { describe, expect, it } from 'vitest';
import { systemActor } from '../../actor.ts';
import type { Service } from '../../../shared/catalog-contracts.ts';
import type { TurnPreview } from '../../../shared/turn-contracts.ts';
import { useTurnsFixture } from './turns-test-fixture.ts';

describe('add-ons tied to a service in the catalog', () => {
  const fixture = useTurnsFixture();

  async function setupWithShampoo() {
    const setup = await fixture.setupProperty();
    const staffService = (body: Record<string, unknown>) =>
      fixture.call(fixture.staffCookie, 'POST', `/api/staff/accounts/${setup.property.id}/services`, {
        providerCategory: 'rent_ready',
        defaultDayOffset: 2,
        ...body,
      });
    const created = await staffService({
      name: 'Heavy shampoo',
      code: `SHAMPOO_${Date.now()}`,
      kind: 'add_on',
      parentServiceId: setup.clean.id,
    });
    expect(created.statusCode, created.body).toBe(201);
    const shampoo = created.json() as Service;
    await fixture.deps.catalog.pricing.setFloorplanPrices(
      setup.floorplan.id,
      [
        { serviceId: setup.paint.id, priceCents: 15000 },
        { serviceId: setup.clean.id, priceCents: 18000 },
        { serviceId: setup.primer.id, priceCents: 7500 },
        { serviceId: shampoo.id, priceCents: 6500 },
      ],
      systemActor,
    );
    return { ...setup, shampoo };
  }

  it('staff tie an add-on to a standard service; never to an add-on or to itself', async () => {
    const setup = await setupWithShampoo();
    expect(setup.shampoo.parentServiceId).toBe(setup.clean.id);
    const update = (body: Record<string, unknown>) =>
      fixture.call(fixture.staffCookie, 'PUT', `/api/staff/services/${setup.shampoo.id}`, {
        name: 'Heavy shampoo',
        code: setup.shampoo.code,
        providerCategory: 'rent_ready',
        kind: 'add_on',
        defaultDayOffset: 2,
        ...body,
      });
    const toAddOn = await update({ parentServiceId: setup.primer.id });
    expect(toAddOn.statusCode).toBe(400);
    expect(toAddOn.json().error.fields).toEqual([
      { path: 'parentServiceId', message: 'Choose a standard service this add-on goes with' },
    ]);
    const untied = await update({ parentServiceId: null });
    expect(untied.statusCode, untied.body).toBe(200);
    expect((untied.json() as Service).parentServiceId).toBeNull();
    // A standard service has no parent, whatever is sent.
    const standard = await update({ kind: 'standard', parentServiceId: setup.paint.id });
    expect((standard.json() as Service).parentServiceId).toBeNull();
  });

  it('the New turn preview says which service an add-on goes with; ordering or requesting it with another fails', async () => {
    const setup = await setupWithShampoo();
    const preview = await fixture.call(
      setup.cookie,
      'POST',
      `/api/portal/properties/${setup.property.id}/turns/preview`,
      {
        floorplanId: setup.floorplan.id,
        moveOutDate: '2026-06-20',
        moveInDate: '2026-07-01',
      },
    );
    expect(preview.statusCode, preview.body).toBe(200);
    const addOns = (preview.json() as TurnPreview).addOns.map((addOn) => [addOn.name, addOn.parentServiceId]);
    expect(addOns).toEqual(
      expect.arrayContaining([
        ['Primer', null],
        ['Heavy shampoo', setup.clean.id],
      ]),
    );

    const withPaint = await fixture.call(setup.cookie, 'POST', `/api/portal/properties/${setup.property.id}/turns`, {
      unitId: setup.unit.id,
      moveOutDate: '2026-06-20',
      moveInDate: '2026-07-01',
      lines: [{ serviceId: setup.paint.id, addOnServiceIds: [setup.shampoo.id] }],
    });
    expect(withPaint.statusCode).toBe(400);
    expect(withPaint.json().error.fields).toEqual([
      { path: 'lines.0.addOnServiceIds', message: 'Heavy shampoo is not offered with Paint' },
    ]);

    const turn = await fixture.orderTurn(setup, {
      lines: [
        { serviceId: setup.paint.id, addOnServiceIds: [setup.primer.id] },
        { serviceId: setup.clean.id, addOnServiceIds: [setup.shampoo.id] },
      ],
    });
    expect(turn.lines.map((line) => [line.name, line.addOns.map((addOn) => addOn.name)])).toEqual([
      ['Paint', ['Primer']],
      ['Clean', ['Heavy shampoo']],
    ]);

    const paintLine = turn.lines[0]!;
    const relayed = await fixture.call(
      fixture.staffCookie,
      'POST',
      `/api/staff/service-lines/${paintLine.id}/add-ons`,
      { serviceId: setup.shampoo.id, reason: 'Stained carpet' },
    );
    expect(relayed.statusCode).toBe(400);
    expect(relayed.json().error.fields).toEqual([
      { path: 'serviceId', message: 'Choose an add-on offered with Paint for this floorplan' },
    ]);
    const options = await fixture.deps.turns.field.addOnOptions({ kind: 'staff' }, paintLine.id);
    expect(options.map((option) => option.name)).toEqual(['Primer']);
  });
});
