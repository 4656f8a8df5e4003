import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/server/actor.ts';
import { buildApp } from '../../src/server/app.ts';
import { testConfig } from '../../src/server/config.ts';
import { createDatabase, type DatabaseHandle } from '../../src/server/db/database.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';
import { createDeps, type Deps } from '../../src/server/deps.ts';
import { createAccount, createContact, createStaffMember, unique } from '../factories.ts';
import { freePort, startPostgresCluster, type PostgresCluster } from '../postgres-cluster.ts';
import { startPortico, startSmtpCapture, type PorticoProcess } from '../portico-process.ts';
import { testDatabaseKind } from '../test-database.ts';
import { signInOverHttp } from './load.ts';

const SECRET_KEY = 'scale-out-test-secret-key-0123456789abcdef';
const ORDERS = 24;
const INVITATIONS = 16;

/** A property with one priced service and a signed-in customer, set up in-process before the nodes start. */
async function buildProperty(deps: Deps) {
  const app = await buildApp(deps, { serveWeb: false });
  await app.ready();
  const property = await createAccount(deps, { name: unique('Scale Out Apartments') });
  const paint = await deps.catalog.services.createAccountService(
    property.id,
    {
      name: unique('Paint'),
      code: unique('PAINT').replaceAll('-', '_'),
      providerCategory: 'rent_ready',
      kind: 'standard',
      defaultDayOffset: 2,
      active: true,
    },
    systemActor,
  );
  const floorplan = await deps.catalog.pricing.createFloorplan(
    property.id,
    { name: unique('1 bed'), bedrooms: 1, bathrooms: 1, squareFeet: 700 },
    systemActor,
  );
  await deps.catalog.pricing.setFloorplanPrices(
    floorplan.id,
    [{ serviceId: paint.id, priceCents: 15000 }],
    systemActor,
  );
  const customer = await createContact(deps, { accountIds: [property.id], firstName: 'Scale' });
  const staff = await createStaffMember(deps);
  const staffSession = await app.inject({
    method: 'POST',
    url: '/api/staff/session',
    payload: { email: staff.email, password: staff.password },
  });
  const staffCookie = String(staffSession.headers['set-cookie']).split(';')[0]!;
  const granted = await app.inject({
    method: 'POST',
    url: `/api/staff/contacts/${customer.id}/portal-access/grant`,
    headers: { cookie: staffCookie },
    payload: { portalEmail: customer.emails[0] },
  });
  expect(granted.statusCode, granted.body).toBe(200);
  const message = await deps.db
    .selectFrom('outboxMessages')
    .select('payloadJson')
    .where('contactId', '=', customer.id)
    .where('kind', '=', 'credential_create')
    .executeTakeFirstOrThrow();
  const token = (JSON.parse(message.payloadJson!) as { link: string }).link.split('/').pop()!;
  const login = unique('scale.customer');
  const redeemed = await app.inject({
    method: 'POST',
    url: '/api/portal/links/redeem',
    payload: { token, username: login, password: 'a long and private passphrase' },
  });
  expect(redeemed.statusCode, redeemed.body).toBe(200);
  await app.close();
  return { property, paint, floorplan, staff, login };
}

/**
 * Two `serve` nodes (OUTBOX_IN_PROCESS=false) and two workers on one PostgreSQL under a mixed load of
 * turn orders and access emails: every turn exists once and every email reaches the mail server once.
 */
