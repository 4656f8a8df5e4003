import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AccountPricing,
  AccountSetupStatus,
  CreateUnitsBody,
  Floorplan,
  FloorplanFields,
  FloorplanPricelist,
  MasterPricelist,
  PriceEntry,
  Pro,
  ProFields,
  ProPreference,
  Service,
  ServiceFields,
  ServiceProfile,
  SetProPreferencesBody,
  Unit,
  UnitFields,
  UpdateAccountPricingBody,
  UpdateServiceProfileBody,
} from '../../../shared/catalog-contracts.ts';
import { api, ifMatch } from '../../api/client.ts';

type AccountService = Service & { position: number };

/** Query keys: everything about one account hangs under ['catalog', accountId] so one invalidation refreshes its tabs. */
export const catalogKeys = {
  services: (includeInactive: boolean) => ['catalog', 'services', includeInactive] as const,
  masterPricelist: ['catalog', 'master-pricelist'] as const,
  pros: ['catalog', 'pros'] as const,
  account: (accountId: string) => ['catalog', 'account', accountId] as const,
  accountPart: (accountId: string, part: string) => ['catalog', 'account', accountId, part] as const,
  floorplanPrices: (floorplanId: string) => ['catalog', 'floorplan-prices', floorplanId] as const,
};

export const useServices = (includeInactive = false) =>
  useQuery({
    queryKey: catalogKeys.services(includeInactive),
    queryFn: () => api.get<{ items: Service[] }>(`/api/staff/services?includeInactive=${includeInactive}`),
  });

export const useMasterPricelist = () =>
  useQuery({
    queryKey: catalogKeys.masterPricelist,
    queryFn: () => api.get<MasterPricelist>('/api/staff/master-pricelist'),
  });

export const usePros = () =>
  useQuery({ queryKey: catalogKeys.pros, queryFn: () => api.get<{ items: Pro[] }>('/api/staff/pros') });

export const useAccountServices = (accountId: string) =>
  useQuery({
    queryKey: catalogKeys.accountPart(accountId, 'services'),
    queryFn: () => api.get<{ items: AccountService[] }>(`/api/staff/accounts/${accountId}/services`),
  });

// Always refetched on mount: contacts, account status and portal access change on other tabs.
export const useServiceProfile = (accountId: string) =>
  useQuery({
    queryKey: catalogKeys.accountPart(accountId, 'service-profile'),
    queryFn: () => api.get<ServiceProfile>(`/api/staff/accounts/${accountId}/service-profile`),
    staleTime: 0,
  });

export const useAccountPricing = (accountId: string) =>
  useQuery({
    queryKey: catalogKeys.accountPart(accountId, 'pricing'),
    queryFn: () => api.get<AccountPricing>(`/api/staff/accounts/${accountId}/pricing`),
  });

export const useSetupStatus = (accountId: string) =>
  useQuery({
    queryKey: catalogKeys.accountPart(accountId, 'setup-status'),
    queryFn: () => api.get<AccountSetupStatus>(`/api/staff/accounts/${accountId}/setup-status`),
    staleTime: 0,
  });

export const useFloorplans = (accountId: string) =>
  useQuery({
    queryKey: catalogKeys.accountPart(accountId, 'floorplans'),
    queryFn: () => api.get<{ items: Floorplan[] }>(`/api/staff/accounts/${accountId}/floorplans`),
  });

export const useFloorplanPrices = (floorplanId: string | null) =>
  useQuery({
    queryKey: catalogKeys.floorplanPrices(floorplanId ?? ''),
    queryFn: () => api.get<FloorplanPricelist>(`/api/staff/floorplans/${floorplanId}/prices`),
    enabled: Boolean(floorplanId),
  });

export const useUnits = (accountId: string) =>
  useQuery({
    queryKey: catalogKeys.accountPart(accountId, 'units'),
    queryFn: () => api.get<{ items: Unit[] }>(`/api/staff/accounts/${accountId}/units`),
  });

export const useProPreferences = (accountId: string) =>
  useQuery({
    queryKey: catalogKeys.accountPart(accountId, 'pro-preferences'),
    queryFn: () => api.get<{ items: ProPreference[] }>(`/api/staff/accounts/${accountId}/pro-preferences`),
  });

/** A mutation that refreshes every catalog query afterwards (setup status depends on most of them). */
function useCatalogMutation<Variables, Result>(mutationFn: (variables: Variables) => Promise<Result>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => queryClient.invalidateQueries({ queryKey: ['catalog'] }) });
}

