import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import type { Assignment, Photo } from '../../shared/field-contracts.ts';
import { api, toQuery, uploadFile } from '../api/client.ts';

/**
 * The window the pro page reads: a week back (work started and not finished, or a photo to add) to two
 * weeks ahead, in the phone's own calendar days.
 */
export function assignmentWindow(today = dayjs()) {
  return {
    today: today.format('YYYY-MM-DD'),
    from: today.subtract(7, 'day').format('YYYY-MM-DD'),
    to: today.add(14, 'day').format('YYYY-MM-DD'),
  };
}

const ASSIGNMENTS_KEY = ['pro', 'assignments'];

export function useAssignments() {
  const { from, to } = assignmentWindow();
  return useQuery({
    queryKey: [...ASSIGNMENTS_KEY, from, to],
    queryFn: () => api.get<{ items: Assignment[] }>(`/api/pro/assignments${toQuery({ from, to })}`),
  });
}

/** Every field action changes what the assignment shows (status, photos, add-ons): read it again. */
function useFieldMutation<Variables, Result>(mutationFn: (variables: Variables) => Promise<Result>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ASSIGNMENTS_KEY }),
  });
}

export const useSetServiceStatus = (serviceLineId: string) =>
  useFieldMutation((action: 'start' | 'complete') =>
    api.post<void>(`/api/pro/service-lines/${serviceLineId}/${action}`, { photoIds: [] }),
  );

export const useUploadProPhoto = (serviceLineId: string) =>
  useFieldMutation(({ purpose, file }: { purpose: 'before' | 'after' | 'add_on'; file: File }) =>
    uploadFile<Photo>(`/api/pro/service-lines/${serviceLineId}/photos${toQuery({ purpose })}`, file),
  );

export const useRequestAddOn = (serviceLineId: string) =>
  useFieldMutation((body: { serviceId: string; note: string; photoIds: string[] }) =>
    api.post<void>(`/api/pro/service-lines/${serviceLineId}/add-ons`, body),
  );

export const proPhotoUrl = (photoId: string) => `/api/pro/photos/${photoId}`;
