import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createContact, createStaffMember } from '../../../../test/factories.ts';
import { startSmsTestServer } from '../../../../test/sms-test-server.ts';
import { startSmtpTestServer } from '../../../../test/smtp-test-server.ts';
import { systemActor } from '../../actor.ts';
import { createDispatcher } from '../../outbox/dispatcher.ts';
import { createSmsSender } from '../../outbox/senders/sms-sender.ts';
import { createSmtpSender } from '../../outbox/senders/smtp-sender.ts';
import { useTurnsFixture } from './turns-test-fixture.ts';

describe('turn notices over the real senders', () => {
  const fixture = useTurnsFixture();

  it('an order and its acknowledgement reach the staff, the pros and the contacts through SMTP and the SMS API', async () => {
    const base = await fixture.setupProperty();
    const { catalog, db } = fixture.deps;
    const texting = await catalog.pros.createPro(
      { name: 'Ana Diaz', phone: '+15125550161', email: 'ana.diaz@pros.test', active: true, serviceIds: [] },
      systemActor,
    );
    const mailing = await catalog.pros.createPro(
      { name: 'Ben Ortiz', phone: null, email: 'ben.ortiz@pros.test', active: true, serviceIds: [] },
      systemActor,
    );
    await catalog.pros.setProPreferences(
      base.property.id,
      [
        { serviceId: base.paint.id, preferredProId: texting.id, secondaryProId: null },
        { serviceId: base.clean.id, preferredProId: mailing.id, secondaryProId: null },
      ],
      systemActor,
    );
    const owner = await createStaffMember(fixture.deps, { role: 'psm', email: 'owner.psm@portico.test' });
    const own = await createContact(fixture.deps, { accountIds: [base.property.id] });
    await db.updateTable('contacts').set({ staffMemberId: owner.id }).where('id', '=', own.id).execute();
    const texter = await createContact(fixture.deps, { accountIds: [base.property.id], phone: '+15125550162' });
    await db.updateTable('contacts').set({ notificationChannel: 'sms' }).where('id', '=', texter.id).execute();

    const turn = await fixture.orderTurn(base);
    const acknowledged = await fixture.call(
      fixture.staffCookie,
      'POST',
      `/api/staff/desk/turns/${turn.id}/acknowledge`,
    );
    expect(acknowledged.statusCode, acknowledged.body).toBe(200);

    const smtp = await startSmtpTestServer();
    const sms = await startSmsTestServer();
    const email = createSmtpSender({
      url: smtp.url,
      from: 'Portico <no-reply@portico.test>',
      timeoutMilliseconds: 5000,
    });
    const dispatcher = createDispatcher({
      db,
      databaseKind: fixture.deps.database.kind,
      clock: fixture.deps.clock,
      logger: pino({ level: 'silent' }),
      senders: {
        email,
        sms: createSmsSender({ url: sms.url, accountSid: 'AC1', authToken: 'token', from: '+15125550100' }),
      },
      publicUrl: 'http://portico.test',
      random: () => 0,
    });
    try {
      while ((await dispatcher.runOnce()) > 0);
    } finally {
      email.close();
      await smtp.close();
      await sms.close();
    }

    const mailTo = (address: string) => smtp.received.filter((mail) => mail.to.includes(address));
    expect(mailTo(owner.email).map((mail) => /^Subject: (.*)$/m.exec(mail.raw)?.[1])).toEqual([
      `New turn: unit 101 at ${base.property.name}`,
    ]);
    expect(mailTo('ben.ortiz@pros.test')).toHaveLength(1);
    expect(mailTo('ben.ortiz@pros.test')[0]!.raw).toContain('Clean on 2026-06-29');
    expect(mailTo(base.approver.emails[0]!)).toHaveLength(1);
    expect(mailTo(base.approver.emails[0]!)[0]!.raw).toMatch(/Subject: We have your turn for unit 101/);
    // The texting contact and the texting pro get nothing by email.
    expect(mailTo(texter.emails[0]!)).toEqual([]);
    expect(mailTo('ana.diaz@pros.test')).toEqual([]);

    expect(sms.received.map((text) => text.to).sort()).toEqual(['+15125550161', '+15125550162']);
    expect(sms.received.find((text) => text.to === '+15125550161')!.body).toContain('Paint on 2026-06-26');
    expect(sms.received.find((text) => text.to === '+15125550162')!.body).toContain(
      `We have received the turn for unit 101 at ${base.property.name}`,
    );
    const statuses = await db.selectFrom('outboxMessages').select('status').distinct().execute();
    expect(statuses.map((row) => row.status)).toEqual(['sent']);
  });
});
