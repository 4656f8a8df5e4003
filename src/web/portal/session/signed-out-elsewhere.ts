import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useEffect } from 'react';
import { ApiRequestError } from '../../api/client.ts';

/**
 * A session ended elsewhere (signed out from another device, "sign out everywhere", a password change):
 * the next request of this page is refused, and the customer lands on the sign-in page told why.
 */
export function useSignInAgainWhenSignedOut() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  useEffect(() => {
    const signedOut = (error: unknown) => error instanceof ApiRequestError && error.status === 401;
    const leave = () => {
      queryClient.clear();
      void navigate({ to: '/portal/sign-in', search: { notice: 'session_ended' } });
    };
    const queries = queryClient.getQueryCache().subscribe((event) => {
      // Only a query that had loaded: after this page's own sign-out clears the cache, refetches are refused too.
      if (event.type !== 'updated' || event.action.type !== 'error' || event.query.state.data === undefined) return;
      if (signedOut(event.action.error)) leave();
    });
    const mutations = queryClient.getMutationCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error' && signedOut(event.action.error)) leave();
    });
    return () => {
      queries();
      mutations();
    };
  }, [queryClient, navigate]);
}
