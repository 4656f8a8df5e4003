import { queryOptions, useMutation } from '@tanstack/react-query';
import type {
  PublicRegistrationSettings,
  RegisterWithPortalKeyBody,
  RegisterWithPortalKeyResult,
  RequestPortalRegistrationBody,
} from '../../../shared/registration-contracts.ts';
import { api } from '../../api/client.ts';

export const publicRegistrationSettingsQuery = queryOptions({
  queryKey: ['registration-settings', 'public'],
  queryFn: () => api.get<PublicRegistrationSettings>('/api/portal/registration-settings'),
  staleTime: 60_000,
});

export function useRegisterWithPortalKey() {
  return useMutation({
    mutationFn: (body: RegisterWithPortalKeyBody) =>
      api.post<RegisterWithPortalKeyResult>('/api/portal/registrations', body),
  });
}

export function useRequestPortalRegistration() {
  return useMutation({
    mutationFn: (body: RequestPortalRegistrationBody) =>
      api.post<{ status: 'received' }>('/api/portal/registration-requests', body),
  });
}
