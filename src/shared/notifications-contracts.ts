import { z } from 'zod';

export const OutboxStatusSchema = z.enum(['queued', 'processing', 'sent', 'dead', 'skipped_expired', 'cancelled']);
export type OutboxStatus = z.infer<typeof OutboxStatusSchema>;
export const OutboxChannelSchema = z.enum(['email', 'sms']);
export type OutboxChannel = z.infer<typeof OutboxChannelSchema>;

export const ListOutboxMessagesQuerySchema = z.strictObject({
  /** Exact recipient address or phone number (case-insensitive). */
  to: z.string().trim().min(1).max(320).optional(),
  /** Part of a recipient address or number. */
  search: z.string().trim().min(1).max(320).optional(),
  kind: z.string().max(64).optional(),
  status: OutboxStatusSchema.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListOutboxMessagesQuery = z.infer<typeof ListOutboxMessagesQuerySchema>;

export const OutboxMessageSchema = z.object({
  id: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  channel: OutboxChannelSchema,
  to: z.array(z.string()),
  status: OutboxStatusSchema,
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  /** Rendered content, only for captured messages (no provider configured). */
  captured: z.boolean(),
  subject: z.string().nullable(),
  text: z.string().nullable(),
  html: z.string().nullable(),
  createdAt: z.string(),
  nextAttemptAt: z.string(),
  sentAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
});
export type OutboxMessageView = z.infer<typeof OutboxMessageSchema>;

export const OutboxMessageListSchema = z.object({ items: z.array(OutboxMessageSchema), hasMore: z.boolean() });
export type OutboxMessageList = z.infer<typeof OutboxMessageListSchema>;

export const OutboxMessageParamsSchema = z.object({ id: z.string().min(1).max(64) });
export const MessageKindParamsSchema = z.object({ kind: z.string().min(1).max(64) });

export const MessageTemplateBodySchema = z.strictObject({
  subject: z.string().max(300),
  html: z.string().max(100_000),
  text: z.string().max(100_000),
});
export type MessageTemplateBody = z.infer<typeof MessageTemplateBodySchema>;

export const MessageTemplateSchema = z.object({
  kind: z.string(),
  label: z.string(),
  description: z.string(),
  channel: OutboxChannelSchema,
  mergeTags: z.array(z.string()),
  subject: z.string(),
  html: z.string(),
  text: z.string(),
  isCustomized: z.boolean(),
  updatedAt: z.string().nullable(),
});
export type MessageTemplateView = z.infer<typeof MessageTemplateSchema>;
export const MessageTemplateListSchema = z.object({ items: z.array(MessageTemplateSchema) });

export const MessagePreviewSchema = z.object({ subject: z.string(), html: z.string(), text: z.string() });
export type MessagePreview = z.infer<typeof MessagePreviewSchema>;

export const NotificationSettingSchema = z.object({
  kind: z.string(),
  label: z.string(),
  description: z.string(),
  channel: OutboxChannelSchema,
  canBeDisabled: z.boolean(),
  enabled: z.boolean(),
});
export type NotificationSetting = z.infer<typeof NotificationSettingSchema>;
export const NotificationSettingListSchema = z.object({ items: z.array(NotificationSettingSchema) });
export const UpdateNotificationSettingBodySchema = z.strictObject({ enabled: z.boolean() });

export const SendTestMessageBodySchema = z.strictObject({
  channel: OutboxChannelSchema,
  /** An email address, or a phone number (E.164, or US national format). */
  to: z.string().trim().min(3).max(320),
});
export const SendTestMessageResultSchema = z.object({ id: z.string() });
