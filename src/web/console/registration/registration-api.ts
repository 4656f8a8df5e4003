import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  CloseRegistrationRequestBody,
  MatchRegistrationRequestBody,
  PortalKeyEmailPreview,
  RegistrationAccountCandidate,
  RegistrationContactCandidate,
  RegistrationRequestDetail,
  RegistrationRequestList,
  RegistrationSettings,
  UpdateRegistrationSettingsBody,
} from '../../../shared/registration-contracts.ts';
import { api, toQuery } from '../../api/client.ts';

export type RequestStateFilter = 'open' | 'matched' | 'closed' | 'all';

export const registrationRequestsQuery = (filter: { state: RequestStateFilter; search: string; page: number }) =>
  queryOptions({
    queryKey: ['registration-requests', filter],
    queryFn: () =>
      api.get<RegistrationRequestList>(`/api/staff/registration-requests${toQuery({ ...filter, pageSize: 25 })}`),
    placeholderData: keepPreviousData,
  });

export const registrationRequestQuery = (requestId: string) =>
  queryOptions({
    queryKey: ['registration-request', requestId],
    queryFn: () => api.get<RegistrationRequestDetail>(`/api/staff/registration-requests/${requestId}`),
  });

export const accountCandidatesQuery = (requestId: string, search: string) =>
  queryOptions({
    queryKey: ['registration-request', requestId, 'accounts', search],
    queryFn: () =>
      api.get<{ items: RegistrationAccountCandidate[] }>(
        `/api/staff/registration-requests/${requestId}/account-candidates${toQuery({ search })}`,
      ),
    placeholderData: keepPreviousData,
  });

export const contactCandidatesQuery = (requestId: string, accountId: string) =>
  queryOptions({
    queryKey: ['registration-request', requestId, 'contacts', accountId],
    queryFn: () =>
      api.get<{ items: RegistrationContactCandidate[] }>(
        `/api/staff/registration-requests/${requestId}/contact-candidates${toQuery({ accountId })}`,
      ),
  });

export const portalKeyEmailPreviewQuery = (requestId: string) =>
  queryOptions({
    queryKey: ['registration-request', requestId, 'portal-key-email'],
    queryFn: () => api.get<PortalKeyEmailPreview>(`/api/staff/registration-requests/${requestId}/portal-key-email`),
    staleTime: 0,
  });

export const registrationSettingsQuery = queryOptions({
  queryKey: ['registration-settings', 'staff'],
  queryFn: () => api.get<RegistrationSettings>('/api/staff/registration-settings'),
});

/** Every change to a request answers with the updated request; the queue refreshes behind it. */
function useRequestMutation<Body>(requestId: string, send: (body: Body) => Promise<RegistrationRequestDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (detail) => {
      queryClient.setQueryData(registrationRequestQuery(requestId).queryKey, detail);
      void queryClient.invalidateQueries({ queryKey: ['registration-requests'] });
    },
  });
}

export function useMatchRegistrationRequest(requestId: string) {
  return useRequestMutation(requestId, (body: MatchRegistrationRequestBody) =>
    api.post<RegistrationRequestDetail>(`/api/staff/registration-requests/${requestId}/match`, body),
  );
}

export function useSetRegistrationStep(requestId: string) {
  return useRequestMutation(requestId, (body: { stepId: string }) =>
    api.post<RegistrationRequestDetail>(`/api/staff/registration-requests/${requestId}/step`, body),
  );
}

export function useSendPortalKey(requestId: string) {
  return useRequestMutation(requestId, () =>
    api.post<RegistrationRequestDetail>(`/api/staff/registration-requests/${requestId}/portal-key-email`),
  );
}

export function useCloseRegistrationRequest(requestId: string) {
  return useRequestMutation(requestId, (body: CloseRegistrationRequestBody) =>
    api.post<RegistrationRequestDetail>(`/api/staff/registration-requests/${requestId}/close`, body),
  );
}

export function useAddRegistrationNote(requestId: string) {
  return useRequestMutation(requestId, (body: { text: string }) =>
    api.post<RegistrationRequestDetail>(`/api/staff/registration-requests/${requestId}/notes`, body),
  );
}

export function useUpdateRegistrationSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateRegistrationSettingsBody) =>
      api.put<RegistrationSettings>('/api/staff/registration-settings', body),
    onSuccess: (settings) => {
      queryClient.setQueryData(registrationSettingsQuery.queryKey, settings);
      void queryClient.invalidateQueries({ queryKey: ['registration-settings', 'public'] });
    },
  });
}
