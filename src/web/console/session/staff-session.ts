import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { ChangeStaffPasswordBody, SignInStaffBody, StaffSession } from '../../../shared/staff-contracts.ts';
import { api } from '../../api/client.ts';

export const staffSessionQuery = queryOptions({
  queryKey: ['staff-session'],
  queryFn: () => api.get<StaffSession>('/api/staff/session'),
  staleTime: 60_000,
});

export function useSignInStaff() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SignInStaffBody) => api.post<StaffSession>('/api/staff/session', body),
    onSuccess: (session) => queryClient.setQueryData(staffSessionQuery.queryKey, session),
  });
}

export function useSignOutStaff() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete<void>('/api/staff/session'),
    onSettled: () => queryClient.clear(),
  });
}

export function useChangeStaffPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ChangeStaffPasswordBody) => api.post<StaffSession>('/api/staff/session/password', body),
    onSuccess: (session) => queryClient.setQueryData(staffSessionQuery.queryKey, session),
  });
}