describe.skipIf(testDatabaseKind() !== 'postgres')('scale-out: 2 app nodes and 2 workers', () => {
  let cluster: PostgresCluster;
  let database: DatabaseHandle;
  let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;
  const nodes: PorticoProcess[] = [];
  const workers: PorticoProcess[] = [];
  const baseUrls: string[] = [];
  let world: Awaited<ReturnType<typeof buildProperty>>;
  let deps: Deps;

  beforeAll(async () => {
    cluster = await startPostgresCluster();
    smtp = await startSmtpCapture();
    database = createDatabase({ kind: 'postgres', url: cluster.url });
    await migrateToLatest(database.db);
    deps = createDeps(testConfig({ database: { kind: 'postgres', url: cluster.url }, secretKey: SECRET_KEY }), {
      database,
      logger: pino({ level: 'silent' }),
    });
    world = await buildProperty(deps);
    const environment = { DATABASE_URL: cluster.url, SECRET_KEY, SMTP_URL: smtp.url, OUTBOX_IN_PROCESS: 'false' };
    for (let index = 0; index < 2; index += 1) {
      const port = await freePort();
      baseUrls.push(`http://127.0.0.1:${port}`);
      nodes.push(startPortico(['serve'], { ...environment, PORT: String(port) }));
      workers.push(startPortico(['worker'], { ...environment, OUTBOX_POLL_MILLISECONDS: '100' }));
    }
    await Promise.all([
      ...nodes.map((node) => node.waitFor(/Portico is running/)),
      ...workers.map((worker) => worker.waitFor(/is delivering/)),
    ]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([...nodes, ...workers].map((process) => process.stop()));
    await smtp?.close();
    await database?.close();
    cluster?.destroy();
  });

  it('creates every ordered turn once and delivers every email exactly once', async () => {
    const staffCookies = await Promise.all(baseUrls.map((url) => signInOverHttp(url, world.staff)));
    const customerCookies = await Promise.all(
      baseUrls.map(async (url) => {
        const response = await fetch(`${url}/api/portal/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ login: world.login, password: 'a long and private passphrase' }),
        });
        expect(response.status, await response.clone().text()).toBe(200);
        return (response.headers.getSetCookie()[0] ?? '').split(';')[0]!;
      }),
    );
    const invitees = await Promise.all(
      Array.from({ length: INVITATIONS }, () => createContact(deps, { accountIds: [world.property.id] })),
    );
    const run = unique('scale-out');
    const order = (index: number) =>
      fetch(`${baseUrls[index % 2]}/api/portal/properties/${world.property.id}/turns`, {
        method: 'POST',
        headers: { cookie: customerCookies[index % 2]!, 'content-type': 'application/json' },
        body: JSON.stringify({
          unitNumber: `S${index}`,
          floorplanId: world.floorplan.id,
          moveOutDate: '2027-03-10',
          moveInDate: '2027-03-20',
          notes: `${run} order ${index}`,
          lines: [{ serviceId: world.paint.id }],
        }),
      });
    const invite = (index: number) =>
      fetch(`${baseUrls[(index + 1) % 2]}/api/staff/contacts/${invitees[index]!.id}/portal-access/grant`, {
        method: 'POST',
        headers: { cookie: staffCookies[(index + 1) % 2]!, 'content-type': 'application/json' },
        body: JSON.stringify({ portalEmail: invitees[index]!.emails[0] }),
      });
    // Four clients at a time, orders and invitations interleaved.
    const jobs: Array<() => Promise<Response>> = [];
    for (let index = 0; index < Math.max(ORDERS, INVITATIONS); index += 1) {
      if (index < ORDERS) jobs.push(() => order(index));
      if (index < INVITATIONS) jobs.push(() => invite(index));
    }
    const statuses: number[] = [];
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let job = jobs.shift(); job; job = jobs.shift()) {
          const response = await job();
          await response.arrayBuffer();
          statuses.push(response.status);
        }
      }),
    );
    expect(statuses.filter((status) => status !== 200 && status !== 201)).toEqual([]);

    const turns = await database.db
      .selectFrom('turns')
      .select(['notes'])
      .where('notes', 'like', `${run} order %`)
      .execute();
    expect(turns).toHaveLength(ORDERS);
    expect(new Set(turns.map((turn) => turn.notes)).size).toBe(ORDERS);

    const undelivered = () =>
      database.db
        .selectFrom('outboxMessages')
        .select('id')
        .where('status', 'in', ['queued', 'processing'])
        .execute()
        .then((rows) => rows.length);
    await expect.poll(undelivered, { timeout: 30_000, interval: 100 }).toBe(0);
    const sent = await database.db
      .selectFrom('outboxMessages')
      .select('id')
      .where('status', '=', 'sent')
      .where('channel', '=', 'email')
      .execute();
    const messageIds = smtp.received.map((mail) => /Message-ID: <([^@>]+)@portico\.outbox>/i.exec(mail.raw)?.[1]);
    expect(messageIds.length).toBe(new Set(messageIds).size);
    expect(new Set(messageIds)).toEqual(new Set(sent.map((row) => row.id)));
    for (const invitee of invitees)
      expect(smtp.received.filter((mail) => mail.to.includes(invitee.emails[0]!))).toHaveLength(1);
    for (const process of [...nodes, ...workers]) expect(process.alive(), process.output()).toBe(true);
  });
});
