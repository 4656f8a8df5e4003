import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, expect } from 'vitest';
import { createAccount, createContact, createStaffMember, signInStaff, unique } from '../../../../test/factories.ts';
import { FakeClock } from '../../../../test/fake-clock.ts';
import { createTestDatabase } from '../../../../test/test-database.ts';
import { systemActor } from '../../actor.ts';
import { buildApp } from '../../app.ts';
import { testConfig } from '../../config.ts';
import type { AddonApprovalMethod } from '../../db/schema/catalog.ts';
import { createDeps, type Deps } from '../../deps.ts';
import type { CustomerPrincipal } from '../../http/access.ts';
import { newId } from '../../ids.ts';
import type { Turn } from '../../../shared/turn-contracts.ts';

/**
 * The app for the turns route tests. Most tests create a session row through the real session service
 * and decide which accounts it may see, so the scoping of every turns route is tested on its own; one
 * test signs in through the real portal login to prove the two fit together. Call it in a describe block.
 */
export function useTurnsFixture() {
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

  return {
    get app() {
      return app;
    },
    get deps() {
      return deps;
    },
    get staffCookie() {
      return staffCookie;
    },
    signInCustomer,
    call,
    setupProperty,
    orderTurn,
    auditActions,
  };
}
