import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { CustomerDeviceList } from '../../../shared/portal-access-contracts.ts';
import { api } from '../../api/client.ts';

export const DEVICES_PAGE_SIZE = 20;

export const customerDevicesQuery = (page: number) =>
  queryOptions({
    queryKey: ['customer-devices', page],
    queryFn: () =>
      api.get<CustomerDeviceList>(`/api/portal/session/devices?page=${page}&pageSize=${DEVICES_PAGE_SIZE}`),
    placeholderData: keepPreviousData,
  });

export function useSignOutDevice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (deviceId: string) => api.delete<void>(`/api/portal/session/devices/${encodeURIComponent(deviceId)}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['customer-devices'] }),
  });
}

/** Ends every session of this login, this one included, so the cache goes with it. */
export function useSignOutEverywhere() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete<void>('/api/portal/session/devices'),
    onSuccess: () => queryClient.clear(),
  });
}
