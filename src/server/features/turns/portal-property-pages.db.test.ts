import { describe, expect, it } from 'vitest';
import { createAccount, unique } from '../../../../test/factories.ts';
import type { PortalPropertyList } from '../../../shared/turn-contracts.ts';
import { useTurnsFixture } from './turns-test-fixture.ts';

describe('portal home: properties paged in the database', () => {
  const fixture = useTurnsFixture();

  /** A management company and its properties named `<tag> 01`…, created out of name order. */
  async function company(numbers: number[]) {
    const tag = unique('Pg').replaceAll('-', ' ');
    const parent = await createAccount(fixture.deps, { kind: 'management_company', name: `${tag} Group` });
    const properties = [];
    for (const number of numbers) properties.push(await property(tag, number, parent.id));
    return { tag, parent, properties };
  }

  const property = (tag: string, number: number, parentAccountId: string) =>
    createAccount(fixture.deps, { name: `${tag} ${String(number).padStart(2, '0')}`, parentAccountId });

  async function page(cookie: string, query: Record<string, string> = {}) {
    const response = await fixture.call(cookie, 'GET', `/api/portal/properties?${new URLSearchParams(query)}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as PortalPropertyList;
  }

  async function walk(cookie: string, query: Record<string, string>, between?: (pageNumber: number) => Promise<void>) {
    const pages: PortalPropertyList[] = [];
    let cursor: string | null = null;
    do {
      pages.push(await page(cookie, { ...query, ...(cursor ? { cursor } : {}) }));
      cursor = pages.at(-1)!.nextCursor;
      if (cursor && between) await between(pages.length);
    } while (cursor);
    return pages;
  }

  it('walks every property exactly once by name, with its counts, even when one is added between pages', async () => {
    const { tag, parent, properties } = await company([5, 2, 7, 1, 4, 6, 3]);
    const busy = await fixture.setupProperty();
    const quiet = await fixture.setupProperty();
    for (const [setup, number] of [
      [busy, 8],
      [quiet, 9],
    ] as const) {
      await fixture.deps.db
        .updateTable('accounts')
        .set({ name: `${tag} ${String(number).padStart(2, '0')}`, parentAccountId: parent.id })
        .where('id', '=', setup.property.id)
        .execute();
    }
    await fixture.orderTurn(busy);
    await fixture.orderTurn(busy, { unitId: null, unitNumber: '102', floorplanId: busy.floorplan.id });
    const accountIds = [parent.id, ...properties.map((row) => row.id), busy.property.id, quiet.property.id];
    const contact = await fixture.signInCustomer(accountIds);

    const added: string[] = [];
    const pages = await walk(contact, { limit: '3' }, async (pageNumber) => {
      if (pageNumber !== 1) return;
      // One sorts before the cursor (next time round), one after it (this walk): neither shifts a page.
      for (const number of [0, 10]) {
        const late = await property(tag, number, parent.id);
        accountIds.push(late.id);
        added.push(late.name);
      }
    });

    const names = pages.flatMap((result) => result.items.map((item) => item.name));
    expect(names).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((number) => `${tag} ${String(number).padStart(2, '0')}`));
    expect(new Set(names).size).toBe(names.length);
    expect(pages.map((result) => result.items.length)).toEqual([3, 3, 3, 1]);
    expect(pages[0]!.total).toBe(9);
    expect(pages.at(-1)!.total).toBe(11);
    const counts = Object.fromEntries(
      pages.flatMap((result) => result.items.map((item) => [item.id, [item.openTurnCount, item.pendingAddOnCount]])),
    );
    expect(counts[busy.property.id]).toEqual([2, 0]);
    expect(counts[quiet.property.id]).toEqual([0, 0]);
    expect(counts[properties[0]!.id]).toEqual([0, 0]);

    const again = await walk(contact, { limit: '100' });
    expect(again).toHaveLength(1);
    expect(again[0]!.items.map((item) => item.name)).toEqual([`${tag} 00`, ...names]);
    expect(added).toEqual([`${tag} 00`, `${tag} 10`]);
    // The company is an account of the session but not a property card.
    expect(again[0]!.items.map((item) => item.id)).not.toContain(parent.id);
  });

  it('searches name, account number and city in any case, paged the same way', async () => {
    const { tag, parent, properties } = await company([1, 2, 3, 4]);
    await fixture.deps.db
      .updateTable('accounts')
      .set({ city: 'San Marcos' })
      .where('id', '=', properties[3]!.id)
      .execute();
    const contact = await fixture.signInCustomer([parent.id, ...properties.map((row) => row.id)]);

    const byName = await walk(contact, { search: `${tag.toUpperCase()} 0`, limit: '2' });
    expect(byName.flatMap((result) => result.items.map((item) => item.id))).toEqual(properties.map((row) => row.id));
    expect(byName[0]).toMatchObject({ total: 4 });

    const byNumber = await page(contact, { search: properties[1]!.accountNumber.toLowerCase() });
    expect(byNumber.items.map((item) => item.id)).toEqual([properties[1]!.id]);
    expect(byNumber).toMatchObject({ total: 1, nextCursor: null });

    const byCity = await page(contact, { search: 'san MARCOS' });
    expect(byCity.items.map((item) => item.id)).toEqual([properties[3]!.id]);

    // LIKE wildcards are text, not patterns.
    expect(await page(contact, { search: '%' })).toMatchObject({ total: 4 });
    expect(await page(contact, { search: 'no such place' })).toEqual({ items: [], nextCursor: null, total: 0 });
  });

  it('a second customer never sees the first one’s properties, by page, search or cursor', async () => {
    const first = await company([1, 2, 3]);
    const second = await company([1]);
    const firstContact = await fixture.signInCustomer([first.parent.id, ...first.properties.map((row) => row.id)]);
    const secondContact = await fixture.signInCustomer([second.properties[0]!.id]);

    const firstPage = await page(firstContact, { limit: '1' });
    expect(firstPage.nextCursor).not.toBeNull();
    const mine = await page(secondContact);
    expect(mine).toMatchObject({ total: 1, nextCursor: null });
    expect(mine.items.map((item) => item.id)).toEqual([second.properties[0]!.id]);
    expect(await page(secondContact, { search: first.tag })).toMatchObject({ items: [], total: 0 });
    // The first customer's cursor only says where to start; the second still sees only their own.
    const resumed = await page(secondContact, { cursor: firstPage.nextCursor! });
    expect(resumed.items.every((item) => item.id === second.properties[0]!.id)).toBe(true);
    for (const other of first.properties) {
      expect((await fixture.call(secondContact, 'GET', `/api/portal/properties/${other.id}`)).statusCode).toBe(404);
    }
  });

  it('refuses a forged cursor and a page over 100', async () => {
    const { cookie } = await fixture.setupProperty();
    const forged = await fixture.call(cookie, 'GET', '/api/portal/properties?cursor=not-a-cursor');
    expect(forged.statusCode).toBe(400);
    expect(forged.json().error).toMatchObject({ fields: [{ path: 'cursor' }] });
    expect((await fixture.call(cookie, 'GET', '/api/portal/properties?limit=101')).statusCode).toBe(400);
    expect((await page(cookie)).items).toHaveLength(1);
  });

  it('pages the accounts a customer sees, and lists only their companies when asked', async () => {
    const { parent, properties } = await company([1, 2, 3]);
    const contact = await fixture.signInCustomer([parent.id, ...properties.map((row) => row.id)]);
    const accounts = async (query: Record<string, string>) => {
      const response = await fixture.call(contact, 'GET', `/api/portal/accounts?${new URLSearchParams(query)}`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as { items: Array<{ id: string; kind: string }>; nextCursor: string | null };
    };
    const companies = await accounts({ kind: 'management_company' });
    expect(companies).toMatchObject({ items: [{ id: parent.id, kind: 'management_company' }], nextCursor: null });

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const result = await accounts({ limit: '2', ...(cursor ? { cursor } : {}) });
      expect(result.items.length).toBeLessThanOrEqual(2);
      seen.push(...result.items.map((item) => item.id));
      cursor = result.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual([parent.id, ...properties.map((row) => row.id)].sort());
  });
});
