import type { ActorContext } from '../../actor.ts';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import type { StaffMembersTable } from '../../db/database-schema.ts';
import { AppError, fieldError, notFound } from '../../errors.ts';
import type { MessageKind, MessageTemplate } from '../../outbox/message-kind.ts';
import { findMessageKind, MESSAGE_KINDS } from '../../outbox/message-kinds.ts';
import { enqueue } from '../../outbox/outbox.ts';
import { isEmailAddress, toE164 } from '../../outbox/recipients.ts';
import { staffTestEmailKind, staffTestSmsKind } from '../../outbox/kinds/notifications-kinds.ts';
import { renderMessage } from '../../outbox/email-layout.ts';
import { unknownMergeTags } from '../../outbox/template-rules.ts';
import type {
  ListOutboxMessagesQuery,
  MessageTemplateBody,
  OutboxChannel,
} from '../../../shared/notifications-contracts.ts';
import { recordAudit } from '../audit/index.ts';
import {
  deleteMessageTemplate,
  findMessageTemplate,
  findMessageTemplates,
  findNotificationSettings,
  findOutboxMessage,
  findOutboxMessages,
  requeueDeadMessage,
  saveMessageTemplate,
  saveNotificationSetting,
} from './notifications-repository.ts';

export interface NotificationsServiceDeps {
  db: Db;
  clock: Clock;
  publicUrl: string;
}

/** Rejects unknown merge tags with one field error per template field that has any. */
function checkMergeTags(kind: MessageKind, template: MessageTemplate): void {
  const problems = unknownMergeTags(template, kind.mergeTags);
  if (problems.length === 0) return;
  const available = kind.mergeTags.map((tag) => `{{${tag}}}`).join(', ');
  const fields = problems.map(({ field, tags }) => ({
    path: field,
    message: `Unknown merge tag${tags.length > 1 ? 's' : ''} ${tags.map((tag) => `{{${tag}}}`).join(', ')}. Available: ${available}.`,
  }));
  throw new AppError('validation_failed', fields[0]!.message, { fields });
}

function checkRequiredParts(kind: MessageKind, template: MessageTemplate): void {
  if (!template.text.trim()) throw fieldError('text', 'The text version cannot be empty.');
  if (kind.channel === 'email' && !template.subject.trim()) throw fieldError('subject', 'An email needs a subject.');
  if (kind.channel === 'email' && !template.html.trim()) throw fieldError('html', 'The HTML version cannot be empty.');
}

