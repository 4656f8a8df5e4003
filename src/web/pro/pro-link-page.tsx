import { Button, Center, Loader, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { ApiRequestError } from '../api/client.ts';
import { AuthLayout } from '../ui/auth-layout.tsx';
import { ErrorAlert } from '../ui/error-alert.tsx';
import { inspectProLink, useRedeemProLink } from './pro-session.ts';

const STORAGE_KEY = 'portico.proLink';
const landingRouteApi = getRouteApi('/pro/link/$token');

/**
 * Where the texted link lands: the token moves out of the address bar (history, Referer) into this
 * tab's session storage, then the confirm page takes over.
 */
export function ProLinkLandingRoute() {
  const { token } = landingRouteApi.useParams();
  const navigate = useNavigate();
  useEffect(() => {
    sessionStorage.setItem(STORAGE_KEY, token);
    void navigate({ to: '/pro/link', replace: true });
  }, [token, navigate]);
  return (
    <Center mih="100vh">
      <Loader aria-label="Checking your link" />
    </Center>
  );
}

/** The confirm page: opening it (or a link preview fetching it) never uses the link; only the button does. */
export function ProLinkPage() {
  const navigate = useNavigate();
  // Read once: signing in clears the stored token, and the page must not then take the link for a dead one.
  const [token] = useState(() => sessionStorage.getItem(STORAGE_KEY) ?? '');
  const redeem = useRedeemProLink();
  const inspection = useQuery({
    queryKey: ['pro-link', token],
    queryFn: () => inspectProLink(token),
    enabled: token.length > 0,
    retry: false,
    staleTime: Infinity,
    gcTime: 0,
  });
  const data = inspection.data;

  useEffect(() => {
    // Once the button used the link, it reads as used: that is this pro signing in, not a problem.
    if (!redeem.isIdle) return;
    const problem = !token || inspection.error ? 'invalid' : data && data.status !== 'valid' ? data.status : null;
    if (problem) void navigate({ to: '/pro/sign-in', search: { notice: `link_${problem}` }, replace: true });
  }, [token, data, inspection.error, navigate, redeem.isIdle]);

  if (data?.status !== 'valid' || redeem.isSuccess)
    return (
      <Center mih="100vh">
        <Loader aria-label="Checking your link" />
      </Center>
    );

  const signIn = () =>
    redeem.mutate(token, {
      onSuccess: () => {
        sessionStorage.removeItem(STORAGE_KEY);
        void navigate({ to: '/pro', replace: true });
      },
      onError: (error) => {
        if (error instanceof ApiRequestError && error.status === 400)
          void navigate({ to: '/pro/sign-in', search: { notice: 'link_invalid' }, replace: true });
      },
    });

  return (
    <AuthLayout surface="Pro" title={`Hello ${data.name}`} description="Continue to your services for today.">
      <Stack>
        <ErrorAlert error={redeem.error} />
        <Button size="md" fullWidth loading={redeem.isPending} onClick={signIn}>
          Sign in
        </Button>
        <Text size="xs" c="dimmed" ta="center">
          This link works once and expires at {new Date(data.expiresAt).toLocaleTimeString()}. You stay signed in for
          the working day.
        </Text>
      </Stack>
    </AuthLayout>
  );
}
