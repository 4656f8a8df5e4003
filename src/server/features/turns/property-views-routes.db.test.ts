import { describe, expect, it } from 'vitest';
import { systemActor } from '../../actor.ts';
import { useTurnsFixture } from './turns-test-fixture.ts';

describe('property views routes', () => {
  const fixture = useTurnsFixture();

  it('property settings: custom services in the property’s order, floorplan pricelist, units, users and address', async () => {
    const setup = await fixture.setupProperty();
    const base = `/api/portal/properties/${setup.property.id}`;
    const custom = await fixture.call(setup.cookie, 'POST', `${base}/services`, {
      name: 'Blinds',
      providerCategory: 'other_vendor',
      defaultDayOffset: 3,
    });
    expect(custom.statusCode, custom.body).toBe(201);
    const order = await fixture.call(setup.cookie, 'PUT', `${base}/services/order`, {
      serviceIds: [custom.json().id, setup.clean.id],
    });
    expect(
      order
        .json()
        .items.slice(0, 2)
        .map((item: { name: string }) => item.name),
    ).toEqual(['Blinds', 'Clean']);
    const pricelist = (
      await fixture.call(setup.cookie, 'GET', `/api/portal/floorplans/${setup.floorplan.id}/prices`)
    ).json();
    expect(pricelist.items.find((item: { id: string }) => item.id === setup.paint.id).priceCents).toBe(15000);
    expect((await fixture.call(setup.cookie, 'GET', `${base}/units`)).json().items).toMatchObject([
      { number: '101', floorplanName: '1 bed' },
    ]);
    expect((await fixture.call(setup.cookie, 'GET', `${base}/users`)).json().items).toEqual([]);
    await fixture.deps.portalAccess.staffAccess.grantAccess({
      contactId: setup.approver.id,
      portalEmail: setup.approver.emails[0]!,
      sendCredentialCreateEmail: false,
      actor: systemActor,
    });
    expect((await fixture.call(setup.cookie, 'GET', `${base}/users`)).json().items).toEqual([
      {
        contactId: setup.approver.id,
        name: `Maria ${setup.approver.lastName}`,
        title: 'Community Manager',
        emails: setup.approver.emails,
        isMainApprover: true,
      },
    ]);
    const address = await fixture.call(setup.cookie, 'PUT', `${base}/address`, {
      addressLine1: '5 Harbor Way',
      city: 'Austin',
      region: 'TX',
      postalCode: '78702',
    });
    expect(address.json()).toMatchObject({ addressLine1: '5 Harbor Way', addressLine2: null, postalCode: '78702' });
    expect(await fixture.auditActions(setup.property.id)).toContain('account.address_updated');
  });
});