export const useCreateService = () =>
  useCatalogMutation((body: ServiceFields) => api.post<Service>('/api/staff/services', body));
export const useUpdateService = () =>
  useCatalogMutation(({ serviceId, body }: { serviceId: string; body: ServiceFields }) =>
    api.put<Service>(`/api/staff/services/${serviceId}`, body),
  );
export const useCreateAccountService = (accountId: string) =>
  useCatalogMutation((body: ServiceFields) => api.post<Service>(`/api/staff/accounts/${accountId}/services`, body));
export const useReorderAccountServices = (accountId: string) =>
  useCatalogMutation((serviceIds: string[]) =>
    api.put<{ items: AccountService[] }>(`/api/staff/accounts/${accountId}/services/order`, { serviceIds }),
  );
export const useSetMasterPrices = () =>
  useCatalogMutation(({ prices, version }: { prices: PriceEntry[]; version: number }) =>
    api.put<MasterPricelist>('/api/staff/master-pricelist', { prices }, ifMatch(version)),
  );
export const useUpdateServiceProfile = (accountId: string, version: number) =>
  useCatalogMutation((body: UpdateServiceProfileBody) =>
    api.put<ServiceProfile>(`/api/staff/accounts/${accountId}/service-profile`, body, ifMatch(version)),
  );
export const useUpdateAccountPricing = (accountId: string, version: number) =>
  useCatalogMutation((body: UpdateAccountPricingBody) =>
    api.put<AccountPricing>(`/api/staff/accounts/${accountId}/pricing`, body, ifMatch(version)),
  );
export const useCreateFloorplan = (accountId: string) =>
  useCatalogMutation((body: FloorplanFields) =>
    api.post<Floorplan>(`/api/staff/accounts/${accountId}/floorplans`, body),
  );
export const useUpdateFloorplan = () =>
  useCatalogMutation(
    ({ floorplanId, body, version }: { floorplanId: string; body: FloorplanFields; version: number }) =>
      api.put<Floorplan>(`/api/staff/floorplans/${floorplanId}`, body, ifMatch(version)),
  );
export const useDeleteFloorplan = () =>
  useCatalogMutation((floorplanId: string) => api.delete<void>(`/api/staff/floorplans/${floorplanId}`));
export const useSetFloorplanPrices = () =>
  useCatalogMutation(
    ({ floorplanId, prices, version }: { floorplanId: string; prices: PriceEntry[]; version: number }) =>
      api.put<FloorplanPricelist>(`/api/staff/floorplans/${floorplanId}/prices`, { prices }, ifMatch(version)),
  );
export const useCreateUnit = (accountId: string) =>
  useCatalogMutation((body: UnitFields) => api.post<Unit>(`/api/staff/accounts/${accountId}/units`, body));
export const useCreateUnits = (accountId: string) =>
  useCatalogMutation((body: CreateUnitsBody) =>
    api.post<{ items: Unit[] }>(`/api/staff/accounts/${accountId}/units/bulk`, body),
  );
export const useUpdateUnit = () =>
  useCatalogMutation(({ unitId, body, version }: { unitId: string; body: UnitFields; version: number }) =>
    api.put<Unit>(`/api/staff/units/${unitId}`, body, ifMatch(version)),
  );
export const useDeleteUnit = () =>
  useCatalogMutation((unitId: string) => api.delete<void>(`/api/staff/units/${unitId}`));
export const useCreatePro = () => useCatalogMutation((body: ProFields) => api.post<Pro>('/api/staff/pros', body));
export const useUpdatePro = () =>
  useCatalogMutation(({ proId, body, version }: { proId: string; body: ProFields; version: number }) =>
    api.put<Pro>(`/api/staff/pros/${proId}`, body, ifMatch(version)),
  );
export const useDeletePro = () => useCatalogMutation((proId: string) => api.delete<void>(`/api/staff/pros/${proId}`));
export const useSetProPreferences = (accountId: string) =>
  useCatalogMutation((body: SetProPreferencesBody) =>
    api.put<{ items: ProPreference[] }>(`/api/staff/accounts/${accountId}/pro-preferences`, body),
  );

/** Dollars typed in a form → integer cents for the API; empty stays empty. */
export function dollarsToCents(value: number | string | null | undefined): number | null {
  if (value === '' || value === null || value === undefined) return null;
  return Math.round(Number(value) * 100);
}

export function centsToDollars(value: number | null | undefined): number | string {
  return value === null || value === undefined ? '' : value / 100;
}
