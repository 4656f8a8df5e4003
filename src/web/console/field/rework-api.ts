import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReworkRequest } from '../../../shared/field-contracts.ts';
import { api, toQuery } from '../../api/client.ts';

export type ReworkStatus = ReworkRequest['status'];
export const REWORK_PAGE_SIZE = 25;

export const useReworkRequests = (status: ReworkStatus, page: number) =>
  useQuery({
    queryKey: ['rework-requests', status, page],
    queryFn: () =>
      api.get<{ items: ReworkRequest[]; hasMore: boolean }>(
        `/api/staff/rework-requests${toQuery({ status, limit: REWORK_PAGE_SIZE, offset: (page - 1) * REWORK_PAGE_SIZE })}`,
      ),
    placeholderData: keepPreviousData,
  });

export function useCreateReworkLine(reworkRequestId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { proId: string | null; scheduledDate: string | null }) =>
      api.post<{ reworkServiceLineId: string }>(`/api/staff/rework-requests/${reworkRequestId}/rework-line`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['rework-requests'] }),
  });
}

export function useDismissReworkRequest(reworkRequestId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { reason: string }) =>
      api.post<{ id: string }>(`/api/staff/rework-requests/${reworkRequestId}/dismiss`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['rework-requests'] }),
  });
}

export const staffPhotoUrl = (photoId: string) => `/api/staff/photos/${photoId}`;
