import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  AccessTimelineEntry,
  AccountPortalAccess,
  GrantPortalAccessBody,
  LinkSent,
  PortalAccess,
  TemporaryPassword,
} from '../../../shared/portal-access-contracts.ts';
import { api, reasonHeader } from '../../api/client.ts';

const base = (contactId: string) => `/api/staff/contacts/${contactId}/portal-access`;

export const portalAccessQuery = (contactId: string) =>
  queryOptions({
    queryKey: ['portal-access', contactId],
    queryFn: () => api.get<PortalAccess>(base(contactId)),
  });

export const portalAccessTimelineQuery = (contactId: string) =>
  queryOptions({
    queryKey: ['portal-access', contactId, 'timeline'],
    queryFn: () => api.get<{ items: AccessTimelineEntry[] }>(`${base(contactId)}/timeline`),
  });

export const accountPortalAccessQuery = (accountId: string) =>
  queryOptions({
    queryKey: ['account-portal-access', accountId],
    queryFn: () => api.get<AccountPortalAccess>(`/api/staff/accounts/${accountId}/portal-access`),
  });

/** Every staff action refreshes the panel and its timeline. */
function useContactAction<Input, Output>(contactId: string, call: (input: Input) => Promise<Output>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['portal-access', contactId] }),
  });
}

export function usePortalAccessActions(contactId: string) {
  return {
    grant: useContactAction(contactId, ({ reason, ...body }: GrantPortalAccessBody & { reason?: string }) =>
      api.post<{ credentialCreateEmailQueued: boolean; access: PortalAccess }>(
        `${base(contactId)}/grant`,
        body,
        reason ? reasonHeader(reason) : {},
      ),
    ),
    revoke: useContactAction(contactId, () => api.post<PortalAccess>(`${base(contactId)}/revoke`)),
    sendLink: useContactAction(
      contactId,
      (path: 'credential-create-email' | 'password-reset-email' | 'login-link-email' | 'welcome-email') =>
        api.post<LinkSent>(`${base(contactId)}/${path}`),
    ),
    temporaryPassword: useContactAction(
      contactId,
      ({ reason, ...body }: { sendEmail: boolean; password?: string; confirmPassword?: string; reason: string }) =>
        api.post<TemporaryPassword>(`${base(contactId)}/temporary-password`, body, reasonHeader(reason)),
    ),
    updateUsername: useContactAction(contactId, (username: string) =>
      api.put<PortalAccess>(`${base(contactId)}/username`, { username }),
    ),
    deleteUsername: useContactAction(contactId, () => api.delete<PortalAccess>(`${base(contactId)}/username`)),
    unlock: useContactAction(contactId, () => api.post<PortalAccess>(`${base(contactId)}/unlock`)),
    viewAs: useContactAction(contactId, (reason: string) =>
      api.post<{ expiresAt: string; portalUrl: string }>(`${base(contactId)}/view-as`, {}, reasonHeader(reason)),
    ),
  };
}
