import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Turn } from '../../../shared/turn-contracts.ts';
import { api } from '../../api/client.ts';

export function useStaffTurn(turnId: string | null) {
  return useQuery({
    queryKey: ['staff', 'turn', turnId],
    enabled: Boolean(turnId),
    queryFn: () => api.get<Turn>(`/api/staff/turns/${turnId}`),
  });
}

export function useStaffTurnMutation<Variables>(mutationFn: (variables: Variables) => Promise<Turn>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (turn) => {
      queryClient.setQueryData(['staff', 'turn', turn.id], turn);
      void queryClient.invalidateQueries({ queryKey: ['staff', 'account-turns'] });
    },
  });
}
