import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Pro } from '../../../shared/catalog-contracts.ts';
import type { DeskTurnList } from '../../../shared/desk-contracts.ts';
import type { Turn } from '../../../shared/turn-contracts.ts';
import { api, toQuery } from '../../api/client.ts';
import type { DeskSearch } from './desk-search.ts';

export function useDeskTurns(search: DeskSearch) {
  return useInfiniteQuery({
    queryKey: ['staff', 'desk', search],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      api.get<DeskTurnList>(`/api/staff/desk/turns${toQuery({ ...search, cursor: pageParam })}`),
    getNextPageParam: (page) => page.nextCursor,
    placeholderData: keepPreviousData,
  });
}

export const useDeskPros = () =>
  useQuery({ queryKey: ['staff', 'pros'], queryFn: () => api.get<{ items: Pro[] }>('/api/staff/pros') });

function useDeskMutation<Variables>(mutationFn: (variables: Variables) => Promise<Turn>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['staff', 'desk'] }),
  });
}

export const useAcknowledgeTurn = () =>
  useDeskMutation((turnId: string) => api.post<Turn>(`/api/staff/desk/turns/${turnId}/acknowledge`));

export const useAssignPro = () =>
  useDeskMutation((input: { serviceLineId: string; proId: string | null }) =>
    api.put<Turn>(`/api/staff/service-lines/${input.serviceLineId}/pro`, { proId: input.proId }),
  );
