import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { AuditEvent } from '../../../shared/audit-contracts.ts';
import type {
  Account,
  AccountContact,
  AccountStatus,
  Contact,
  ContactPreferencesBody,
  ContactSearchResult,
  CreateContactBody,
  CreateManagementCompanyBody,
  CreatePropertyBody,
  CustomerList,
  ListCustomersQuery,
  OnboardingChecklist,
  PortalKey,
  UpdateAccountBody,
  UpdateContactBody,
} from '../../../shared/customer-contracts.ts';
import { api, ifMatch, reasonHeader, toQuery } from '../../api/client.ts';

export const customerListQuery = (query: ListCustomersQuery) =>
  queryOptions({
    queryKey: ['customers', query],
    queryFn: () => api.get<CustomerList>(`/api/staff/customers${toQuery(query)}`),
    placeholderData: keepPreviousData,
  });

export const accountQuery = (accountId: string) =>
  queryOptions({
    queryKey: ['account', accountId],
    queryFn: () => api.get<Account>(`/api/staff/accounts/${accountId}`),
  });

export const accountContactsQuery = (accountId: string) =>
  queryOptions({
    queryKey: ['account', accountId, 'contacts'],
    queryFn: () => api.get<{ items: AccountContact[] }>(`/api/staff/accounts/${accountId}/contacts`),
  });

export const onboardingQuery = (accountId: string) =>
  queryOptions({
    queryKey: ['account', accountId, 'onboarding'],
    queryFn: () => api.get<OnboardingChecklist>(`/api/staff/accounts/${accountId}/onboarding`),
  });

export const accountActivityQuery = (accountId: string, page: number) =>
  queryOptions({
    queryKey: ['account', accountId, 'activity', page],
    queryFn: () =>
      api.get<{ items: AuditEvent[]; hasMore: boolean }>(
        `/api/staff/audit-events${toQuery({ accountId, page, pageSize: 25 })}`,
      ),
    placeholderData: keepPreviousData,
  });

export const contactQuery = (contactId: string) =>
  queryOptions({
    queryKey: ['contact', contactId],
    queryFn: () => api.get<Contact>(`/api/staff/contacts/${contactId}`),
  });

export const contactSearchQuery = (search: string) =>
  queryOptions({
    queryKey: ['contacts', 'search', search],
    queryFn: () => api.get<ContactSearchResult>(`/api/staff/contacts${toQuery({ search })}`),
    enabled: search.trim().length >= 2,
  });

/**
 * Every account change can move the list, the checklist and the activity; refetch what hangs off
 * accounts. Not awaited, so a mutation's own onSuccess (closing a modal, navigating) runs at once.
 */
/** Account changes (status, portal access switch) also change every contact's portal-access state. */
function useInvalidateAccounts() {
  const queryClient = useQueryClient();
  return () => {
    for (const queryKey of [['customers'], ['account'], ['contact'], ['portal-access'], ['account-portal-access']])
      void queryClient.invalidateQueries({ queryKey });
  };
}

export function useCreateManagementCompany() {
  const invalidate = useInvalidateAccounts();
  return useMutation({
    mutationFn: (body: CreateManagementCompanyBody) => api.post<Account>('/api/staff/management-companies', body),
    onSuccess: invalidate,
  });
}

export function useCreateProperty() {
  const invalidate = useInvalidateAccounts();
  return useMutation({
    mutationFn: (body: CreatePropertyBody) => api.post<Account>('/api/staff/properties', body),
    onSuccess: invalidate,
  });
}

export function useUpdateAccount(accountId: string, version: number) {
  const invalidate = useInvalidateAccounts();
  return useMutation({
    mutationFn: (body: UpdateAccountBody) =>
      api.put<Account>(`/api/staff/accounts/${accountId}`, body, ifMatch(version)),
    onSuccess: invalidate,
  });
}

export function useSetAccountStatus(accountId: string) {
  const invalidate = useInvalidateAccounts();
  return useMutation({
    mutationFn: (status: AccountStatus) => api.put<Account>(`/api/staff/accounts/${accountId}/status`, { status }),
    onSuccess: invalidate,
  });
}

export function useSetAccountPortalAccess(accountId: string) {
  const invalidate = useInvalidateAccounts();
  return useMutation({
    mutationFn: (enabled: boolean) => api.put<Account>(`/api/staff/accounts/${accountId}/portal-access`, { enabled }),
    onSuccess: invalidate,
  });
}

export function useRevealPortalKey(accountId: string) {
  const invalidate = useInvalidateAccounts();
  return useMutation({
    mutationFn: (reason: string) =>
      api.post<PortalKey>(`/api/staff/accounts/${accountId}/portal-key/reveal`, {}, reasonHeader(reason)),
    onSuccess: invalidate,
  });
}

export function useRotatePortalKey(accountId: string) {
  const invalidate = useInvalidateAccounts();
  return useMutation({
    mutationFn: () => api.post<PortalKey>(`/api/staff/accounts/${accountId}/portal-key/rotate`),
    onSuccess: invalidate,
  });
}

export function useSetOnboardingCheck(accountId: string) {
  const invalidate = useInvalidateAccounts();
  return useMutation({
    mutationFn: (input: { itemKey: string; done: boolean }) =>
      api.put<OnboardingChecklist>(`/api/staff/accounts/${accountId}/onboarding/${input.itemKey}`, {
        done: input.done,
      }),
    onSuccess: invalidate,
  });
}

export function useCreateContact() {
  const invalidate = useInvalidateAccounts();
  return useMutation({
    mutationFn: (body: CreateContactBody) => api.post<Contact>('/api/staff/contacts', body),
    onSuccess: invalidate,
  });
}

export function useUpdateContact(contactId: string, version: number) {
  const invalidate = useInvalidateAccounts();
  return useMutation({
    mutationFn: (body: UpdateContactBody) =>
      api.put<Contact>(`/api/staff/contacts/${contactId}`, body, ifMatch(version)),
    onSuccess: invalidate,
  });
}

export function useUpdateContactPreferences(contactId: string) {
  const invalidate = useInvalidateAccounts();
  return useMutation({
    mutationFn: (body: ContactPreferencesBody) =>
      api.put<Contact>(`/api/staff/contacts/${contactId}/preferences`, body),
    onSuccess: invalidate,
  });
}

export function useLinkContact(accountId: string) {
  const invalidate = useInvalidateAccounts();
  return useMutation({
    mutationFn: (contactId: string) => api.post<Contact>(`/api/staff/accounts/${accountId}/contacts`, { contactId }),
    onSuccess: invalidate,
  });
}

export function useUnlinkContact() {
  const invalidate = useInvalidateAccounts();
  return useMutation({
    mutationFn: (input: { accountId: string; contactId: string }) =>
      api.delete<void>(`/api/staff/accounts/${input.accountId}/contacts/${input.contactId}`),
    onSuccess: invalidate,
  });
}

export function useAddMeToAccountContacts(accountId: string) {
  const invalidate = useInvalidateAccounts();
  return useMutation({
    mutationFn: () => api.post<Contact>(`/api/staff/accounts/${accountId}/contacts/me`),
    onSuccess: invalidate,
  });
}
