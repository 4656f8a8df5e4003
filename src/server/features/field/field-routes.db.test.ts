import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../actor.ts';
import type { Turn } from '../../../shared/turn-contracts.ts';
import { createStaffMember, signInStaff } from '../../../../test/factories.ts';
import { buildCustomerWorld, type CustomerWorld } from '../../../../test/security/customer-world.ts';
import { createTestApp, type TestApp } from '../../../../test/test-app.ts';
import { jpegWithGps } from '../../../../test/test-images.ts';

let t: TestApp;
let staffCookie: string;

beforeAll(async () => {
  t = await createTestApp();
  staffCookie = await signInStaff(t.app, await createStaffMember(t.deps, { role: 'psm' }));
});
afterAll(() => t.close());

/** A customer world whose service waits for the pro, with the staff-requested add-on out of the way. */
async function freshWorld(policy: { addonPhotosRequired: boolean; proRequestsDirect: boolean }) {
  const world = await buildCustomerWorld(t, staffCookie, 'Field');
  await t.deps.turns.addOns.declineAddOn({ kind: 'staff' }, world.params.addOnId!, null, systemActor);
  const profile = await t.deps.catalog.serviceProfiles.getServiceProfile(world.params.accountId!);
  await t.deps.catalog.serviceProfiles.updateServiceProfile(
    world.params.accountId!,
    { ...profile, ...policy },
    systemActor,
  );
  return world;
}

const pro = (world: CustomerWorld, method: 'GET' | 'POST', url: string, payload?: object | Buffer) =>
  t.app.inject({
    method,
    url,
    headers: {
      cookie: world.proCookie,
      ...(Buffer.isBuffer(payload) ? { 'content-type': 'image/jpeg' } : {}),
    },
    ...(payload ? { payload } : {}),
  });

async function uploadAddOnPhoto(world: CustomerWorld) {
  const response = await pro(
    world,
    'POST',
    `/api/pro/service-lines/${world.params.serviceLineId}/photos?purpose=add_on`,
    await jpegWithGps({ width: 800, height: 600 }),
  );
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
}

const requestAddOn = (world: CustomerWorld, photoIds: string[], serviceId = world.serviceIds[1]) =>
  pro(world, 'POST', `/api/pro/service-lines/${world.params.serviceLineId}/add-ons`, {
    serviceId,
    note: 'Smoke stains on the ceiling',
    photoIds,
  });

async function turnOf(world: CustomerWorld): Promise<Turn> {
  return t.deps.turns.orders.getTurn({ kind: 'staff' }, world.params.turnId!);
}

