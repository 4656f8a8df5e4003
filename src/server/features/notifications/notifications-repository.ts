import { sql, type Selectable } from 'kysely';
import type { Db, Trx } from '../../db/database.ts';
import type {
  MessageTemplatesTable,
  NotificationSettingsTable,
  OutboxMessagesTable,
  OutboxStatus,
} from '../../db/schema/outbox.ts';

export type OutboxMessageRow = Selectable<OutboxMessagesTable>;

function likePattern(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

export interface OutboxMessageFilter {
  to?: string | undefined;
  search?: string | undefined;
  kind?: string | undefined;
  status?: OutboxStatus | undefined;
  limit: number;
  offset: number;
}

/** Newest first (UUIDv7 ids are time-ordered). Recipients are a JSON array, matched as quoted strings. */
export async function findOutboxMessages(db: Db, filter: OutboxMessageFilter): Promise<OutboxMessageRow[]> {
  let query = db.selectFrom('outboxMessages').selectAll();
  if (filter.to) {
    const pattern = `%${likePattern(JSON.stringify(filter.to.toLowerCase()))}%`;
    query = query.where(sql<boolean>`lower(${sql.ref('recipientsJson')}) like ${pattern} escape '\\'`);
  }
  if (filter.search) {
    const pattern = `%${likePattern(filter.search.toLowerCase())}%`;
    query = query.where(sql<boolean>`lower(${sql.ref('recipientsJson')}) like ${pattern} escape '\\'`);
  }
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.status) query = query.where('status', '=', filter.status);
  return query.orderBy('id', 'desc').limit(filter.limit).offset(filter.offset).execute();
}

export async function findOutboxMessage(db: Db | Trx, id: string): Promise<OutboxMessageRow | undefined> {
  return db.selectFrom('outboxMessages').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Back to the queue for a fresh round of attempts, only if it is still dead. */
export async function requeueDeadMessage(trx: Trx, id: string, now: string): Promise<boolean> {
  const result = await trx
    .updateTable('outboxMessages')
    .set({ status: 'queued', attempts: 0, nextAttemptAt: now, lastError: null, updatedAt: now })
    .where('id', '=', id)
    .where('status', '=', 'dead')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function findMessageTemplates(db: Db | Trx): Promise<Selectable<MessageTemplatesTable>[]> {
  return db.selectFrom('messageTemplates').selectAll().execute();
}

export async function findMessageTemplate(
  db: Db | Trx,
  kind: string,
): Promise<Selectable<MessageTemplatesTable> | undefined> {
  return db.selectFrom('messageTemplates').selectAll().where('kind', '=', kind).executeTakeFirst();
}

export async function saveMessageTemplate(trx: Trx, template: MessageTemplatesTable): Promise<void> {
  await trx
    .insertInto('messageTemplates')
    .values(template)
    .onConflict((conflict) =>
      conflict.column('kind').doUpdateSet({
        subject: template.subject,
        html: template.html,
        text: template.text,
        updatedAt: template.updatedAt,
        updatedByStaffId: template.updatedByStaffId,
      }),
    )
    .execute();
}

export async function deleteMessageTemplate(trx: Trx, kind: string): Promise<void> {
  await trx.deleteFrom('messageTemplates').where('kind', '=', kind).execute();
}

export async function findNotificationSettings(db: Db | Trx): Promise<Selectable<NotificationSettingsTable>[]> {
  return db.selectFrom('notificationSettings').selectAll().execute();
}

export async function saveNotificationSetting(trx: Trx, setting: NotificationSettingsTable): Promise<void> {
  await trx
    .insertInto('notificationSettings')
    .values(setting)
    .onConflict((conflict) =>
      conflict.column('kind').doUpdateSet({
        enabled: setting.enabled,
        updatedAt: setting.updatedAt,
        updatedByStaffId: setting.updatedByStaffId,
      }),
    )
    .execute();
}
