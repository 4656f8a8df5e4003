import { queryOptions, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  AccessLinkInspection,
  CustomerAccountList,
  CustomerSession,
  RedeemAccessLinkBody,
  RedeemedAccessLink,
} from '../../../shared/portal-access-contracts.ts';
import { api, toQuery } from '../../api/client.ts';

export const customerSessionQuery = queryOptions({
  queryKey: ['customer-session'],
  queryFn: () => api.get<CustomerSession>('/api/portal/session'),
  staleTime: 30_000,
});

/** The management companies the contact belongs to: few, but paged like every list. */
export const useCustomerCompanies = () =>
  useInfiniteQuery({
    queryKey: ['customer-accounts', 'management_company'],
    queryFn: ({ pageParam }) =>
      api.get<CustomerAccountList>(`/api/portal/accounts${toQuery({ kind: 'management_company', cursor: pageParam })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export function useSignInCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { login: string; password: string }) =>
      api.post<{ mustChangePassword: boolean }>('/api/portal/session', body),
    onSuccess: () => queryClient.clear(),
  });
}

export function useSignOutCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete<void>('/api/portal/session'),
    onSettled: () => queryClient.clear(),
  });
}

export function useChangeCustomerPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      api.post<void>('/api/portal/session/password', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: customerSessionQuery.queryKey }),
  });
}

export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: (body: { login: string }) => api.post<{ message: string }>('/api/portal/password-reset', body),
  });
}

export function inspectAccessLink(token: string) {
  return api.post<AccessLinkInspection>('/api/portal/links/inspect', { token });
}

export function useRedeemAccessLink() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RedeemAccessLinkBody) => api.post<RedeemedAccessLink>('/api/portal/links/redeem', body),
    onSuccess: () => queryClient.clear(),
  });
}

export function checkUsernameAvailability(token: string, username: string) {
  return api.post<{ available: boolean; message: string | null }>('/api/portal/links/username-availability', {
    token,
    username,
  });
}
