import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { OnboardingSession } from '../../../shared/onboarding-contracts.ts';
import { api } from '../../api/client.ts';

const base = (accountId: string) => `/api/staff/accounts/${accountId}/onboarding-session`;

export const onboardingSessionQuery = (accountId: string) =>
  queryOptions({
    queryKey: ['account', accountId, 'onboarding-session'],
    queryFn: () => api.get<OnboardingSession>(base(accountId)),
  });

export const outlineUrl = (accountId: string | null) =>
  accountId ? `${base(accountId)}/outline.pdf` : '/api/staff/onboarding/outline.pdf';

/** Every answer saves on its own; the server's session (with new versions) replaces the cached one. */
export function useSaveAnswer(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { key: string; value: unknown; expectedVersion: number }) =>
      api.put<OnboardingSession>(`${base(accountId)}/answers/${input.key}`, {
        value: input.value,
        expectedVersion: input.expectedVersion,
      }),
    onSuccess: (session) => {
      queryClient.setQueryData(onboardingSessionQuery(accountId).queryKey, session);
      void queryClient.invalidateQueries({ queryKey: ['account', accountId], exact: true });
    },
    // A conflict or a lost connection: show the server's copy again.
    onError: () => void queryClient.invalidateQueries({ queryKey: onboardingSessionQuery(accountId).queryKey }),
  });
}

export function useCompleteOnboarding(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<OnboardingSession>(`${base(accountId)}/complete`),
    onSuccess: (session) => {
      queryClient.setQueryData(onboardingSessionQuery(accountId).queryKey, session);
      void queryClient.invalidateQueries({ queryKey: ['account', accountId], exact: true });
      void queryClient.invalidateQueries({ queryKey: ['customers'] });
    },
  });
}
