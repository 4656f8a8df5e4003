import { systemActor } from '../../actor.ts';
import { addSeconds } from '../../clock.ts';
import { newId } from '../../ids.ts';
import { enqueue } from '../../outbox/outbox.ts';
import { generateToken, hashToken } from '../../security/tokens.ts';
import { formatCents } from '../../../shared/turn-contracts.ts';
import { recordAudit } from '../audit/index.ts';
import {
  APPROVAL_LINK_LIFETIME_SECONDS,
  escalationStep,
  MIN_ESCALATION_MINUTES,
  poReminderDue,
} from './escalation-rules.ts';
import * as repository from './escalation-repository.ts';
import type { TurnContext } from './turn-context.ts';

const DAY_SECONDS = 24 * 3600;
// Rows looked at per run and kind; a backlog larger than this is worked off over the next runs.
const BATCH = 200;

type WaitingAddOn = Awaited<ReturnType<typeof repository.listWaitingAddOns>>[number];

/**
 * The timed steps of turns, run by the worker on a schedule: add-on escalation (backup phone, then
 * staff) and the PO reminder. Safe with several workers: every step is taken by a conditional UPDATE
 * in the transaction that writes its message and history, so a step runs once whoever gets there first.
 */
export function createTurnSweepsService(context: TurnContext, config: { publicUrl: string; secretKey: string }) {
  const { db, clock, notices } = context;

  async function textBackupPhone(addOn: WaitingAddOn, minutes: number) {
    return db.transaction().execute(async (trx) => {
      const now = clock.now();
      if (!(await repository.claimEscalation(trx, addOn.id, now.toISOString()))) return false;
      const token = generateToken();
      const expiresAt = addSeconds(now, APPROVAL_LINK_LIFETIME_SECONDS);
      const linkId = newId();
      const phone = addOn.backupNotificationPhone!;
      await repository.insertApprovalLink(trx, {
        id: linkId,
        tokenHash: hashToken(config.secretKey, token),
        addOnId: addOn.id,
        phone,
        createdAt: now.toISOString(),
        expiresAt: expiresAt.toISOString(),
        openedAt: null,
        consumedAt: null,
      });
      const messageId = await enqueue(trx, clock, {
        kind: 'add_on_escalation_sms',
        to: [phone],
        payload: {
          property: { name: addOn.propertyName },
          turn: { unitNumber: addOn.unitNumber },
          addOn: { name: addOn.serviceName, price: formatCents(addOn.priceCents) },
          link: `${config.publicUrl}/portal/approve/${token}`,
        },
        expiresAt,
        dedupeKey: `add_on_escalation:${addOn.id}`,
        accountId: addOn.accountId,
      });
      await recordAudit(trx, clock, systemActor, {
        action: 'add_on.escalated',
        subjectType: 'turn',
        subjectId: addOn.turnId,
        accountId: addOn.accountId,
        after: {
          addOnId: addOn.id,
          addOn: addOn.serviceName,
          waitedMinutes: minutes,
          textedTo: phone,
          // The vendor may have switched the text off: the history says the phone was not reached.
          sent: messageId !== null,
          linkExpiresAt: expiresAt.toISOString(),
        },
      });
      return true;
    });
  }

  async function alertStaff(addOn: WaitingAddOn, minutes: number) {
    return db.transaction().execute(async (trx) => {
      if (!(await repository.claimStaffAlert(trx, addOn.id, clock.now().toISOString()))) return false;
      await recordAudit(trx, clock, systemActor, {
        action: 'add_on.staff_alerted',
        subjectType: 'turn',
        subjectId: addOn.turnId,
        accountId: addOn.accountId,
        after: {
          addOnId: addOn.id,
          addOn: addOn.serviceName,
          reason: addOn.escalatedAt
            ? `No decision ${minutes} minutes after the backup phone was texted`
            : `No decision within ${minutes} minutes and no backup phone to text`,
        },
      });
      return true;
    });
  }

  async function escalateAddOns() {
    const now = clock.now();
    const counts = { escalated: 0, staffAlerted: 0 };
    const waiting = await repository.listWaitingAddOns(
      db,
      addSeconds(now, -MIN_ESCALATION_MINUTES * 60).toISOString(),
      BATCH,
    );
    for (const addOn of waiting) {
      const minutes = addOn.addonEscalationMinutes ?? 60;
      const step = escalationStep(addOn, minutes, Boolean(addOn.backupNotificationPhone), now);
      if (step === 'text_backup' && (await textBackupPhone(addOn, minutes))) counts.escalated += 1;
      if (step === 'alert_staff' && (await alertStaff(addOn, minutes))) counts.staffAlerted += 1;
    }
    return counts;
  }

  async function remindPoNumbers() {
    const now = clock.now();
    let reminded = 0;
    const turns = await repository.listPoWaitingTurns(db, addSeconds(now, -DAY_SECONDS).toISOString(), BATCH);
    for (const turn of turns) {
      const days = turn.poReminderDays ?? 3;
      if (!poReminderDue(turn, days, now)) continue;
      const sent = await db.transaction().execute(async (trx) => {
        const at = clock.now();
        const dueBefore = addSeconds(at, -days * DAY_SECONDS).toISOString();
        if (!(await repository.claimPoReminder(trx, turn.id, at.toISOString(), dueBefore))) return false;
        await notices.notifyCustomers(trx, 'po_reminder', turn, null, {
          dedupeKey: `po_reminder:${turn.id}:${at.toISOString()}`,
        });
        await recordAudit(trx, clock, systemActor, {
          action: 'turn.po_reminder_sent',
          subjectType: 'turn',
          subjectId: turn.id,
          accountId: turn.accountId,
          after: { everyDays: days, previous: turn.poRemindedAt ?? null },
        });
        return true;
      });
      if (sent) reminded += 1;
    }
    return reminded;
  }

  return {
    /** One pass of every timed step; what it did, for the worker's log and the tests. */
    async runOnce() {
      const addOns = await escalateAddOns();
      return { ...addOns, poReminders: await remindPoNumbers() };
    },
  };
}
