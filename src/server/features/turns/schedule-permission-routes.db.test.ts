import { describe, expect, it } from 'vitest';
import { createContact } from '../../../../test/factories.ts';
import { useTurnsFixture } from './turns-test-fixture.ts';

describe('schedule permission of a portal contact (onboard: who may change the schedule)', () => {
  const fixture = useTurnsFixture();

  it('lets a contact without it order and view, but answers 403 to reschedule, remove-service, cancel and new move dates', async () => {
    const setup = await fixture.setupProperty();
    const contact = await createContact(fixture.deps, { accountIds: [setup.property.id] });
    await fixture.deps.db.updateTable('contacts').set({ mayChangeSchedule: 0 }).where('id', '=', contact.id).execute();
    const cookie = await fixture.signInCustomer([setup.property.id], contact.id);
    const turn = await fixture.orderTurn({ ...setup, cookie });
    expect((await fixture.call(cookie, 'GET', `/api/portal/turns/${turn.id}`)).statusCode).toBe(200);
    const [paint, clean] = turn.lines;
    const refused = [
      await fixture.call(cookie, 'PUT', `/api/portal/service-lines/${clean!.id}/date`, { scheduledDate: '2026-06-27' }),
      await fixture.call(cookie, 'DELETE', `/api/portal/service-lines/${paint!.id}`),
      await fixture.call(cookie, 'POST', `/api/portal/turns/${turn.id}/cancel`, { reason: null }),
      // New move dates move the services with them.
      await fixture.call(cookie, 'PUT', `/api/portal/turns/${turn.id}`, {
        moveOutDate: turn.moveOutDate,
        moveInDate: '2026-07-03',
        notes: null,
      }),
    ];
    for (const response of refused) {
      expect(response.statusCode).toBe(403);
      expect(response.json().error.message).toContain('schedule permission');
    }
    expect(await fixture.auditActions(turn.id)).toEqual(['turn.created']);
    const notesOnly = await fixture.call(cookie, 'PUT', `/api/portal/turns/${turn.id}`, {
      moveOutDate: turn.moveOutDate,
      moveInDate: turn.moveInDate,
      notes: 'Gate code 4411',
    });
    expect(notesOnly.statusCode, notesOnly.body).toBe(200);
    expect(notesOnly.json().lines.map((line: { scheduledDate: string }) => line.scheduledDate)).toEqual(
      turn.lines.map((line) => line.scheduledDate),
    );
    await fixture.deps.db.updateTable('contacts').set({ mayChangeSchedule: 1 }).where('id', '=', contact.id).execute();
    const allowed = await fixture.call(cookie, 'POST', `/api/portal/turns/${turn.id}/cancel`, { reason: null });
    expect(allowed.statusCode, allowed.body).toBe(200);
  });
});
