import { describe, expect, it } from 'vitest';
import { createAccount, createContact, unique } from '../../../../test/factories.ts';
import { sessionCookie } from '../../../../test/test-app.ts';
import type { PortalPropertyList, TurnList } from '../../../shared/turn-contracts.ts';
import { newId } from '../../ids.ts';
import { hashPassword } from '../../security/passwords.ts';
import { useTurnsFixture } from './turns-test-fixture.ts';

describe('a management company’s turn reads', () => {
  const fixture = useTurnsFixture();

  /** A management company with properties filed under it (each with its customer and floorplan). */
  async function companyWith(count: number) {
    const company = await createAccount(fixture.deps, { kind: 'management_company' });
    const properties = [];
    for (let index = 0; index < count; index++) {
      const setup = await fixture.setupProperty();
      await fileUnder(setup.property.id, company.id);
      properties.push(setup);
    }
    return { company, properties };
  }
  const fileUnder = (propertyId: string, companyId: string) =>
    fixture.deps.db.updateTable('accounts').set({ parentAccountId: companyId }).where('id', '=', propertyId).execute();
  type PropertySetup = Awaited<ReturnType<typeof fixture.setupProperty>>;
  const order = (setup: PropertySetup, unitNumber: string, moveInDate: string) =>
    fixture.orderTurn(setup, { unitId: null, unitNumber, floorplanId: setup.floorplan.id, moveInDate });
  /** One page of a company's staff Turns tab. */
  async function turnsTab(companyId: string, query: Record<string, string> = {}) {
    const response = await fixture.call(
      fixture.staffCookie,
      'GET',
      `/api/staff/accounts/${companyId}/turns?${new URLSearchParams(query)}`,
    );
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as TurnList;
  }

  it('counts open work per property on portal home and pages the staff Turns tab across its properties', async () => {
    const {
      company,
      properties: [north, south],
    } = await companyWith(2);
    await order(north!, 'N1', '2026-07-02');
    await order(north!, 'N2', '2026-07-04');
    await order(south!, 'S1', '2026-07-03');
    const canceled = await order(south!, 'S2', '2026-07-05');
    expect(
      (await fixture.call(south!.cookie, 'POST', `/api/portal/turns/${canceled.id}/cancel`, {})).statusCode,
    ).toBeLessThan(300);

    const contact = await fixture.signInCustomer([north!.property.id, south!.property.id]);
    const home = (await fixture.call(contact, 'GET', '/api/portal/properties')).json() as {
      items: Array<{ id: string; openTurnCount: number; pendingAddOnCount: number }>;
    };
    const openTurns = Object.fromEntries(home.items.map((item) => [item.id, item.openTurnCount]));
    expect(openTurns).toEqual({ [north!.property.id]: 2, [south!.property.id]: 1 });
    expect(home.items.every((item) => item.pendingAddOnCount === 0)).toBe(true);

    const tab = (cursor?: string) => turnsTab(company.id, { limit: '2', ...(cursor ? { cursor } : {}) });
    const first = await tab();
    const second = await tab(first.nextCursor!);
    const units = [...first.items, ...second.items].map((turn) => turn.unitNumber);
    expect(new Set(units).size).toBe(units.length);
    expect(units.sort()).toEqual(['N1', 'N2', 'S1', 'S2']);
    expect(second.nextCursor).toBeNull();
  });

  it('pages the staff Turns tab of a company by cursor: a turn ordered meanwhile never shifts a page; old closed turns only when asked', async () => {
    const {
      company,
      properties: [north, south],
    } = await companyWith(2);
    await order(north!, 'N1', '2026-07-02');
    await order(south!, 'S1', '2026-07-03');
    await order(north!, 'N2', '2026-07-04');
    const canceled = await order(south!, 'S2', '2026-07-05');
    expect(
      (await fixture.call(south!.cookie, 'POST', `/api/portal/turns/${canceled.id}/cancel`, {})).statusCode,
    ).toBeLessThan(300);
    // Finished months ago: outside the window of recent closed turns.
    const old = await order(north!, 'N-old', '2026-07-06');
    await fixture.deps.db
      .updateTable('turns')
      .set({ status: 'completed', moveOutDate: '2026-02-20', moveInDate: '2026-03-01' })
      .where('id', '=', old.id)
      .execute();

    const tab = (cursor?: string, extra: Record<string, string> = {}) =>
      turnsTab(company.id, { limit: '2', ...extra, ...(cursor ? { cursor } : {}) });
    const first = await tab();
    expect(first.items.map((turn) => turn.unitNumber)).toEqual(['N1', 'S1']);
    // Ordered while staff read page one: one sorts before the cursor, one after it.
    await order(south!, 'S0', '2026-07-01');
    await order(north!, 'N3', '2026-07-07');
    const second = await tab(first.nextCursor!);
    const third = await tab(second.nextCursor!);
    expect([...second.items, ...third.items].map((turn) => turn.unitNumber)).toEqual(['N2', 'S2', 'N3']);
    expect(third.nextCursor).toBeNull();

    const everything: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await tab(cursor, { includeOlder: 'true' });
      everything.push(...page.items.map((turn) => turn.unitNumber));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(everything).toEqual(['N-old', 'S0', 'N1', 'S1', 'N2', 'S2', 'N3']);
    const column = async (status: string, extra: Record<string, string> = {}) =>
      (await tab(undefined, { status, ...extra })).items.map((turn) => turn.unitNumber);
    expect(await column('completed')).toEqual([]);
    expect(await column('completed', { includeOlder: 'true' })).toEqual(['N-old']);
    expect(await column('canceled')).toEqual(['S2']);
    expect(await column('pending')).toEqual(['S0', 'N1']);
  });

  it('moves a property’s turns with it when staff file it under another management company', async () => {
    const {
      company: before,
      properties: [setup],
    } = await companyWith(1);
    const after = await createAccount(fixture.deps, { kind: 'management_company' });
    const turn = await fixture.orderTurn(setup!, { moveInDate: '2026-07-02' });
    const tabOf = async (companyId: string) => (await turnsTab(companyId)).items.map((item) => item.id);
    expect(await tabOf(before.id)).toEqual([turn.id]);

    const property = (
      await fixture.call(fixture.staffCookie, 'GET', `/api/staff/accounts/${setup!.property.id}`)
    ).json() as { name: string; accountNumber: string };
    const moved = await fixture.call(fixture.staffCookie, 'PUT', `/api/staff/accounts/${setup!.property.id}`, {
      name: property.name,
      accountNumber: property.accountNumber,
      parentAccountId: after.id,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(await tabOf(after.id)).toEqual([turn.id]);
    expect(await tabOf(before.id)).toEqual([]);
    const desk = await fixture.call(fixture.staffCookie, 'GET', `/api/staff/desk/turns?view=all&companyId=${after.id}`);
    expect((desk.json() as { items: Array<{ id: string }> }).items.map((item) => item.id)).toEqual([turn.id]);
  });

  it('answers every read of a management company with 2,500 properties', async () => {
    const company = await createAccount(fixture.deps, { kind: 'management_company' });
    const now = fixture.deps.clock.now().toISOString();
    const bare = Array.from({ length: 2499 }, (_, index) => ({
      id: newId(),
      kind: 'property' as const,
      parentAccountId: company.id,
      name: `Big Co Property ${index}`,
      accountNumber: unique('BIG').toUpperCase(),
      status: 'current' as const,
      portalAccessEnabled: 1 as const,
      onboardingState: 'not_started' as const,
      createdAt: now,
      updatedAt: now,
    }));
    for (let start = 0; start < bare.length; start += 250)
      await fixture.deps.db
        .insertInto('accounts')
        .values(bare.slice(start, start + 250))
        .execute();
    const busy = await fixture.setupProperty();
    await fileUnder(busy.property.id, company.id);
    const turn = await fixture.orderTurn(busy, { moveInDate: '2026-07-02' });

    // A contact of the company signs in through the real portal login: its principal sees every property.
    const contact = await createContact(fixture.deps, { accountIds: [company.id] });
    const password = 'amber kettle river sunrise';
    await fixture.deps.db
      .insertInto('portalLogins')
      .values({
        id: newId(),
        contactId: contact.id,
        username: null,
        usernameNormalized: null,
        portalEmail: contact.emails[0]!,
        portalEmailNormalized: contact.emails[0]!,
        passwordHash: await hashPassword(password),
        passwordChangedAt: now,
        securityStamp: newId(),
        mustChangePassword: 0,
        temporaryPasswordExpiresAt: null,
        emailVerificationRequired: 0,
        emailVerifiedAt: null,
        enabled: 1,
        deactivatedAt: null,
        lastSignInAt: null,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    const signedIn = await fixture.app.inject({
      method: 'POST',
      url: '/api/portal/session',
      payload: { login: contact.emails[0], password },
    });
    expect(signedIn.statusCode, signedIn.body).toBe(200);
    const customer = sessionCookie(signedIn);

    // The home reads one page of cards, not 2,500; the search finds any of them with its counts.
    const home = await fixture.call(customer, 'GET', '/api/portal/properties');
    expect(home.statusCode, home.body.slice(0, 300)).toBe(200);
    expect(home.json()).toMatchObject({ total: 2500, nextCursor: expect.any(String) });
    expect((home.json() as PortalPropertyList).items).toHaveLength(24);
    const search = encodeURIComponent(busy.property.name);
    const found = (await fixture.call(customer, 'GET', `/api/portal/properties?search=${search}`)).json();
    expect(found).toMatchObject({ total: 1, items: [{ id: busy.property.id, openTurnCount: 1 }] });
    const companies = await fixture.call(customer, 'GET', '/api/portal/accounts?kind=management_company');
    expect(companies.json()).toMatchObject({ items: [{ id: company.id }], nextCursor: null });
    const board = await fixture.call(
      customer,
      'GET',
      `/api/portal/properties/${busy.property.id}/turns?status=pending`,
    );
    expect(board.statusCode, board.body.slice(0, 300)).toBe(200);

    expect((await turnsTab(company.id)).items.map((item) => item.id)).toEqual([turn.id]);
    const desk = await fixture.call(
      fixture.staffCookie,
      'GET',
      `/api/staff/desk/turns?view=all&companyId=${company.id}`,
    );
    expect(desk.statusCode, desk.body.slice(0, 300)).toBe(200);
    expect((desk.json() as { items: Array<{ id: string }> }).items.map((item) => item.id)).toEqual([turn.id]);
    const account = await fixture.call(fixture.staffCookie, 'GET', `/api/staff/accounts/${company.id}`);
    expect(account.statusCode, account.body.slice(0, 300)).toBe(200);
  });
});
