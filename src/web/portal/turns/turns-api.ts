import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AccountServiceListSchema,
  FloorplanPricelist,
  Service,
  Unit,
  Floorplan,
} from '../../../shared/catalog-contracts.ts';
import type {
  Calendar,
  CreateTurnBody,
  CustomServiceBody,
  TurnCounts,
  TurnStatus,
  PortalProperty,
  PortalPropertyList,
  PortalPropertyUserList,
  SetTurnPurchaseOrdersBody,
  Turn,
  TurnPreview,
  TurnPreviewBody,
  TurnList,
  UpdatePropertyAddressBody,
  UpdateTurnBody,
} from '../../../shared/turn-contracts.ts';
import type { z } from 'zod';
import { api, toQuery } from '../../api/client.ts';

type AccountServices = z.infer<typeof AccountServiceListSchema>;

/** The home's property cards, a page at a time ("Show more properties" fetches the page after the last card). */
export const usePortalPropertyPages = (search: string | undefined) =>
  useInfiniteQuery({
    queryKey: ['portal', 'properties', 'pages', search],
    queryFn: ({ pageParam }) =>
      api.get<PortalPropertyList>(`/api/portal/properties${toQuery({ search, cursor: pageParam })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });

export const usePortalProperty = (accountId: string) =>
  useQuery({
    queryKey: ['portal', 'properties', accountId],
    queryFn: () => api.get<PortalProperty>(`/api/portal/properties/${accountId}`),
  });

export const useCalendar = (accountId: string, from: string, to: string) =>
  useQuery({
    queryKey: ['portal', 'calendar', accountId, from, to],
    queryFn: () => api.get<Calendar>(`/api/portal/properties/${accountId}/calendar${toQuery({ from, to })}`),
    placeholderData: keepPreviousData,
  });

/** One board column, a page at a time ("Load more" fetches the next page after the last card). */
export const useTurnColumn = (accountId: string, status: TurnStatus, search: string | undefined) =>
  useInfiniteQuery({
    queryKey: ['portal', 'turns', accountId, 'column', status, search],
    queryFn: ({ pageParam }) =>
      api.get<TurnList>(`/api/portal/properties/${accountId}/turns${toQuery({ status, search, cursor: pageParam })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });

export const useTurnCounts = (accountId: string, search: string | undefined) =>
  useQuery({
    queryKey: ['portal', 'turns', accountId, 'counts', search],
    queryFn: () => api.get<TurnCounts>(`/api/portal/properties/${accountId}/turn-counts${toQuery({ search })}`),
    placeholderData: keepPreviousData,
  });

export const useTurn = (turnId: string) =>
  useQuery({ queryKey: ['portal', 'turn', turnId], queryFn: () => api.get<Turn>(`/api/portal/turns/${turnId}`) });

export const usePropertyServices = (accountId: string) =>
  useQuery({
    queryKey: ['portal', 'services', accountId],
    queryFn: () => api.get<AccountServices>(`/api/portal/properties/${accountId}/services`),
  });
export const usePropertyFloorplans = (accountId: string) =>
  useQuery({
    queryKey: ['portal', 'floorplans', accountId],
    queryFn: () => api.get<{ items: Floorplan[] }>(`/api/portal/properties/${accountId}/floorplans`),
  });
export const useFloorplanPricelist = (floorplanId: string | null) =>
  useQuery({
    queryKey: ['portal', 'pricelist', floorplanId],
    enabled: Boolean(floorplanId),
    queryFn: () => api.get<FloorplanPricelist>(`/api/portal/floorplans/${floorplanId}/prices`),
  });
export const usePropertyUnits = (accountId: string) =>
  useQuery({
    queryKey: ['portal', 'units', accountId],
    queryFn: () => api.get<{ items: Unit[] }>(`/api/portal/properties/${accountId}/units`),
  });
export const usePropertyUsers = (accountId: string) =>
  useQuery({
    queryKey: ['portal', 'users', accountId],
    queryFn: () => api.get<PortalPropertyUserList>(`/api/portal/properties/${accountId}/users`),
  });

export const useTurnPreview = (accountId: string, body: TurnPreviewBody | null) =>
  useQuery({
    queryKey: ['portal', 'preview', accountId, body],
    enabled: Boolean(body),
    queryFn: () => api.post<TurnPreview>(`/api/portal/properties/${accountId}/turns/preview`, body),
    placeholderData: keepPreviousData,
    retry: false,
  });

/** Every change to a turn refreshes the portal's views of turns (board, calendar, home counts). */
function useTurnMutation<Variables>(mutationFn: (variables: Variables) => Promise<Turn>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (turn) => {
      queryClient.setQueryData(['portal', 'turn', turn.id], turn);
      void queryClient.invalidateQueries({ queryKey: ['portal'], predicate: (query) => query.queryKey[1] !== 'turn' });
    },
  });
}

export const useCreateTurn = (accountId: string) =>
  useTurnMutation((body: CreateTurnBody) => api.post<Turn>(`/api/portal/properties/${accountId}/turns`, body));
export const useUpdateTurn = (turnId: string) =>
  useTurnMutation((body: UpdateTurnBody) => api.put<Turn>(`/api/portal/turns/${turnId}`, body));
export const useCancelTurn = (turnId: string) =>
  useTurnMutation((body: { reason: string | null }) => api.post<Turn>(`/api/portal/turns/${turnId}/cancel`, body));
export const useSetPurchaseOrders = (turnId: string) =>
  useTurnMutation((body: SetTurnPurchaseOrdersBody) =>
    api.put<Turn>(`/api/portal/turns/${turnId}/purchase-orders`, body),
  );
export const useRescheduleLine = () =>
  useTurnMutation(({ serviceLineId, scheduledDate }: { serviceLineId: string; scheduledDate: string }) =>
    api.put<Turn>(`/api/portal/service-lines/${serviceLineId}/date`, { scheduledDate }),
  );
export const useRemoveLine = () =>
  useTurnMutation((serviceLineId: string) => api.delete<Turn>(`/api/portal/service-lines/${serviceLineId}`));
export const useDecideAddOn = () =>
  useTurnMutation(
    ({ addOnId, decision, note }: { addOnId: string; decision: 'approve' | 'decline'; note: string | null }) =>
      api.post<Turn>(`/api/portal/add-ons/${addOnId}/${decision}`, { note }),
  );

export function useCreateCustomService(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CustomServiceBody) => api.post<Service>(`/api/portal/properties/${accountId}/services`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['portal', 'services', accountId] }),
  });
}

export function useReorderServices(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (serviceIds: string[]) =>
      api.put<AccountServices>(`/api/portal/properties/${accountId}/services/order`, { serviceIds }),
    onSuccess: (result) => queryClient.setQueryData(['portal', 'services', accountId], result),
  });
}

export function useUpdateAddress(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdatePropertyAddressBody) =>
      api.put<PortalProperty>(`/api/portal/properties/${accountId}/address`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['portal', 'properties'] }),
  });
}
