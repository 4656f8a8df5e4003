import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, createContact, createStaffMember, signInStaff, unique } from '../../../../test/factories.ts';
import { FakeClock } from '../../../../test/fake-clock.ts';
import { createTestDatabase } from '../../../../test/test-database.ts';
import { systemActor } from '../../actor.ts';
import { buildApp } from '../../app.ts';
import { testConfig } from '../../config.ts';
import type { AddonApprovalMethod } from '../../db/schema/catalog.ts';
import { createDeps, type Deps } from '../../deps.ts';
import { sessionCookie } from '../../../../test/test-app.ts';
import type { CustomerPrincipal } from '../../http/access.ts';
import { newId } from '../../ids.ts';
import type { Turn } from '../../../shared/turn-contracts.ts';

/**
 * Most tests create a session row through the real session service and decide which accounts it may
 * see, so the scoping of every turns route is tested on its own; one test signs in through the real
 * portal login to prove the two fit together.
 */
describe('turns routes', () => {
  let app: FastifyInstance;
  let deps: Deps;
  let close: () => Promise<void>;
  let staffCookie: string;
  const principals = new Map<string, CustomerPrincipal>();

  beforeAll(async () => {
    const database = await createTestDatabase();
    const real = createDeps(testConfig(), { clock: new FakeClock(), database, logger: pino({ level: 'silent' }) });
    deps = {
      ...real,
      resolveCustomer: async (session) => principals.get(session.subjectId) ?? real.resolveCustomer(session),
    };
    app = await buildApp(deps, { serveWeb: false });
    await app.ready();
    close = async () => {
      await app.close();
      await database.close();
    };
    staffCookie = await signInStaff(app, await createStaffMember(deps, { role: 'psm' }));
  });
  afterAll(() => close());

  async function signInCustomer(accountIds: string[]): Promise<string> {
    const portalLoginId = newId();
    principals.set(portalLoginId, {
      portalLoginId,
      contactId: newId(),
      accountIds,
      impersonatorStaffId: null,
      mustChangePassword: false,
    });
    const { token } = await deps.sessions.create(deps.db, {
      kind: 'customer',
      subjectId: portalLoginId,
      ipAddress: null,
      userAgent: null,
    });
    return `portico_customer=${token}`;
  }

  const call = (cookie: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });

  const code = (prefix: string) => unique(prefix).replaceAll('-', '_');

  /** A property with two standard services, an in-house one, an add-on, a priced floorplan, a unit and a service profile. */
  async function setupProperty(options: { method?: AddonApprovalMethod; limitCents?: number | null } = {}) {
    const property = await createAccount(deps);
    const service = (
      name: string,
      offset: number,
      kind: 'standard' | 'add_on' = 'standard',
      providerCategory: 'rent_ready' | 'in_house' = 'rent_ready',
    ) =>
      deps.catalog.services.createAccountService(
        property.id,
        {
          name,
          code: code(name.slice(0, 4).toUpperCase()),
          providerCategory,
          kind,
          defaultDayOffset: offset,
          active: true,
        },
        systemActor,
      );
    const paint = await service('Paint', 5);
    const clean = await service('Clean', 2);
    const walk = await service('Walk', 1, 'standard', 'in_house');
    const primer = await service('Primer', 5, 'add_on');
    const floorplan = await deps.catalog.pricing.createFloorplan(
      property.id,
      { name: '1 bed', bedrooms: 1, bathrooms: 1, squareFeet: 700 },
      systemActor,
    );
    await deps.catalog.pricing.setFloorplanPrices(
      floorplan.id,
      [
        { serviceId: paint.id, priceCents: 15000 },
        { serviceId: clean.id, priceCents: 18000 },
        { serviceId: primer.id, priceCents: 7500 },
      ],
      systemActor,
    );
    const unit = await deps.catalog.units.createUnit(
      property.id,
      { number: '101', floorplanId: floorplan.id, notes: null },
      systemActor,
    );
    const approver = await createContact(deps, { accountIds: [property.id], firstName: 'Maria' });
    await deps.catalog.serviceProfiles.updateServiceProfile(
      property.id,
      {
        turnProfileAllServices: false,
        turnProfileServiceIds: [paint.id, clean.id],
        addonApprovalMethod: options.method ?? 'customer_approves',
        addonAutoApproveLimitCents: options.limitCents ?? null,
        backupNotificationPhone: '+15125550199',
        mainApproverContactId: approver.id,
      },
      systemActor,
    );
    const cookie = await signInCustomer([property.id]);
    return { property, paint, clean, walk, primer, floorplan, unit, approver, cookie };
  }

  async function orderTurn(setup: Awaited<ReturnType<typeof setupProperty>>, overrides: Record<string, unknown> = {}) {
    const response = await call(setup.cookie, 'POST', `/api/portal/properties/${setup.property.id}/turns`, {
      unitId: setup.unit.id,
      moveOutDate: '2026-06-20',
      moveInDate: '2026-07-01',
      notes: 'Pet odor in bedroom',
      lines: [{ serviceId: setup.paint.id, addOnServiceIds: [setup.primer.id] }, { serviceId: setup.clean.id }],
      ...overrides,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as Turn;
  }

  async function auditActions(subjectId: string) {
    return (
      await deps.db
        .selectFrom('auditEvents')
        .select('action')
        .where('subjectId', '=', subjectId)
        .orderBy('occurredAt')
        .orderBy('id')
        .execute()
    ).map((row) => row.action);
  }

  it('with a real portal sign-in: the customer orders at their property and gets 404 at another', async () => {
    const mine = await setupProperty();
    const theirs = await setupProperty();
    const foreign = await orderTurn(theirs);
    const email = mine.approver.emails[0]!;
    const granted = await call(staffCookie, 'POST', `/api/staff/contacts/${mine.approver.id}/portal-access/grant`, {
      portalEmail: email,
      sendCredentialCreateEmail: true,
    });
    expect(granted.statusCode, granted.body).toBe(200);
    const message = await deps.db
      .selectFrom('outboxMessages')
      .select('payloadJson')
      .where('contactId', '=', mine.approver.id)
      .where('kind', '=', 'credential_create')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const token = (JSON.parse(message.payloadJson!) as { link: string }).link.split('/').pop();
    const password = 'amber kettle river sunrise';
    const redeemed = await app.inject({
      method: 'POST',
      url: '/api/portal/links/redeem',
      payload: { token, username: unique('maria').replaceAll('-', '.'), password },
    });
    expect(redeemed.statusCode, redeemed.body).toBe(200);
    const cookie = sessionCookie(
      await app.inject({ method: 'POST', url: '/api/portal/session', payload: { login: email, password } }),
    );

    const own = await orderTurn({ ...mine, cookie });
    expect((await call(cookie, 'GET', `/api/portal/turns/${own.id}`)).statusCode).toBe(200);
    expect((await call(cookie, 'GET', `/api/portal/turns/${foreign.id}`)).statusCode).toBe(404);
    expect((await call(cookie, 'POST', `/api/portal/turns/${foreign.id}/cancel`, {})).statusCode).toBe(404);
    expect(
      (await call(cookie, 'GET', '/api/portal/properties')).json().items.map((item: { id: string }) => item.id),
    ).toEqual([mine.property.id]);
  });

  it('previews a turn for a floorplan: turn-profile services with back-scheduled dates, prices and add-ons', async () => {
    const setup = await setupProperty();
    const response = await call(setup.cookie, 'POST', `/api/portal/properties/${setup.property.id}/turns/preview`, {
      floorplanId: setup.floorplan.id,
      moveOutDate: '2026-06-20',
      moveInDate: '2026-07-01',
    });
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
    });
    expect(await deps.db.selectFrom('turns').select('id').where('accountId', '=', setup.property.id).execute()).toEqual(
      [],
    );
  });

  it('creates a turn: dates auto-populate from the move-in, prices are snapshotted, add-ons ordered are approved, the total adds up', async () => {
    const setup = await setupProperty();
    const turn = await orderTurn(setup, {
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
    await deps.catalog.pricing.setFloorplanPrices(
      setup.floorplan.id,
      [{ serviceId: setup.paint.id, priceCents: 99900 }],
      systemActor,
    );
    const again = (await call(setup.cookie, 'GET', `/api/portal/turns/${turn.id}`)).json() as Turn;
    expect(again.lines[0]!.priceCents).toBe(15000);

    const board = (
      await call(setup.cookie, 'GET', `/api/portal/properties/${setup.property.id}/turns?search=10`)
    ).json();
    expect(board.items.map((item: { id: string }) => item.id)).toEqual([turn.id]);
    expect(
      (await call(setup.cookie, 'GET', `/api/portal/properties/${setup.property.id}/turns?status=completed`)).json()
        .items,
    ).toEqual([]);
    const calendar = (
      await call(
        setup.cookie,
        'GET',
        `/api/portal/properties/${setup.property.id}/calendar?from=2026-06-01&to=2026-06-30`,
      )
    ).json();
    expect(
      calendar.items.map((item: { name: string; scheduledDate: string }) => `${item.scheduledDate} ${item.name}`),
    ).toEqual(['2026-06-26 Paint', '2026-06-28 Clean']);
    const home = (await call(setup.cookie, 'GET', '/api/portal/properties')).json();
    expect(home.items).toMatchObject([{ id: setup.property.id, openTurnCount: 1, pendingAddOnCount: 0 }]);
    expect(await auditActions(turn.id)).toEqual(['turn.created']);
  });

  it('refuses bad orders field by field', async () => {
    const setup = await setupProperty();
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
      const response = await call(setup.cookie, 'POST', url, { ...base, ...overrides });
      expect(response.statusCode, JSON.stringify(overrides)).toBe(400);
      expect(response.json().error.fields?.[0]?.path, JSON.stringify(overrides)).toBe(path);
    }
    // A unit not on file yet: its number and the floorplan are enough.
    const created = await call(setup.cookie, 'POST', url, {
      ...base,
      unitId: null,
      unitNumber: '999B',
      floorplanId: setup.floorplan.id,
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ unitId: null, unitNumber: '999B' });
    // The board's unit search ignores case on both databases.
    const found = (
      await call(setup.cookie, 'GET', `/api/portal/properties/${setup.property.id}/turns?search=999b`)
    ).json();
    expect(found.items.map((item: { unitNumber: string }) => item.unitNumber)).toEqual(['999B']);
  });

  it('a new move-in re-flows back-scheduled dates, keeps picked dates until the customer asks to re-flow', async () => {
    const setup = await setupProperty();
    const turn = await orderTurn(setup);
    const [paint, clean] = turn.lines;
    const picked = await call(setup.cookie, 'PUT', `/api/portal/service-lines/${clean!.id}/date`, {
      scheduledDate: '2026-06-27',
    });
    expect(picked.statusCode, picked.body).toBe(200);
    const moved = (
      await call(setup.cookie, 'PUT', `/api/portal/turns/${turn.id}`, {
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
      await call(setup.cookie, 'PUT', `/api/portal/turns/${turn.id}`, {
        moveOutDate: '2026-06-20',
        moveInDate: '2026-07-05',
        notes: null,
        reflowSchedule: true,
      })
    ).json() as Turn;
    expect(reflowed.lines.map((line) => line.scheduledDate)).toEqual(['2026-06-30', '2026-07-03']);
    expect(reflowed.offScheduleCount).toBe(0);
    expect(await auditActions(paint!.id)).toEqual([]);
    expect(await auditActions(clean!.id)).toEqual(['service_line.rescheduled']);
    expect(await auditActions(turn.id)).toEqual(['turn.created', 'turn.updated', 'turn.updated']);
  });

  it('sets a default PO, “I don’t know”, and per-service POs', async () => {
    const setup = await setupProperty();
    const turn = await orderTurn(setup, { poUnknown: true });
    expect(turn.poUnknown).toBe(true);
    const url = `/api/portal/turns/${turn.id}/purchase-orders`;
    const both = await call(setup.cookie, 'PUT', url, { defaultPoNumber: 'PO-7', poUnknown: true });
    expect(both.statusCode).toBe(400);
    const badFormat = await call(setup.cookie, 'PUT', url, { defaultPoNumber: 'PO 7 <script>', poUnknown: false });
    expect(badFormat.statusCode).toBe(400);
    const set = await call(setup.cookie, 'PUT', url, {
      defaultPoNumber: 'PO-7',
      poUnknown: false,
      lines: [{ serviceLineId: turn.lines[1]!.id, poNumber: 'PO-CLEAN-9' }],
    });
    expect(set.statusCode, set.body).toBe(200);
    expect((set.json() as Turn).lines.map((line) => [line.poNumber, line.effectivePoNumber])).toEqual([
      [null, 'PO-7'],
      ['PO-CLEAN-9', 'PO-CLEAN-9'],
    ]);
    const other = await setupProperty();
    const foreignLine = (await orderTurn(other)).lines[0]!.id;
    const refused = await call(setup.cookie, 'PUT', url, {
      defaultPoNumber: 'PO-7',
      poUnknown: false,
      lines: [{ serviceLineId: foreignLine, poNumber: 'X' }],
    });
    expect(refused.statusCode).toBe(400);
  });

  it('removes a service and cancels a whole turn; started work blocks cancelling', async () => {
    const setup = await setupProperty();
    const turn = await orderTurn(setup);
    const removed = (
      await call(setup.cookie, 'DELETE', `/api/portal/service-lines/${turn.lines[1]!.id}`)
    ).json() as Turn;
    expect(removed.lines.map((line) => line.status)).toEqual(['pending', 'canceled']);
    expect(removed.totalCents).toBe(15000 + 7500);
    const last = await call(setup.cookie, 'DELETE', `/api/portal/service-lines/${turn.lines[0]!.id}`);
    expect(last.statusCode).toBe(409);

    const canceled = await call(setup.cookie, 'POST', `/api/portal/turns/${turn.id}/cancel`, {
      reason: 'Resident renewed',
    });
    expect(canceled.statusCode, canceled.body).toBe(200);
    expect(canceled.json()).toMatchObject({ status: 'canceled', cancelReason: 'Resident renewed', totalCents: 0 });
    expect((await call(setup.cookie, 'POST', `/api/portal/turns/${turn.id}/cancel`, {})).statusCode).toBe(409);
    expect((await call(setup.cookie, 'GET', '/api/portal/properties')).json().items[0].openTurnCount).toBe(0);

    const started = await orderTurn(setup);
    await call(staffCookie, 'PUT', `/api/staff/service-lines/${started.lines[0]!.id}/status`, { status: 'scheduled' });
    const inProgress = await call(staffCookie, 'PUT', `/api/staff/service-lines/${started.lines[0]!.id}/status`, {
      status: 'in_progress',
    });
    expect(inProgress.json()).toMatchObject({ status: 'in_progress' });
    const blocked = await call(setup.cookie, 'POST', `/api/portal/turns/${started.id}/cancel`, {});
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error.message).toContain('Paint');
  });

  it('answers 404 for another account’s property, turn, service, floorplan and add-on', async () => {
    const mine = await setupProperty();
    const theirs = await setupProperty();
    const turn = await orderTurn(theirs);
    const requested = await call(staffCookie, 'POST', `/api/staff/service-lines/${turn.lines[1]!.id}/add-ons`, {
      serviceId: theirs.primer.id,
      reason: 'Stains',
    });
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
      const response = await call(mine.cookie, method as 'GET', url, payload);
      expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(404);
    }
    // Nothing changed on their side.
    const after = (await call(theirs.cookie, 'GET', `/api/portal/turns/${turn.id}`)).json() as Turn;
    expect(after).toMatchObject({ status: 'pending', canceledAt: null, poUnknown: false });
    expect(after.lines[1]!.addOns[0]!.status).toBe('pending');
  });

  it('customer-approved add-ons: pending for the customer, emailed to the main approver and texted to the backup phone; one pending per service', async () => {
    const setup = await setupProperty({ method: 'customer_approves' });
    const turn = await orderTurn(setup);
    const lineId = turn.lines[1]!.id;
    const requested = await call(staffCookie, 'POST', `/api/staff/service-lines/${lineId}/add-ons`, {
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

    const messages = await deps.db
      .selectFrom('outboxMessages')
      .select(['kind', 'recipientsJson', 'payloadJson'])
      .where('accountId', '=', setup.property.id)
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

    const second = await call(staffCookie, 'POST', `/api/staff/service-lines/${lineId}/add-ons`, {
      serviceId: setup.primer.id,
      reason: 'Again',
    });
    expect(second.statusCode).toBe(409);
    expect((await call(setup.cookie, 'GET', '/api/portal/properties')).json().items[0].pendingAddOnCount).toBe(1);

    const approved = await call(setup.cookie, 'POST', `/api/portal/add-ons/${addOn.id}/approve`, { note: 'Go ahead' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect((approved.json() as Turn).lines[1]!.addOns[0]).toMatchObject({
      status: 'approved',
      decisionNote: 'Go ahead',
    });
    expect((approved.json() as Turn).totalCents).toBe(turn.totalCents + 7500);
    expect((await call(setup.cookie, 'POST', `/api/portal/add-ons/${addOn.id}/decline`, {})).statusCode).toBe(409);
    expect(await auditActions(addOn.id)).toEqual(['add_on.requested', 'add_on.approved']);

    const next = await call(staffCookie, 'POST', `/api/staff/service-lines/${lineId}/add-ons`, {
      serviceId: setup.primer.id,
      reason: 'Second room',
    });
    expect(next.statusCode).toBe(201);
    const declined = await call(
      setup.cookie,
      'POST',
      `/api/portal/add-ons/${(next.json() as Turn).lines[1]!.addOns[1]!.id}/decline`,
      {},
    );
    expect((declined.json() as Turn).lines[1]!.addOns[1]!.status).toBe('declined');
  });

  it('staff-approved add-ons are decided by staff, not the customer', async () => {
    const setup = await setupProperty({ method: 'staff_approves' });
    const turn = await orderTurn(setup);
    const requested = (
      await call(staffCookie, 'POST', `/api/staff/service-lines/${turn.lines[1]!.id}/add-ons`, {
        serviceId: setup.primer.id,
        reason: 'Stains',
      })
    ).json() as Turn;
    const addOn = requested.lines[1]!.addOns[0]!;
    expect(addOn).toMatchObject({ status: 'pending', approver: 'staff' });
    expect(
      await deps.db.selectFrom('outboxMessages').select('id').where('accountId', '=', setup.property.id).execute(),
    ).toEqual([]);
    expect((await call(setup.cookie, 'POST', `/api/portal/add-ons/${addOn.id}/approve`, {})).statusCode).toBe(409);
    const approved = await call(staffCookie, 'POST', `/api/staff/add-ons/${addOn.id}/approve`, {});
    expect((approved.json() as Turn).lines[1]!.addOns[0]!.status).toBe('approved');
  });

  it('auto-approves add-ons under the limit and asks the customer at or over it', async () => {
    const under = await setupProperty({ method: 'auto_approve_under_limit', limitCents: 10000 });
    const turn = await orderTurn(under);
    const approved = (
      await call(staffCookie, 'POST', `/api/staff/service-lines/${turn.lines[1]!.id}/add-ons`, {
        serviceId: under.primer.id,
        reason: 'Stains',
      })
    ).json() as Turn;
    expect(approved.lines[1]!.addOns[0]).toMatchObject({
      status: 'approved',
      decisionNote: expect.stringContaining('automatically'),
    });

    const over = await setupProperty({ method: 'auto_approve_under_limit', limitCents: 7500 });
    const overTurn = await orderTurn(over);
    const pending = (
      await call(staffCookie, 'POST', `/api/staff/service-lines/${overTurn.lines[1]!.id}/add-ons`, {
        serviceId: over.primer.id,
        reason: 'Stains',
      })
    ).json() as Turn;
    expect(pending.lines[1]!.addOns[0]).toMatchObject({ status: 'pending', approver: 'customer' });
  });

  it('staff see an account’s turns and move services through their statuses', async () => {
    const setup = await setupProperty();
    const turn = await orderTurn(setup);
    const list = await call(staffCookie, 'GET', `/api/staff/accounts/${setup.property.id}/turns`);
    expect(list.json().items.map((item: { id: string }) => item.id)).toEqual([turn.id]);
    const [paint, clean] = turn.lines;
    for (const status of ['scheduled', 'in_progress', 'completed']) {
      expect(
        (await call(staffCookie, 'PUT', `/api/staff/service-lines/${paint!.id}/status`, { status })).statusCode,
      ).toBe(200);
    }
    await call(staffCookie, 'PUT', `/api/staff/service-lines/${clean!.id}/status`, { status: 'scheduled' });
    const back = await call(staffCookie, 'PUT', `/api/staff/service-lines/${paint!.id}/status`, {
      status: 'scheduled',
    });
    expect(back.statusCode).toBe(409);
    expect((await call(staffCookie, 'GET', `/api/staff/turns/${turn.id}`)).json()).toMatchObject({
      status: 'in_progress',
    });
    await call(staffCookie, 'PUT', `/api/staff/service-lines/${clean!.id}/status`, { status: 'completed' });
    expect((await call(setup.cookie, 'GET', `/api/portal/turns/${turn.id}`)).json()).toMatchObject({
      status: 'completed',
    });
    expect(await auditActions(paint!.id)).toEqual([
      'service_line.status_set',
      'service_line.status_set',
      'service_line.status_set',
    ]);
    expect((await call(setup.cookie, 'GET', `/api/staff/accounts/${setup.property.id}/turns`)).statusCode).toBe(401);
  });

  it('property settings: custom services in the property’s order, floorplan pricelist, units, users and address', async () => {
    const setup = await setupProperty();
    const base = `/api/portal/properties/${setup.property.id}`;
    const custom = await call(setup.cookie, 'POST', `${base}/services`, {
      name: 'Blinds',
      providerCategory: 'other_vendor',
      defaultDayOffset: 3,
    });
    expect(custom.statusCode, custom.body).toBe(201);
    const order = await call(setup.cookie, 'PUT', `${base}/services/order`, {
      serviceIds: [custom.json().id, setup.clean.id],
    });
    expect(
      order
        .json()
        .items.slice(0, 2)
        .map((item: { name: string }) => item.name),
    ).toEqual(['Blinds', 'Clean']);
    const pricelist = (await call(setup.cookie, 'GET', `/api/portal/floorplans/${setup.floorplan.id}/prices`)).json();
    expect(pricelist.items.find((item: { id: string }) => item.id === setup.paint.id).priceCents).toBe(15000);
    expect((await call(setup.cookie, 'GET', `${base}/units`)).json().items).toMatchObject([
      { number: '101', floorplanName: '1 bed' },
    ]);
    expect((await call(setup.cookie, 'GET', `${base}/users`)).json().items).toEqual([]);
    await deps.portalAccess.staffAccess.grantAccess({
      contactId: setup.approver.id,
      portalEmail: setup.approver.emails[0]!,
      sendCredentialCreateEmail: false,
      actor: systemActor,
    });
    expect((await call(setup.cookie, 'GET', `${base}/users`)).json().items).toEqual([
      {
        contactId: setup.approver.id,
        name: `Maria ${setup.approver.lastName}`,
        title: 'Community Manager',
        emails: setup.approver.emails,
        isMainApprover: true,
      },
    ]);
    const address = await call(setup.cookie, 'PUT', `${base}/address`, {
      addressLine1: '5 Harbor Way',
      city: 'Austin',
      region: 'TX',
      postalCode: '78702',
    });
    expect(address.json()).toMatchObject({ addressLine1: '5 Harbor Way', addressLine2: null, postalCode: '78702' });
    expect(await auditActions(setup.property.id)).toContain('account.address_updated');
  });
});
