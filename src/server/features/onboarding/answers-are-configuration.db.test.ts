import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../actor.ts';
import type { Turn } from '../../../shared/turn-contracts.ts';
import { createContact, createStaffMember, signInStaff } from '../../../../test/factories.ts';
import { buildCustomerWorld, type CustomerWorld } from '../../../../test/security/customer-world.ts';
import { createTestApp, type TestApp } from '../../../../test/test-app.ts';

// Each answer is given through the onboard API, then the rest of the product is shown to obey it.
describe('onboard answers configure the account', () => {
  let t: TestApp;
  let psm: string;

  beforeAll(async () => {
    t = await createTestApp();
    psm = await signInStaff(t.app, await createStaffMember(t.deps, { name: 'Riley Park', role: 'psm' }));
  });
  afterAll(() => t.close());

  const as = (cookie: string, method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

  /** A signed-in portal contact with a turn, the add-on staff requested for it out of the way. */
  async function world() {
    const built = await buildCustomerWorld(t, psm, 'Config');
    await t.deps.turns.addOns.declineAddOn({ kind: 'staff' }, built.params.addOnId!, null, systemActor);
    const accountId = built.params.accountId!;
    const portalContactId = built.identifiers[3]!;
    const base = `/api/staff/accounts/${accountId}/onboarding-session`;
    const answer = async (key: string, value: unknown) => {
      const session = (await as(psm, 'GET', base)).json();
      const { version } = session.answers.find((candidate: { key: string }) => candidate.key === key);
      const saved = await as(psm, 'PUT', `${base}/answers/${key}`, { value, expectedVersion: version });
      expect(saved.statusCode, saved.body).toBe(200);
    };
    return { built, accountId, portalContactId, answer };
  }

  const staffRequest = (built: CustomerWorld) =>
    as(psm, 'POST', `/api/staff/service-lines/${built.params.serviceLineId}/add-ons`, {
      serviceId: built.serviceIds[1],
      reason: 'Stains bleed through',
    });

  const proRequest = (built: CustomerWorld) =>
    t.app.inject({
      method: 'POST',
      url: `/api/pro/service-lines/${built.params.serviceLineId}/add-ons`,
      headers: { cookie: built.proCookie },
      payload: { serviceId: built.serviceIds[1], note: 'Stains bleed through', photoIds: [] },
    });

  const pendingAddOn = async (built: CustomerWorld) =>
    (await t.deps.turns.orders.getTurn({ kind: 'staff' }, built.params.turnId!)).lines[0]!.addOns.find(
      (addOn) => addOn.status === 'pending',
    )!;

  it('who may change the schedule: without it a portal user orders and views, gets 403 on changes, and is told so', async () => {
    const { built, accountId, portalContactId, answer } = await world();
    const primary = await createContact(t.deps, { accountIds: [accountId], firstName: 'Sam' });
    await answer('primaryContact', primary.id);
    await answer('scheduleChangers', []);

    const session = await as(built.cookie, 'GET', '/api/portal/session');
    expect(session.json()).toMatchObject({ mayChangeSchedule: false });
    const turnUrl = `/api/portal/turns/${built.params.turnId}`;
    expect((await as(built.cookie, 'GET', turnUrl)).statusCode).toBe(200);
    const refused = [
      await as(built.cookie, 'PUT', `/api/portal/service-lines/${built.params.serviceLineId}/date`, {
        scheduledDate: '2026-06-27',
      }),
      await as(built.cookie, 'DELETE', `/api/portal/service-lines/${built.params.serviceLineId}`),
      await as(built.cookie, 'POST', `${turnUrl}/cancel`, { reason: null }),
    ];
    for (const response of refused) {
      expect(response.statusCode).toBe(403);
      expect(response.json().error.message).toContain('schedule permission');
    }
    const ordered = await as(built.cookie, 'POST', `/api/portal/properties/${accountId}/turns`, {
      unitId: built.unitId,
      moveOutDate: '2026-08-01',
      moveInDate: '2026-08-10',
      notes: null,
      lines: [{ serviceId: built.serviceIds[0] }],
    });
    expect(ordered.statusCode, ordered.body).toBe(201);

    // The primary contact always may; naming the portal user gives them the permission.
    expect(await t.deps.customers.contacts.mayChangeSchedule(primary.id)).toBe(true);
    await answer('scheduleChangers', [portalContactId]);
    expect((await as(built.cookie, 'GET', '/api/portal/session')).json()).toMatchObject({ mayChangeSchedule: true });
    expect((await as(built.cookie, 'POST', `${turnUrl}/cancel`, { reason: null })).statusCode).toBe(200);
  });

  it('photos required: staff and pro requests without a photo are refused with a clear error', async () => {
    const { built, answer } = await world();
    await answer('addonPhotosRequired', true);
    const staff = await staffRequest(built);
    expect(staff.statusCode).toBe(400);
    expect(staff.json().error.fields[0]).toMatchObject({
      path: 'photoIds',
      message: expect.stringContaining('needs a photo with every add-on request'),
    });
    const pro = await proRequest(built);
    expect(pro.statusCode).toBe(400);
    expect(pro.json().error.fields[0].path).toBe('photoIds');
    expect(await pendingAddOn(built)).toBeUndefined();

    await answer('addonPhotosRequired', false);
    expect((await staffRequest(built)).statusCode).toBe(201);
  });

  it('a pro may not request directly: the pro’s request waits for staff, not the customer', async () => {
    const { built, answer } = await world();
    await answer('proRequestsDirect', false);
    expect((await proRequest(built)).statusCode).toBe(204);
    expect(await pendingAddOn(built)).toMatchObject({ approver: 'staff', requestedBy: 'pro' });
    const customerApproves = await as(
      built.cookie,
      'POST',
      `/api/portal/add-ons/${(await pendingAddOn(built)).id}/approve`,
      {},
    );
    expect(customerApproves.statusCode).toBe(409);
  });

  it('the approver’s preferred method decides how the approval request reaches them', async () => {
    const { built, accountId, answer } = await world();
    const approver = await createContact(t.deps, { accountIds: [accountId], firstName: 'Lee', phone: '+15125550123' });
    await answer('addonApprover', approver.id);
    const messagesOf = async (turn: Turn) => {
      const addOn = turn.lines[0]!.addOns.find((candidate) => candidate.status === 'pending')!;
      const rows = await t.deps.db
        .selectFrom('outboxMessages')
        .select(['kind', 'recipientsJson'])
        .where('dedupeKey', 'like', `%:${addOn.id}`)
        .execute();
      await t.deps.turns.addOns.declineAddOn({ kind: 'staff' }, addOn.id, null, systemActor);
      return sorted(rows.map((row) => [row.kind, JSON.parse(row.recipientsJson)]));
    };
    const sorted = (messages: unknown[][]) => messages.map((message) => JSON.stringify(message)).sort();
    const backupText = ['add_on_approval_requested_sms', ['+15125550199']];

    await answer('approvalCommunication', 'sms');
    expect(await messagesOf((await staffRequest(built)).json())).toEqual(
      sorted([['add_on_approval_requested_sms', ['+15125550123']], backupText]),
    );
    // A phone call: staff ring the approver, nothing automatic goes to them.
    await answer('approvalCommunication', 'phone_call');
    expect(await messagesOf((await staffRequest(built)).json())).toEqual(sorted([backupText]));
    await answer('approvalCommunication', 'email');
    expect(await messagesOf((await staffRequest(built)).json())).toEqual(
      sorted([['add_on_approval_requested', approver.emails], backupText]),
    );
  });
});
