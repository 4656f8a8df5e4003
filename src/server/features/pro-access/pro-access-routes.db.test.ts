import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { systemActor } from '../../actor.ts';
import { createStaffMember, signInStaff } from '../../../../test/factories.ts';
import { capturedTo, deliverOutbox } from '../../../../test/outbox-helpers.ts';
import { createPro, latestProLinkToken, signInPro } from '../../../../test/pro-helpers.ts';
import { createTestApp, sessionCookie, type TestApp } from '../../../../test/test-app.ts';

let t: TestApp;
let staffCookie: string;
let staffMember: { email: string; password: string };

beforeAll(async () => {
  t = await createTestApp();
  staffMember = await createStaffMember(t.deps, { role: 'psm' });
});
// Tests move the clock by hours; a fresh staff session keeps the staff side signed in.
beforeEach(async () => {
  staffCookie = await signInStaff(t.app, staffMember);
});
afterAll(() => t.close());

const whoAmI = (cookie: string) => t.app.inject({ method: 'GET', url: '/api/pro/session', headers: { cookie } });
const requestLink = (login: string) =>
  t.app.inject({ method: 'POST', url: '/api/pro/sign-in-links', payload: { login } });

describe('a pro signs in with a one-time link', () => {
  it('texts a link to the pro’s phone; the confirm page does not use it, only the POST does, once', async () => {
    const pro = await createPro(t);
    expect((await requestLink(`(512) ${pro.phone!.slice(5, 8)}-${pro.phone!.slice(8)}`)).statusCode).toBe(202);
    await deliverOutbox(t.deps);
    const [text] = await capturedTo(t.deps, pro.phone!);
    expect(text?.kind).toBe('pro_sign_in_link_sms');
    const token = text!.links[0]!.split('/').pop()!;

    for (let opened = 0; opened < 2; opened += 1) {
      const inspected = await t.app.inject({ method: 'POST', url: '/api/pro/links/inspect', payload: { token } });
      expect(inspected.json()).toMatchObject({ status: 'valid', name: pro.name });
    }
    const redeemed = await t.app.inject({ method: 'POST', url: '/api/pro/links/redeem', payload: { token } });
    expect(redeemed.statusCode).toBe(204);
    const cookie = sessionCookie(redeemed);
    expect(cookie.startsWith('portico_pro=')).toBe(true);
    expect(redeemed.cookies[0]).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect((await whoAmI(cookie)).json()).toEqual({ proId: pro.id, name: pro.name });

    const again = await t.app.inject({ method: 'POST', url: '/api/pro/links/redeem', payload: { token } });
    expect(again.statusCode).toBe(400);
    const inspected = await t.app.inject({ method: 'POST', url: '/api/pro/links/inspect', payload: { token } });
    expect(inspected.json()).toEqual({ status: 'used' });
  });

  it('emails the link when the pro gives their email, and answers the same for nobody', async () => {
    const pro = await createPro(t);
    const known = await requestLink(pro.email!.toUpperCase());
    const unknown = await requestLink('nobody@pros.test');
    const unknownPhone = await requestLink('+15125550000');
    expect([unknown.statusCode, unknownPhone.statusCode]).toEqual([known.statusCode, known.statusCode]);
    expect(unknown.body).toBe(known.body);
    const token = await latestProLinkToken(t, pro.email!);
    expect(token.length).toBeGreaterThan(40);
  });

  it('lets a link expire after 15 minutes and a newer link replace it', async () => {
    const pro = await createPro(t);
    await requestLink(pro.phone!);
    const first = await latestProLinkToken(t, pro.phone!);
    t.clock.advanceSeconds(61);
    await requestLink(pro.phone!);
    const second = await latestProLinkToken(t, pro.phone!);
    expect(second).not.toBe(first);
    const inspect = (token: string) =>
      t.app.inject({ method: 'POST', url: '/api/pro/links/inspect', payload: { token } }).then((r) => r.json());
    expect(await inspect(first)).toEqual({ status: 'invalid' });
    t.clock.advanceSeconds(15 * 60);
    expect(await inspect(second)).toEqual({ status: 'expired' });
    const redeemed = await t.app.inject({ method: 'POST', url: '/api/pro/links/redeem', payload: { token: second } });
    expect(redeemed.statusCode).toBe(400);
  });

  it('limits links to one a minute and five an hour per pro, silently for the public request', async () => {
    const pro = await createPro(t);
    for (let minute = 0; minute < 8; minute += 1) {
      await requestLink(pro.phone!);
      t.clock.advanceSeconds(minute % 2 === 0 ? 20 : 61);
    }
    const tokens = await t.deps.db.selectFrom('proAccessTokens').select('id').where('proId', '=', pro.id).execute();
    expect(tokens.length).toBe(4);
    const staffSend = () =>
      t.app.inject({
        method: 'POST',
        url: `/api/staff/pros/${pro.id}/sign-in-link`,
        headers: { cookie: staffCookie },
        payload: { channel: 'sms' },
      });
    expect((await staffSend()).json()).toMatchObject({ sentTo: pro.phone });
    t.clock.advanceSeconds(61);
    // The sixth within the hour.
    const refused = await staffSend();
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.message).toMatch(/Send another in/);
  });

  it('keeps a pro signed in through a working day of pauses, then asks again', async () => {
    const pro = await createPro(t);
    const cookie = await signInPro(t, pro);
    for (let hour = 0; hour < 9; hour += 3) {
      t.clock.advanceSeconds(3 * 3600);
      expect((await whoAmI(cookie)).statusCode, `after ${hour + 3} h`).toBe(200);
    }
    t.clock.advanceSeconds(3600 + 1);
    expect((await whoAmI(cookie)).statusCode).toBe(401);
  });

  it('ends the sessions when staff revoke them or deactivate the pro', async () => {
    const pro = await createPro(t);
    const cookie = await signInPro(t, pro);
    const revoked = await t.app.inject({
      method: 'DELETE',
      url: `/api/staff/pros/${pro.id}/sessions`,
      headers: { cookie: staffCookie },
    });
    expect(revoked.json()).toEqual({ ended: 1 });
    expect((await whoAmI(cookie)).statusCode).toBe(401);

    t.clock.advanceSeconds(3600);
    const second = await signInPro(t, pro);
    expect((await whoAmI(second)).statusCode).toBe(200);
    await t.deps.catalog.pros.updatePro(
      pro.id,
      { name: pro.name, phone: pro.phone, email: pro.email, active: false, serviceIds: [] },
      systemActor,
    );
    expect((await whoAmI(second)).statusCode).toBe(401);
    const left = await t.deps.db.selectFrom('sessions').select('idHash').where('subjectId', '=', pro.id).execute();
    expect(left).toEqual([]);
  });

  it('never sends a link to a deactivated pro', async () => {
    const pro = await createPro(t);
    await t.deps.catalog.pros.updatePro(
      pro.id,
      { name: pro.name, phone: pro.phone, email: pro.email, active: false, serviceIds: [] },
      systemActor,
    );
    expect((await requestLink(pro.phone!)).statusCode).toBe(202);
    const tokens = await t.deps.db.selectFrom('proAccessTokens').select('id').where('proId', '=', pro.id).execute();
    expect(tokens).toEqual([]);
  });
});
