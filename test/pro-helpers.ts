import { expect } from 'vitest';
import { systemActor } from '../src/server/actor.ts';
import { capturedTo, deliverOutbox } from './outbox-helpers.ts';
import { unique } from './factories.ts';
import { sessionCookie, type TestApp } from './test-app.ts';

let phoneSequence = 0;

/** A real, active pro with a unique mobile phone and email. */
export async function createPro(testApp: TestApp, overrides: { name?: string; serviceIds?: string[] } = {}) {
  phoneSequence += 1;
  const phone = `+1512555${String(1000 + ((process.pid * 7 + phoneSequence) % 9000)).padStart(4, '0')}`;
  return testApp.deps.catalog.pros.createPro(
    {
      name: overrides.name ?? unique('Pro'),
      phone,
      email: `${unique('pro')}@pros.test`,
      active: true,
      serviceIds: overrides.serviceIds ?? [],
    },
    systemActor,
  );
}

/** The link token of the newest captured sign-in text or email to this address. */
export async function latestProLinkToken(testApp: TestApp, recipient: string): Promise<string> {
  await deliverOutbox(testApp.deps);
  const [message] = await capturedTo(testApp.deps, recipient);
  const link = message?.links.find((candidate) => candidate.includes('/pro/link/'));
  expect(link, `no pro sign-in link to ${recipient}`).toBeDefined();
  return link!.split('/').pop()!;
}

/** Signs a pro in the way they would: ask for a link by phone, open it from the text, confirm. */
export async function signInPro(testApp: TestApp, pro: { phone: string | null }): Promise<string> {
  const requested = await testApp.app.inject({
    method: 'POST',
    url: '/api/pro/sign-in-links',
    payload: { login: pro.phone },
    remoteAddress: `10.9.${phoneSequence % 250}.${Math.floor(Math.random() * 250)}`,
  });
  expect(requested.statusCode, requested.body).toBe(202);
  const token = await latestProLinkToken(testApp, pro.phone!);
  const redeemed = await testApp.app.inject({ method: 'POST', url: '/api/pro/links/redeem', payload: { token } });
  expect(redeemed.statusCode, redeemed.body).toBe(204);
  return sessionCookie(redeemed);
}
