import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { ProLinkInspection, ProSession } from '../../shared/pro-access-contracts.ts';
import { api } from '../api/client.ts';
export const proSessionQuery = queryOptions({
  queryKey: ['pro-session'],
  queryFn: () => api.get<ProSession>('/api/pro/session'),
  staleTime: 30_000,
});

export function useRequestProLink() {
  return useMutation({
    mutationFn: (login: string) => api.post<{ message: string }>('/api/pro/sign-in-links', { login }),
  });
}

export const inspectProLink = (token: string) => api.post<ProLinkInspection>('/api/pro/links/inspect', { token });

export function useRedeemProLink() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token: string) => api.post<void>('/api/pro/links/redeem', { token }),
    onSuccess: () => queryClient.clear(),
  });
}

export function useSignOutPro() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete<void>('/api/pro/session'),
    onSettled: () => queryClient.clear(),
  });
}
