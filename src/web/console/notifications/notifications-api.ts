import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  ListOutboxMessagesQuery,
  MessagePreview,
  MessageTemplateBody,
  MessageTemplateView,
  NotificationSetting,
  OutboxChannel,
  OutboxMessageList,
  OutboxMessageView,
} from '../../../shared/notifications-contracts.ts';
import { api, toQuery } from '../../api/client.ts';

export function outboxMessagesQuery(filter: Partial<ListOutboxMessagesQuery>) {
  return queryOptions({
    queryKey: ['outbox-messages', filter],
    queryFn: () => api.get<OutboxMessageList>(`/api/staff/outbox-messages${toQuery(filter)}`),
    // Delivery happens in the background; keep the list current while the page is open.
    refetchInterval: 5000,
  });
}

export const messageTemplatesQuery = queryOptions({
  queryKey: ['message-templates'],
  queryFn: () => api.get<{ items: MessageTemplateView[] }>('/api/staff/message-templates'),
});

export const notificationSettingsQuery = queryOptions({
  queryKey: ['notification-settings'],
  queryFn: () => api.get<{ items: NotificationSetting[] }>('/api/staff/notification-settings'),
});

export function useRetryOutboxMessage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api.post<OutboxMessageView>(`/api/staff/outbox-messages/${encodeURIComponent(id)}/retry`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['outbox-messages'] }),
  });
}

export function useUpdateMessageTemplate(kind: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: MessageTemplateBody) =>
      api.put<MessageTemplateView>(`/api/staff/message-templates/${encodeURIComponent(kind)}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: messageTemplatesQuery.queryKey }),
  });
}

export function useResetMessageTemplate(kind: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<MessageTemplateView>(`/api/staff/message-templates/${encodeURIComponent(kind)}/reset`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: messageTemplatesQuery.queryKey }),
  });
}

export function usePreviewMessageTemplate(kind: string) {
  return useMutation({
    mutationFn: (body: MessageTemplateBody) =>
      api.post<MessagePreview>(`/api/staff/message-templates/${encodeURIComponent(kind)}/preview`, body),
  });
}

export function useUpdateNotificationSetting() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { kind: string; enabled: boolean }) =>
      api.put<NotificationSetting>(`/api/staff/notification-settings/${encodeURIComponent(input.kind)}`, {
        enabled: input.enabled,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationSettingsQuery.queryKey }),
  });
}

export function useSendTestMessage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { channel: OutboxChannel; to: string }) =>
      api.post<{ id: string }>('/api/staff/notification-test-messages', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['outbox-messages'] }),
  });
}