describe('add-on requests from the field', () => {
  it('needs a photo when the account asks for one, then goes to the customer with the photo', async () => {
    const world = await freshWorld({ addonPhotosRequired: true, proRequestsDirect: true });
    const refused = await requestAddOn(world, []);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields[0].path).toBe('photoIds');

    const photoId = await uploadAddOnPhoto(world);
    expect((await requestAddOn(world, [photoId])).statusCode).toBe(204);
    const addOn = (await turnOf(world)).lines[0]!.addOns.find((candidate) => candidate.status === 'pending')!;
    expect(addOn).toMatchObject({ approver: 'customer', requestedBy: 'pro', reason: 'Smoke stains on the ceiling' });

    const photos = await t.app.inject({
      method: 'GET',
      url: `/api/portal/turns/${world.params.turnId}/photos`,
      headers: { cookie: world.cookie },
    });
    expect(photos.json().items).toContainEqual(expect.objectContaining({ id: photoId, addOnId: addOn.id }));
    const image = await t.app.inject({
      method: 'GET',
      url: `/api/portal/photos/${photoId}`,
      headers: { cookie: world.cookie },
    });
    expect(image.headers['content-type']).toBe('image/jpeg');
    expect(image.rawPayload.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
  });

  it('goes to staff first under "official channels", whatever the approval method says', async () => {
    const world = await freshWorld({ addonPhotosRequired: false, proRequestsDirect: false });
    expect((await requestAddOn(world, [])).statusCode).toBe(204);
    const addOn = (await turnOf(world)).lines[0]!.addOns.find((candidate) => candidate.status === 'pending')!;
    expect(addOn.approver).toBe('staff');
    const approval = await t.app.inject({
      method: 'POST',
      url: `/api/portal/add-ons/${addOn.id}/approve`,
      headers: { cookie: world.cookie },
      payload: {},
    });
    expect(approval.statusCode).toBe(409);
  });

  it('refuses bad input clearly and stores nothing', async () => {
    const world = await freshWorld({ addonPhotosRequired: false, proRequestsDirect: true });
    const count = async () =>
      Number(
        (
          await t.deps.db
            .selectFrom('photos')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirst()
        )?.n,
      );
    const before = await count();
    const notAnImage = await pro(
      world,
      'POST',
      `/api/pro/service-lines/${world.params.serviceLineId}/photos?purpose=before`,
      Buffer.from('%PDF-1.4 not a photo at all, whatever the header says'),
    );
    expect(notAnImage.statusCode).toBe(400);
    expect(notAnImage.json().error.message).toMatch(/not a photo/);
    expect(await count()).toBe(before);

    const offList = await requestAddOn(world, [], world.serviceIds[0]);
    expect(offList.statusCode).toBe(400);

    await t.deps.db
      .updateTable('turns')
      .set({ canceledAt: t.clock.now().toISOString() })
      .where('id', '=', world.params.turnId!)
      .execute();
    expect((await requestAddOn(world, [])).statusCode).toBe(409);
    const photo = await pro(
      world,
      'POST',
      `/api/pro/service-lines/${world.params.serviceLineId}/photos?purpose=before`,
      await jpegWithGps({ width: 100, height: 80 }),
    );
    expect(photo.statusCode).toBe(409);
    expect(await count()).toBe(before);
  });
});

describe('the rework loop', () => {
  it('a completed service, a reported issue with a photo, a punch-back line counted against the pro', async () => {
    const world = await freshWorld({ addonPhotosRequired: false, proRequestsDirect: true });
    const line = world.params.serviceLineId!;
    expect((await pro(world, 'POST', `/api/pro/service-lines/${line}/complete`, {})).statusCode).toBe(409);
    expect((await pro(world, 'POST', `/api/pro/service-lines/${line}/start`, {})).statusCode).toBe(204);
    expect((await pro(world, 'POST', `/api/pro/service-lines/${line}/complete`, {})).statusCode).toBe(204);
    expect((await turnOf(world)).lines[0]!.status).toBe('completed');

    const uploaded = await t.app.inject({
      method: 'POST',
      url: `/api/portal/service-lines/${line}/photos`,
      headers: { cookie: world.cookie, 'content-type': 'image/jpeg' },
      payload: await jpegWithGps({ width: 640, height: 480 }),
    });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const reported = await t.app.inject({
      method: 'POST',
      url: `/api/portal/service-lines/${line}/issues`,
      headers: { cookie: world.cookie },
      payload: { note: 'Paint peeling by the window', photoIds: [uploaded.json().id] },
    });
    expect(reported.statusCode, reported.body).toBe(201);

    const desk = await t.app.inject({
      method: 'GET',
      url: '/api/staff/rework-requests?status=open',
      headers: { cookie: staffCookie },
    });
    const request = desk.json().items.find((item: { id: string }) => item.id === reported.json().id);
    expect(request).toMatchObject({ note: 'Paint peeling by the window', photos: [expect.anything()] });

    const proId = (await t.deps.turns.field.findLine({ kind: 'staff' }, line)).line.assignedProId;
    const converted = await t.app.inject({
      method: 'POST',
      url: `/api/staff/rework-requests/${request.id}/rework-line`,
      headers: { cookie: staffCookie },
      payload: { proId, scheduledDate: '2026-06-28' },
    });
    expect(converted.statusCode, converted.body).toBe(201);
    const rework = converted
      .json()
      .turn.lines.find((candidate: { reworkOfServiceLineId: string | null }) =>
        Boolean(candidate.reworkOfServiceLineId),
      );
    expect(rework).toMatchObject({ reworkOfServiceLineId: line, priceCents: 0, status: 'scheduled' });

    const again = await t.app.inject({
      method: 'POST',
      url: `/api/staff/rework-requests/${request.id}/rework-line`,
      headers: { cookie: staffCookie },
      payload: { proId, scheduledDate: '2026-06-28' },
    });
    expect(again.statusCode).toBe(409);
    const summary = await t.app.inject({
      method: 'GET',
      url: `/api/staff/accounts/${world.params.accountId}/rework-summary`,
      headers: { cookie: staffCookie },
    });
    expect(summary.json().byPro).toEqual([expect.objectContaining({ proId, reworkCount: 1 })]);
    expect(summary.json().byService[0].reworkCount).toBe(1);
  });
});

