import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  startAuthentication,
  startRegistration,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import type {
  SecondFactorPolicy,
  SecondFactorProof,
  SecondFactorStatus,
  StepUpBody,
} from '../../../shared/second-factor-contracts.ts';
import type { StaffSession } from '../../../shared/staff-contracts.ts';
import { api } from '../../api/client.ts';
import { staffSessionQuery } from '../session/staff-session.ts';

const statusKey = ['second-factors'];
const policyKey = ['second-factor-policy'];

export function useSecondFactors() {
  return useQuery({ queryKey: statusKey, queryFn: () => api.get<SecondFactorStatus>('/api/staff/me/second-factors') });
}

function useRefresh() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: statusKey });
    void queryClient.invalidateQueries({ queryKey: staffSessionQuery.queryKey });
  };
}

export function useStartTotp() {
  return useMutation({ mutationFn: () => api.post<{ secret: string; uri: string }>('/api/staff/me/totp') });
}

export function useConfirmTotp() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (code: string) => api.post<{ recoveryCodes: string[] }>('/api/staff/me/totp/confirm', { code }),
    onSuccess: refresh,
  });
}

export function useRemoveTotp() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: () => api.delete<void>('/api/staff/me/totp'), onSuccess: refresh });
}

export function useRegenerateRecoveryCodes() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: () => api.post<{ recoveryCodes: string[] }>('/api/staff/me/recovery-codes'),
    onSuccess: refresh,
  });
}

export function useAddPasskey() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: async (name: string) => {
      const { options } = await api.post<{ options: PublicKeyCredentialCreationOptionsJSON }>(
        '/api/staff/me/passkeys/options',
      );
      const response = await startRegistration({ optionsJSON: options });
      return api.post<{ recoveryCodes: string[] }>('/api/staff/me/passkeys', { name, response });
    },
    onSuccess: refresh,
  });
}

export function useRemovePasskey() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (id: string) => api.delete<void>(`/api/staff/me/passkeys/${encodeURIComponent(id)}`),
    onSuccess: refresh,
  });
}

/** Asks the browser for one of my passkeys (second factor or step-up). */
export async function passkeyProof(): Promise<SecondFactorProof> {
  const { options } = await api.post<{ options: PublicKeyCredentialRequestOptionsJSON }>(
    '/api/staff/session/passkey-challenge',
  );
  const response = await startAuthentication({ optionsJSON: options });
  return { method: 'passkey', response: response as Extract<SecondFactorProof, { method: 'passkey' }>['response'] };
}

export function useCompleteSecondFactor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (proof: SecondFactorProof | 'passkey') =>
      (proof === 'passkey' ? passkeyProof() : Promise.resolve(proof)).then((body) =>
        api.post<StaffSession>('/api/staff/session/second-factor', body),
      ),
    onSuccess: (session) => queryClient.setQueryData(staffSessionQuery.queryKey, session),
  });
}

export function usePasskeySignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const { options } = await api.post<{ options: PublicKeyCredentialRequestOptionsJSON }>(
        '/api/staff/passkey-sign-in/options',
      );
      const response = await startAuthentication({ optionsJSON: options });
      return api.post<StaffSession>('/api/staff/passkey-sign-in', { response });
    },
    onSuccess: (session) => queryClient.setQueryData(staffSessionQuery.queryKey, session),
  });
}

export function stepUp(body: StepUpBody | 'passkey'): Promise<StaffSession> {
  return (body === 'passkey' ? passkeyProof() : Promise.resolve(body)).then((proof) =>
    api.post<StaffSession>('/api/staff/session/step-up', proof),
  );
}

export function useSecondFactorPolicy(enabled: boolean) {
  return useQuery({
    queryKey: policyKey,
    queryFn: () => api.get<SecondFactorPolicy>('/api/staff/second-factor-policy'),
    enabled,
  });
}

export function useUpdateSecondFactorPolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { role: string; required: boolean }) =>
      api.put<SecondFactorPolicy>('/api/staff/second-factor-policy', body),
    onSuccess: (policy) => queryClient.setQueryData(policyKey, policy),
  });
}
