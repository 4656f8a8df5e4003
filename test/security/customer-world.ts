import { expect } from 'vitest';
import { systemActor } from '../../src/server/actor.ts';
import type { Turn } from '../../src/shared/turn-contracts.ts';
import { createAccount, createContact, unique } from '../factories.ts';
import { createPro, signInPro } from '../pro-helpers.ts';
import { jpegWithGps } from '../test-images.ts';
import { sessionCookie, type TestApp } from '../test-app.ts';

/** One customer with something of every kind a portal route can address, signed in for real. */
export interface CustomerWorld {
  cookie: string;
  /** The pro assigned to this customer's service. */
  proCookie: string;
  /** A value for every path parameter a customer route may take, all belonging to this customer. */
  params: Record<string, string>;
  /** Strings that identify this customer's rows; none may appear in another customer's responses. */
  identifiers: string[];
  serviceIds: string[];
  unitId: string;
  floorplanId: string;
}

const PASSWORD = 'a long and private passphrase';

/**
 * Builds a property with catalog data, a contact who got in through the real access lifecycle
 * (grant → credential-create link → username and password → sign-in), a turn and a pending add-on.
 */
export async function buildCustomerWorld(testApp: TestApp, staffCookie: string, label: string): Promise<CustomerWorld> {
  const { deps, app } = testApp;
  const staffCall = (method: 'POST' | 'PUT', url: string, payload: object) =>
    app.inject({ method, url, headers: { cookie: staffCookie }, payload });

  const property = await createAccount(deps, { name: unique(`${label} Apartments`) });
  const service = (name: string, offset: number, kind: 'standard' | 'add_on') =>
    deps.catalog.services.createAccountService(
      property.id,
      {
        name: unique(name),
        code: unique(name).replaceAll('-', '_').toUpperCase(),
        providerCategory: 'rent_ready',
        kind,
        defaultDayOffset: offset,
        active: true,
      },
      systemActor,
    );
  const paint = await service('Paint', 5, 'standard');
  const primer = await service('Primer', 5, 'add_on');
  const floorplan = await deps.catalog.pricing.createFloorplan(
    property.id,
    { name: unique(`${label} 1 bed`), bedrooms: 1, bathrooms: 1, squareFeet: 700 },
    systemActor,
  );
  await deps.catalog.pricing.setFloorplanPrices(
    floorplan.id,
    [
      { serviceId: paint.id, priceCents: 15000 },
      { serviceId: primer.id, priceCents: 7500 },
    ],
    systemActor,
  );
  const unit = await deps.catalog.units.createUnit(
    property.id,
    { number: unique('U'), floorplanId: floorplan.id, notes: null },
    systemActor,
  );
  const contact = await createContact(deps, { accountIds: [property.id], firstName: label });
  await deps.catalog.serviceProfiles.updateServiceProfile(
    property.id,
    {
      turnProfileAllServices: true,
      turnProfileServiceIds: [],
      addonApprovalMethod: 'customer_approves',
      addonAutoApproveLimitCents: null,
      backupNotificationPhone: '+15125550199',
      mainApproverContactId: contact.id,
    },
    systemActor,
  );

  const email = contact.emails[0]!;
  const granted = await staffCall('POST', `/api/staff/contacts/${contact.id}/portal-access/grant`, {
    portalEmail: email,
  });
  expect(granted.statusCode, granted.body).toBe(200);
  const message = await deps.db
    .selectFrom('outboxMessages')
    .select('payloadJson')
    .where('contactId', '=', contact.id)
    .where('kind', '=', 'credential_create')
    .executeTakeFirstOrThrow();
  const token = (JSON.parse(message.payloadJson!) as { link: string }).link.split('/').pop()!;
  const username = unique(label.toLowerCase()).replaceAll('-', '.');
  const redeemed = await app.inject({
    method: 'POST',
    url: '/api/portal/links/redeem',
    payload: { token, username, password: PASSWORD },
  });
  expect(redeemed.statusCode, redeemed.body).toBe(200);
  const cookie = sessionCookie(
    await app.inject({ method: 'POST', url: '/api/portal/session', payload: { login: username, password: PASSWORD } }),
  );
  const device = (
    await app.inject({ method: 'GET', url: '/api/portal/session/devices', headers: { cookie } })
  ).json() as { items: Array<{ id: string }> };
  const deviceId = device.items[0]!.id;

  const ordered = await app.inject({
    method: 'POST',
    url: `/api/portal/properties/${property.id}/turns`,
    headers: { cookie },
    payload: {
      unitId: unit.id,
      moveOutDate: '2026-06-20',
      moveInDate: '2026-07-01',
      notes: `${label} notes`,
      lines: [{ serviceId: paint.id }],
    },
  });
  expect(ordered.statusCode, ordered.body).toBe(201);
  const line = (ordered.json() as Turn).lines[0]!;
  const requested = await staffCall('POST', `/api/staff/service-lines/${line.id}/add-ons`, {
    serviceId: primer.id,
    reason: 'Stains bleed through',
  });
  expect(requested.statusCode, requested.body).toBe(201);
  const addOn = (requested.json() as Turn).lines[0]!.addOns[0]!;

  const turnId = (ordered.json() as Turn).id;
  // The pro of this customer's service, signed in through a real texted link.
  const pro = await createPro(testApp, { name: unique(`${label} Pro`) });
  await deps.db.updateTable('turnServiceLines').set({ assignedProId: pro.id }).where('id', '=', line.id).execute();
  const proCookie = await signInPro(testApp, pro);
  const photo = await deps.photos.savePhoto(
    {
      accountId: property.id,
      turnId,
      serviceLineId: line.id,
      purpose: 'before',
      uploadedByKind: 'pro',
      uploadedById: pro.id,
    },
    await jpegWithGps({ width: 64, height: 48 }),
  );
  return {
    cookie,
    proCookie,
    params: {
      accountId: property.id,
      floorplanId: floorplan.id,
      turnId,
      serviceLineId: line.id,
      addOnId: addOn.id,
      photoId: photo.id,
      deviceId,
    },
    identifiers: [
      property.id,
      property.name,
      property.accountNumber,
      contact.id,
      contact.lastName,
      email,
      username,
      paint.id,
      primer.id,
      floorplan.id,
      floorplan.name,
      unit.id,
      turnId,
      line.id,
      addOn.id,
      pro.id,
      pro.name,
      photo.id,
      deviceId,
    ],
    serviceIds: [paint.id, primer.id],
    unitId: unit.id,
    floorplanId: floorplan.id,
  };
}

