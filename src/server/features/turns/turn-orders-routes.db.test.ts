import { describe, expect, it } from 'vitest';
import { unique } from '../../../../test/factories.ts';
import { sessionCookie } from '../../../../test/test-app.ts';
import { systemActor } from '../../actor.ts';
import type { Turn } from '../../../shared/turn-contracts.ts';
import { useTurnsFixture } from './turns-test-fixture.ts';

describe('turn orders routes', () => {
  const fixture = useTurnsFixture();

  it('with a real portal sign-in: the customer orders at their property and gets 404 at another', async () => {
    const mine = await fixture.setupProperty();
    const theirs = await fixture.setupProperty();
    const foreign = await fixture.orderTurn(theirs);
    const email = mine.approver.emails[0]!;
    const granted = await fixture.call(
      fixture.staffCookie,
      'POST',
      `/api/staff/contacts/${mine.approver.id}/portal-access/grant`,
      {
        portalEmail: email,
        sendCredentialCreateEmail: true,
      },
    );
    expect(granted.statusCode, granted.body).toBe(200);
    const message = await fixture.deps.db
      .selectFrom('outboxMessages')
      .select('payloadJson')
      .where('contactId', '=', mine.approver.id)
      .where('kind', '=', 'credential_create')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const token = (JSON.parse(message.payloadJson!) as { link: string }).link.split('/').pop();
    const password = 'amber kettle river sunrise';
    const redeemed = await fixture.app.inject({
      method: 'POST',
      url: '/api/portal/links/redeem',
      payload: { token, username: unique('maria').replaceAll('-', '.'), password },
    });
    expect(redeemed.statusCode, redeemed.body).toBe(200);
    const cookie = sessionCookie(
      await fixture.app.inject({ method: 'POST', url: '/api/portal/session', payload: { login: email, password } }),
    );

    const own = await fixture.orderTurn({ ...mine, cookie });
    expect((await fixture.call(cookie, 'GET', `/api/portal/turns/${own.id}`)).statusCode).toBe(200);
    expect((await fixture.call(cookie, 'GET', `/api/portal/turns/${foreign.id}`)).statusCode).toBe(404);
    expect((await fixture.call(cookie, 'POST', `/api/portal/turns/${foreign.id}/cancel`, {})).statusCode).toBe(404);
    expect(
      (await fixture.call(cookie, 'GET', '/api/portal/properties')).json().items.map((item: { id: string }) => item.id),
    ).toEqual([mine.property.id]);
  });

  it('previews a turn for a floorplan: turn-profile services with back-scheduled dates, prices and add-ons', async () => {
    const setup = await fixture.setupProperty();
    const response = await fixture.call(
      setup.cookie,
      'POST',
      `/api/portal/properties/${setup.property.id}/turns/preview`,
      {
        floorplanId: setup.floorplan.id,
        moveOutDate: '2026-06-20',
        moveInDate: '2026-07-01',
      },
    );
    expect(response.statusCode, response.body).toBe(200);
    const preview = response.json();
    expect(preview.readyByDate).toBe('2026-06-30');
    const own = preview.services.filter((service: { serviceId: string }) =>
      [setup.paint.id, setup.clean.id, setup.walk.id].includes(service.serviceId),
    );
    expect(own).toEqual([
      {
        serviceId: setup.paint.id,
        name: 'Paint',
        providerCategory: 'rent_ready',
        priceCents: 15000,
        suggestedDate: '2026-06-26',
        inTurnProfile: true,
      },
      {
        serviceId: setup.clean.id,
        name: 'Clean',
        providerCategory: 'rent_ready',
        priceCents: 18000,
        suggestedDate: '2026-06-29',
        inTurnProfile: true,
      },
      {
        serviceId: setup.walk.id,
        name: 'Walk',
        providerCategory: 'in_house',
        priceCents: null,
        suggestedDate: '2026-06-30',
        inTurnProfile: false,
      },
    ]);
    expect(preview.addOns).toContainEqual({
      serviceId: setup.primer.id,
      name: 'Primer',
      providerCategory: 'rent_ready',
      priceCents: 7500,
      parentServiceId: null,
    });
    expect(
      await fixture.deps.db.selectFrom('turns').select('id').where('accountId', '=', setup.property.id).execute(),
    ).toEqual([]);
  });

  it('creates a turn: dates auto-populate from the move-in, prices are snapshotted, add-ons ordered are approved, the total adds up', async () => {
    const setup = await fixture.setupProperty();
    const turn = await fixture.orderTurn(setup, {
      lines: [
        { serviceId: setup.paint.id, addOnServiceIds: [setup.primer.id] },
        { serviceId: setup.clean.id, scheduledDate: '2026-06-28' },
      ],
    });
    expect(turn).toMatchObject({
      unitNumber: '101',
      floorplanName: '1 bed',
      readyByDate: '2026-06-30',
      status: 'pending',
      totalCents: 15000 + 7500 + 18000,
      poUnknown: false,
    });
    expect(
      turn.lines.map((line) => [line.name, line.scheduledDate, line.dateIsManual, line.priceCents, line.status]),
    ).toEqual([
      ['Paint', '2026-06-26', false, 15000, 'pending'],
      ['Clean', '2026-06-28', true, 18000, 'pending'],
    ]);
    expect(turn.lines[0]!.addOns).toMatchObject([
      { name: 'Primer', status: 'approved', priceCents: 7500, requestedBy: 'customer' },
    ]);

    // A later price change does not touch the order.
    await fixture.deps.catalog.pricing.setFloorplanPrices(
      setup.floorplan.id,
      [{ serviceId: setup.paint.id, priceCents: 99900 }],
      systemActor,
    );
    const again = (await fixture.call(setup.cookie, 'GET', `/api/portal/turns/${turn.id}`)).json() as Turn;
    expect(again.lines[0]!.priceCents).toBe(15000);

    const board = (
      await fixture.call(setup.cookie, 'GET', `/api/portal/properties/${setup.property.id}/turns?search=10`)
    ).json();
    expect(board.items.map((item: { id: string }) => item.id)).toEqual([turn.id]);
    expect(
      (
        await fixture.call(setup.cookie, 'GET', `/api/portal/properties/${setup.property.id}/turns?status=completed`)
      ).json().items,
    ).toEqual([]);
    const calendar = (
      await fixture.call(
        setup.cookie,
        'GET',
        `/api/portal/properties/${setup.property.id}/calendar?from=2026-06-01&to=2026-06-30`,
      )
    ).json();
    expect(
      calendar.items.map((item: { name: string; scheduledDate: string }) => `${item.scheduledDate} ${item.name}`),
    ).toEqual(['2026-06-26 Paint', '2026-06-28 Clean']);
    const home = (await fixture.call(setup.cookie, 'GET', '/api/portal/properties')).json();
    expect(home.items).toMatchObject([{ id: setup.property.id, openTurnCount: 1, pendingAddOnCount: 0 }]);
    expect(await fixture.auditActions(turn.id)).toEqual(['turn.created']);
  });

  it('refuses bad orders field by field', async () => {
    const setup = await fixture.setupProperty();
    const url = `/api/portal/properties/${setup.property.id}/turns`;
    const base = {
      unitId: setup.unit.id,
      moveOutDate: '2026-06-20',
      moveInDate: '2026-07-01',
      lines: [{ serviceId: setup.paint.id }],
    };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ moveInDate: '2026-06-20' }, 'moveInDate'],
      [{ lines: [{ serviceId: setup.paint.id, scheduledDate: '2026-06-19' }] }, 'lines.0.scheduledDate'],
      [{ lines: [{ serviceId: setup.primer.id }] }, 'lines.0.serviceId'],
      [{ lines: [{ serviceId: setup.paint.id }, { serviceId: setup.paint.id }] }, 'lines.1.serviceId'],
      [{ defaultPoNumber: 'PO-1', poUnknown: true }, 'defaultPoNumber'],
      [{ unitId: null, unitNumber: null }, 'unitNumber'],
    ];
    for (const [overrides, path] of cases) {
      const response = await fixture.call(setup.cookie, 'POST', url, { ...base, ...overrides });
      expect(response.statusCode, JSON.stringify(overrides)).toBe(400);
      expect(response.json().error.fields?.[0]?.path, JSON.stringify(overrides)).toBe(path);
    }
    // A unit not on file yet: its number and the floorplan are enough.
    const created = await fixture.call(setup.cookie, 'POST', url, {
      ...base,
      unitId: null,
      unitNumber: '999B',
      floorplanId: setup.floorplan.id,
    });
    expect(created.statusCode, created.body).toBe(201);
    // Units we have served: the number joins the property's units.
    const units = (await fixture.call(setup.cookie, 'GET', `/api/portal/properties/${setup.property.id}/units`)).json();
    const added = units.items.find((item: { number: string }) => item.number === '999B');
    expect(added).toMatchObject({ floorplanId: setup.floorplan.id });
    expect(created.json()).toMatchObject({ unitId: added.id, unitNumber: '999B' });
    // The board's unit search ignores case on both databases.
    const found = (
      await fixture.call(setup.cookie, 'GET', `/api/portal/properties/${setup.property.id}/turns?search=999b`)
    ).json();
    expect(found.items.map((item: { unitNumber: string }) => item.unitNumber)).toEqual(['999B']);
  });

  it('answers 404 for another account’s property, turn, service, floorplan and add-on', async () => {
    const mine = await fixture.setupProperty();
    const theirs = await fixture.setupProperty();
    const turn = await fixture.orderTurn(theirs);
    const requested = await fixture.call(
      fixture.staffCookie,
      'POST',
      `/api/staff/service-lines/${turn.lines[1]!.id}/add-ons`,
      {
        serviceId: theirs.primer.id,
        reason: 'Stains',
      },
    );
    const addOnId = (requested.json() as Turn).lines[1]!.addOns[0]!.id;
    const attempts: Array<[string, string, unknown?]> = [
      ['GET', `/api/portal/properties/${theirs.property.id}`],
      ['GET', `/api/portal/properties/${theirs.property.id}/turns`],
      ['GET', `/api/portal/properties/${theirs.property.id}/calendar?from=2026-06-01&to=2026-07-31`],
      ['GET', `/api/portal/properties/${theirs.property.id}/services`],
      ['GET', `/api/portal/properties/${theirs.property.id}/floorplans`],
      ['GET', `/api/portal/properties/${theirs.property.id}/units`],
      ['GET', `/api/portal/properties/${theirs.property.id}/users`],
      ['GET', `/api/portal/floorplans/${theirs.floorplan.id}/prices`],
      [
        'POST',
        `/api/portal/properties/${theirs.property.id}/turns/preview`,
        { floorplanId: theirs.floorplan.id, moveOutDate: '2026-06-20' },
      ],
      [
        'POST',
        `/api/portal/properties/${theirs.property.id}/turns`,
        { unitId: theirs.unit.id, moveOutDate: '2026-06-20', lines: [{ serviceId: theirs.paint.id }] },
      ],
      ['GET', `/api/portal/turns/${turn.id}`],
      ['PUT', `/api/portal/turns/${turn.id}`, { moveOutDate: '2026-06-20' }],
      ['POST', `/api/portal/turns/${turn.id}/cancel`, {}],
      ['PUT', `/api/portal/turns/${turn.id}/purchase-orders`, { defaultPoNumber: null, poUnknown: true }],
      ['PUT', `/api/portal/service-lines/${turn.lines[0]!.id}/date`, { scheduledDate: '2026-06-25' }],
      ['DELETE', `/api/portal/service-lines/${turn.lines[0]!.id}`],
      ['POST', `/api/portal/add-ons/${addOnId}/approve`, {}],
      ['POST', `/api/portal/add-ons/${addOnId}/decline`, {}],
    ];
    for (const [method, url, payload] of attempts) {
      const response = await fixture.call(mine.cookie, method as 'GET', url, payload);
      expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(404);
    }
    // Nothing changed on their side.
    const after = (await fixture.call(theirs.cookie, 'GET', `/api/portal/turns/${turn.id}`)).json() as Turn;
    expect(after).toMatchObject({ status: 'pending', canceledAt: null, poUnknown: false });
    expect(after.lines[1]!.addOns[0]!.status).toBe('pending');
  });
});