describe('the pro page', () => {
  it('lists the signed-in pro’s own service, with what is needed on site', async () => {
    const world = await freshWorld({ addonPhotosRequired: false, proRequestsDirect: true });
    const response = await pro(world, 'GET', '/api/pro/assignments?from=2026-06-15&to=2026-07-14');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().items).toEqual([
      expect.objectContaining({
        serviceLineId: world.params.serviceLineId,
        turnId: world.params.turnId,
        turnNotes: 'Field notes',
        photos: [expect.objectContaining({ id: world.params.photoId })],
      }),
    ]);
  });
});

describe('dismissing a rework request', () => {
  it('closes it once, with the reason in the audit log, and it can no longer become a rework line', async () => {
    const world = await freshWorld({ addonPhotosRequired: false, proRequestsDirect: true });
    const line = world.params.serviceLineId!;
    await pro(world, 'POST', `/api/pro/service-lines/${line}/start`, {});
    await pro(world, 'POST', `/api/pro/service-lines/${line}/complete`, {});
    const reported = await t.app.inject({
      method: 'POST',
      url: `/api/portal/service-lines/${line}/issues`,
      headers: { cookie: world.cookie },
      payload: { note: 'A scuff by the door', photoIds: [] },
    });
    expect(reported.statusCode, reported.body).toBe(201);
    const url = `/api/staff/rework-requests/${reported.json().id}`;
    const staff = (method: 'POST', path: string, payload: object) =>
      t.app.inject({ method, url: `${url}${path}`, headers: { cookie: staffCookie }, payload });

    expect((await staff('POST', '/dismiss', { reason: ' ' })).statusCode).toBe(400);
    const dismissed = await staff('POST', '/dismiss', { reason: 'Already fixed at the walk-through' });
    expect(dismissed.statusCode, dismissed.body).toBe(200);
    expect(dismissed.json()).toEqual({ id: reported.json().id, status: 'dismissed' });
    expect((await staff('POST', '/dismiss', { reason: 'Again' })).statusCode).toBe(409);
    expect((await staff('POST', '/rework-line', { proId: null, scheduledDate: null })).statusCode).toBe(409);

    const audit = await t.deps.db
      .selectFrom('auditEvents')
      .select('afterJson')
      .where('action', '=', 'rework.dismissed')
      .where('subjectId', '=', reported.json().id)
      .execute();
    expect(audit.map((row) => JSON.parse(row.afterJson!))).toEqual([
      { status: 'dismissed', reason: 'Already fixed at the walk-through' },
    ]);
    const open = await t.app.inject({
      method: 'GET',
      url: '/api/staff/rework-requests?status=open',
      headers: { cookie: staffCookie },
    });
    expect(open.json().items.map((item: { id: string }) => item.id)).not.toContain(reported.json().id);
  });
});