/** A valid body for each customer write that addresses an object, so the refusal is about ownership, not input. */
export function validBodyFor(operationId: string, world: CustomerWorld): object | undefined {
  const bodies: Record<string, object | undefined> = {
    updatePortalPropertyAddress: { addressLine1: '1 Other St', city: 'Austin', region: 'TX', postalCode: '78701' },
    createPortalCustomService: { name: 'Blinds', providerCategory: 'in_house', defaultDayOffset: 1 },
    reorderPortalPropertyServices: { serviceIds: [...world.serviceIds].reverse() },
    previewTurn: { floorplanId: world.floorplanId, moveOutDate: '2026-06-20', moveInDate: '2026-07-01' },
    createTurn: {
      unitId: world.unitId,
      moveOutDate: '2026-06-20',
      moveInDate: '2026-07-01',
      lines: [{ serviceId: world.serviceIds[0] }],
    },
    updateTurn: { moveOutDate: '2026-06-21', moveInDate: '2026-07-02', reflowSchedule: true },
    cancelTurn: {},
    setTurnPurchaseOrders: { defaultPoNumber: 'PO-1', poUnknown: false },
    rescheduleServiceLine: { scheduledDate: '2026-06-25' },
    removeServiceLine: undefined,
    signOutCustomerDevice: undefined,
    approveAddOn: {},
    declineAddOn: {},
    uploadPortalIssuePhoto: undefined,
    reportServiceIssue: { note: 'The paint is peeling' },
    uploadProPhoto: undefined,
    startProService: {},
    completeProService: {},
    requestProAddOn: { serviceId: world.serviceIds[1], note: 'Stains', photoIds: [] },
  };
  if (!(operationId in bodies))
    throw new Error(`add a valid body for ${operationId} to test/security/customer-world.ts`);
  return bodies[operationId];
}
