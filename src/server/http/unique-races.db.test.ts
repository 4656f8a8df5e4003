import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, createStaffMember, signInStaff, unique } from '../../../test/factories.ts';
import { portalAccessKit, STRONG_PASSWORD } from '../../../test/portal-access-kit.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';

let t: TestApp;
let staffCookie: string;
beforeAll(async () => {
  t = await createTestApp();
  staffCookie = await signInStaff(t.app, await createStaffMember(t.deps));
});
afterAll(() => t.close());
const { staffPost, customerWithAccess, latestLinkToken, redeem } = portalAccessKit(() => ({ t, staffCookie }));

const headers = () => ({ cookie: staffCookie, 'x-step-up-reason': 'Customer asked for help on the phone' });

/** Two requests for the same unique value at once: one wins, the other gets 409 on the field (never 500). */
async function expectOneWinner(requests: Array<Promise<{ statusCode: number; body: string }>>, field: string) {
  const responses = await Promise.all(requests);
  const [winner, loser] = [...responses].sort((left, right) => left.statusCode - right.statusCode);
  const bodies = responses.map((response) => `${response.statusCode} ${response.body}`).join('\n');
  expect(winner!.statusCode, bodies).toBeLessThan(300);
  expect(loser!.statusCode, bodies).toBe(409);
  const { error } = JSON.parse(loser!.body);
  expect(error.code).toBe('conflict');
  expect(error.fields).toEqual([{ path: field, message: expect.any(String) }]);
}

describe('two requests saving the same unique value at once', () => {
  it('unit number', async () => {
    const account = await createAccount(t.deps);
    const create = () =>
      t.app.inject({
        method: 'POST',
        url: `/api/staff/accounts/${account.id}/units`,
        headers: headers(),
        payload: { number: '101' },
      });
    await expectOneWinner([create(), create()], 'number');
  });

  it('service code', async () => {
    const code = unique('C').replaceAll('-', '_').toUpperCase();
    const create = (name: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/staff/services',
        headers: headers(),
        payload: { name, code, providerCategory: 'rent_ready', kind: 'standard', defaultDayOffset: 5 },
      });
    await expectOneWinner([create(unique('Paint')), create(unique('Paint'))], 'code');
  });

  it('portal email', async () => {
    const [first, second] = [await customerWithAccess(), await customerWithAccess()];
    const portalEmail = `${unique('shared')}@example.test`;
    await expectOneWinner(
      [first, second].map(({ contact }) =>
        staffPost(`/api/staff/contacts/${contact.id}/portal-access/grant`, { portalEmail }),
      ),
      'portalEmail',
    );
  });

  it('username set by staff', async () => {
    const [first, second] = [await customerWithAccess(), await customerWithAccess()];
    const username = unique('maria').replaceAll('-', '.');
    await expectOneWinner(
      [first, second].map(({ contact }) =>
        t.app.inject({
          method: 'PUT',
          url: `/api/staff/contacts/${contact.id}/portal-access/username`,
          headers: headers(),
          payload: { username },
        }),
      ),
      'username',
    );
  });

  it('username chosen from two credential links', async () => {
    const [first, second] = [await customerWithAccess(), await customerWithAccess()];
    const tokens = [
      await latestLinkToken(first.contact.id, 'credential_create'),
      await latestLinkToken(second.contact.id, 'credential_create'),
    ];
    const username = unique('maria').replaceAll('-', '.');
    await expectOneWinner(
      tokens.map((token) => redeem({ token, username, password: STRONG_PASSWORD })),
      'username',
    );
  });
});