export function createNotificationsService(deps: NotificationsServiceDeps) {
  const { db, clock } = deps;

  async function templateView(kind: MessageKind) {
    const stored = await findMessageTemplate(db, kind.id);
    return presentTemplate(kind, stored);
  }

  return {
    async listOutboxMessages(query: ListOutboxMessagesQuery) {
      const { page, pageSize, ...filter } = query;
      const rows = await findOutboxMessages(db, { ...filter, limit: pageSize + 1, offset: (page - 1) * pageSize });
      return { rows: rows.slice(0, pageSize), hasMore: rows.length > pageSize };
    },

    /**
     * Staff re-send of a dead message. A message whose link was removed when it died cannot be
     * re-sent as it is: the action that created it must issue a new link.
     */
    async retryOutboxMessage(input: { id: string; actor: ActorContext }) {
      return db.transaction().execute(async (trx) => {
        const message = await findOutboxMessage(trx, input.id);
        if (!message) throw notFound('Message');
        if (message.status !== 'dead')
          throw new AppError('conflict', 'Only a message that could not be delivered can be retried.');
        const now = clock.now().toISOString();
        if (message.payloadJson === null || (message.expiresAt !== null && message.expiresAt <= now)) {
          throw new AppError(
            'conflict',
            'This message carried a one-time link that is no longer valid. Send a new link from the contact instead.',
          );
        }
        if (!(await requeueDeadMessage(trx, message.id, now)))
          throw new AppError('conflict', 'The message changed meanwhile. Reload and try again.');
        await recordAudit(trx, clock, input.actor, {
          action: 'outbox.message_retried',
          subjectType: 'outbox_message',
          subjectId: message.id,
          accountId: message.accountId,
          before: { status: message.status, attempts: message.attempts, lastError: message.lastError },
          after: { status: 'queued', attempts: 0 },
        });
        return (await findOutboxMessage(trx, message.id))!;
      });
    },

    async listMessageTemplates() {
      const stored = new Map((await findMessageTemplates(db)).map((row) => [row.kind, row]));
      return MESSAGE_KINDS.map((kind) => presentTemplate(kind, stored.get(kind.id)));
    },

    async updateMessageTemplate(input: { kind: string; template: MessageTemplateBody; actor: ActorContext }) {
      const kind = findMessageKind(input.kind);
      const template = kind.channel === 'sms' ? { ...input.template, subject: '', html: '' } : input.template;
      checkMergeTags(kind, template);
      checkRequiredParts(kind, template);
      const before = await templateView(kind);
      await db.transaction().execute(async (trx) => {
        await saveMessageTemplate(trx, {
          kind: kind.id,
          ...template,
          updatedAt: clock.now().toISOString(),
          updatedByStaffId: input.actor.actorId,
        });
        await recordAudit(trx, clock, input.actor, {
          action: 'message_template.updated',
          subjectType: 'message_template',
          subjectId: kind.id,
          before: { subject: before.subject, html: before.html, text: before.text },
          after: template,
        });
      });
      return templateView(kind);
    },

    async resetMessageTemplate(input: { kind: string; actor: ActorContext }) {
      const kind = findMessageKind(input.kind);
      const before = await templateView(kind);
      await db.transaction().execute(async (trx) => {
        await deleteMessageTemplate(trx, kind.id);
        await recordAudit(trx, clock, input.actor, {
          action: 'message_template.reset',
          subjectType: 'message_template',
          subjectId: kind.id,
          before: { subject: before.subject, html: before.html, text: before.text },
          after: kind.defaultTemplate,
        });
      });
      return templateView(kind);
    },

    /** Renders an unsaved template with the kind's sample data; the same tag check as saving. */
    previewMessageTemplate(input: { kind: string; template: MessageTemplateBody }) {
      const kind = findMessageKind(input.kind);
      checkMergeTags(kind, input.template);
      return renderMessage(kind, input.template, kind.payloadSchema.parse(kind.sample));
    },

    async listNotificationSettings() {
      const stored = new Map((await findNotificationSettings(db)).map((row) => [row.kind, row]));
      return MESSAGE_KINDS.map((kind) => presentSetting(kind, stored.get(kind.id)?.enabled ?? 1));
    },

    async updateNotificationSetting(input: { kind: string; enabled: boolean; actor: ActorContext }) {
      const kind = findMessageKind(input.kind);
      if (!kind.canBeDisabled && !input.enabled)
        throw fieldError('enabled', `${kind.label} messages cannot be switched off.`);
      const before = (await findNotificationSettings(db)).find((row) => row.kind === kind.id)?.enabled ?? 1;
      const enabled = input.enabled ? 1 : 0;
      await db.transaction().execute(async (trx) => {
        await saveNotificationSetting(trx, {
          kind: kind.id,
          enabled,
          updatedAt: clock.now().toISOString(),
          updatedByStaffId: input.actor.actorId,
        });
        await recordAudit(trx, clock, input.actor, {
          action: 'notification_setting.updated',
          subjectType: 'notification_setting',
          subjectId: kind.id,
          before: { enabled: before === 1 },
          after: { enabled: input.enabled },
        });
      });
      return presentSetting(kind, enabled);
    },

    /** "Send test message": checks the email or SMS configuration end to end through the outbox. */
    async sendTestMessage(input: {
      channel: OutboxChannel;
      to: string;
      staff: StaffMembersTable;
      actor: ActorContext;
    }) {
      let recipient: string;
      if (input.channel === 'email') {
        if (!isEmailAddress(input.to)) throw fieldError('to', 'Enter a valid email address.');
        recipient = input.to;
      } else {
        const phone = toE164(input.to);
        if (!phone) throw fieldError('to', 'Enter a valid phone number, e.g. +1 512 555 0123.');
        recipient = phone;
      }
      const kind = input.channel === 'email' ? staffTestEmailKind : staffTestSmsKind;
      return db.transaction().execute(async (trx) => {
        const id = await enqueue(trx, clock, {
          kind: kind.id,
          to: [recipient],
          payload: { staff: { name: input.staff.name }, consoleUrl: `${deps.publicUrl}/console` },
        });
        // Test kinds cannot be switched off, so enqueue always stores them.
        if (!id) throw new AppError('internal', 'The test message was not queued.');
        await recordAudit(trx, clock, input.actor, {
          action: 'outbox.test_message_sent',
          subjectType: 'outbox_message',
          subjectId: id,
          after: { channel: input.channel, to: recipient },
        });
        return { id };
      });
    },
  };
}

function presentTemplate(
  kind: MessageKind,
  stored: { subject: string; html: string; text: string; updatedAt: string } | undefined,
) {
  const template = stored ?? kind.defaultTemplate;
  return {
    kind: kind.id,
    label: kind.label,
    description: kind.description,
    channel: kind.channel,
    mergeTags: [...kind.mergeTags],
    subject: template.subject,
    html: template.html,
    text: template.text,
    isCustomized: stored !== undefined,
    updatedAt: stored?.updatedAt ?? null,
  };
}

function presentSetting(kind: MessageKind, enabled: 0 | 1) {
  return {
    kind: kind.id,
    label: kind.label,
    description: kind.description,
    channel: kind.channel,
    canBeDisabled: kind.canBeDisabled,
    enabled: !kind.canBeDisabled || enabled === 1,
  };
}
