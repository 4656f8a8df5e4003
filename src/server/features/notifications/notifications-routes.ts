import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ApiErrorSchema } from '../../../shared/api-error.ts';
import {
  ListOutboxMessagesQuerySchema,
  MessageKindParamsSchema,
  MessagePreviewSchema,
  MessageTemplateBodySchema,
  MessageTemplateListSchema,
  MessageTemplateSchema,
  NotificationSettingListSchema,
  NotificationSettingSchema,
  OutboxMessageListSchema,
  OutboxMessageParamsSchema,
  OutboxMessageSchema,
  SendTestMessageBodySchema,
  SendTestMessageResultSchema,
  UpdateNotificationSettingBodySchema,
} from '../../../shared/notifications-contracts.ts';
import type { Deps } from '../../deps.ts';
import { actorOf, requireStaff } from '../../http/access.ts';
import { hideLiveLinks } from '../../outbox/live-links.ts';
import { MESSAGE_KINDS } from '../../outbox/message-kinds.ts';
import type { OutboxMessageRow } from './notifications-repository.ts';

const KIND_LABELS = new Map(MESSAGE_KINDS.map((kind) => [kind.id, kind.label]));

/** Never the payload (it may hold a live link); rendered content only exists for captured messages. */
export function presentOutboxMessage(row: OutboxMessageRow) {
  return {
    id: row.id,
    kind: row.kind,
    kindLabel: KIND_LABELS.get(row.kind) ?? row.kind,
    channel: row.channel,
    to: JSON.parse(row.recipientsJson) as string[],
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError,
    captured: row.captured === 1,
    subject: row.renderedSubject,
    // Rows captured before links were hidden at capture time still go out hidden.
    text: hideLiveLinks(row.renderedText),
    html: hideLiveLinks(row.renderedHtml),
    createdAt: row.createdAt,
    nextAttemptAt: row.nextAttemptAt,
    sentAt: row.sentAt,
    expiresAt: row.expiresAt,
  };
}

export const notificationsRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const service = deps.notifications.service;
  const tags = ['notifications'];

  app.get(
    '/api/staff/outbox-messages',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'listOutboxMessages',
        tags,
        summary: 'Outgoing email and SMS, newest first; captured messages include their rendered content',
        querystring: ListOutboxMessagesQuerySchema,
        response: { 200: OutboxMessageListSchema, 400: ApiErrorSchema, 401: ApiErrorSchema },
      },
    },
    async (request) => {
      const { rows, hasMore } = await service.listOutboxMessages(request.query);
      return { items: rows.map(presentOutboxMessage), hasMore };
    },
  );

  app.post(
    '/api/staff/outbox-messages/:id/retry',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'retryOutboxMessage',
        tags,
        summary: 'Queue a dead message for a fresh round of delivery attempts',
        params: OutboxMessageParamsSchema,
        response: { 200: OutboxMessageSchema, 401: ApiErrorSchema, 404: ApiErrorSchema, 409: ApiErrorSchema },
      },
    },
    async (request) =>
      presentOutboxMessage(await service.retryOutboxMessage({ id: request.params.id, actor: actorOf(request) })),
  );

  app.get(
    '/api/staff/message-templates',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'listMessageTemplates',
        tags,
        summary: 'The template of every message kind, with the merge tags it may use',
        response: { 200: MessageTemplateListSchema, 401: ApiErrorSchema },
      },
    },
    async () => ({ items: await service.listMessageTemplates() }),
  );

  app.put(
    '/api/staff/message-templates/:kind',
    {
      config: { access: 'staff:admin' },
      schema: {
        operationId: 'updateMessageTemplate',
        tags,
        summary: 'Save a message kind’s template; unknown merge tags are rejected',
        params: MessageKindParamsSchema,
        body: MessageTemplateBodySchema,
        response: {
          200: MessageTemplateSchema,
          400: ApiErrorSchema,
          401: ApiErrorSchema,
          403: ApiErrorSchema,
          404: ApiErrorSchema,
        },
      },
    },
    async (request) =>
      service.updateMessageTemplate({ kind: request.params.kind, template: request.body, actor: actorOf(request) }),
  );

  app.post(
    '/api/staff/message-templates/:kind/reset',
    {
      config: { access: 'staff:admin' },
      schema: {
        operationId: 'resetMessageTemplate',
        tags,
        summary: 'Go back to the built-in template of a message kind',
        params: MessageKindParamsSchema,
        response: { 200: MessageTemplateSchema, 401: ApiErrorSchema, 403: ApiErrorSchema, 404: ApiErrorSchema },
      },
    },
    async (request) => service.resetMessageTemplate({ kind: request.params.kind, actor: actorOf(request) }),
  );

  app.post(
    '/api/staff/message-templates/:kind/preview',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'previewMessageTemplate',
        tags,
        summary: 'Render an unsaved template with the kind’s sample data',
        params: MessageKindParamsSchema,
        body: MessageTemplateBodySchema,
        response: { 200: MessagePreviewSchema, 400: ApiErrorSchema, 401: ApiErrorSchema, 404: ApiErrorSchema },
      },
    },
    async (request) => service.previewMessageTemplate({ kind: request.params.kind, template: request.body }),
  );

  app.get(
    '/api/staff/notification-settings',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'listNotificationSettings',
        tags,
        summary: 'Which message kinds are sent; security notices cannot be switched off',
        response: { 200: NotificationSettingListSchema, 401: ApiErrorSchema },
      },
    },
    async () => ({ items: await service.listNotificationSettings() }),
  );

  app.put(
    '/api/staff/notification-settings/:kind',
    {
      config: { access: 'staff:admin' },
      schema: {
        operationId: 'updateNotificationSetting',
        tags,
        summary: 'Switch a message kind on or off',
        params: MessageKindParamsSchema,
        body: UpdateNotificationSettingBodySchema,
        response: {
          200: NotificationSettingSchema,
          400: ApiErrorSchema,
          401: ApiErrorSchema,
          403: ApiErrorSchema,
          404: ApiErrorSchema,
        },
      },
    },
    async (request) =>
      service.updateNotificationSetting({
        kind: request.params.kind,
        enabled: request.body.enabled,
        actor: actorOf(request),
      }),
  );

  app.post(
    '/api/staff/notification-test-messages',
    {
      config: { access: 'staff' },
      schema: {
        operationId: 'sendTestMessage',
        tags,
        summary: 'Queue a test email or text message to check delivery settings',
        body: SendTestMessageBodySchema,
        response: { 202: SendTestMessageResultSchema, 400: ApiErrorSchema, 401: ApiErrorSchema },
      },
    },
    async (request, reply) => {
      const result = await service.sendTestMessage({
        ...request.body,
        staff: requireStaff(request),
        actor: actorOf(request),
      });
      return reply.status(202).send(result);
    },
  );
};
