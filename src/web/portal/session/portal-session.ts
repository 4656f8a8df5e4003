import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useEffect } from 'react';
import type {
  AccessLinkInspection,
  CustomerAccount,
  CustomerSession,
  RedeemAccessLinkBody,
  RedeemedAccessLink,
} from '../../../shared/portal-access-contracts.ts';
import { ApiRequestError, api } from '../../api/client.ts';

export const customerSessionQuery = queryOptions({
  queryKey: ['customer-session'],
  queryFn: () => api.get<CustomerSession>('/api/portal/session'),
  staleTime: 30_000,
});

export const customerAccountsQuery = queryOptions({
  queryKey: ['customer-accounts'],
  queryFn: () => api.get<{ items: CustomerAccount[] }>('/api/portal/accounts'),
});

/**
 * A session ended elsewhere (signed out from another device, "sign out everywhere", a password change):
 * the next request of this page is refused, and the customer lands on the sign-in page told why.
 */
export function useSignInAgainWhenSignedOut() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  useEffect(() => {
    const signedOut = (error: unknown) => error instanceof ApiRequestError && error.status === 401;
    const leave = () => {
      queryClient.clear();
      void navigate({ to: '/portal/sign-in', search: { notice: 'session_ended' } });
    };
    const queries = queryClient.getQueryCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error' && signedOut(event.action.error)) leave();
    });
    const mutations = queryClient.getMutationCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error' && signedOut(event.action.error)) leave();
    });
    return () => {
      queries();
      mutations();
    };
  }, [queryClient, navigate]);
}

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
