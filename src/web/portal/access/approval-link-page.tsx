import { Alert, Button, Center, Group, Loader, Stack, Text } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { type ReactNode, useEffect } from 'react';
import type { ApprovalLinkInspection, DecidedByLink } from '../../../shared/approval-link-contracts.ts';
import { api } from '../../api/client.ts';
import { AuthLayout } from '../../ui/auth-layout.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';

const STORAGE_KEY = 'portico.approvalLink';
const landingRouteApi = getRouteApi('/portal/approve/$token');

const PROBLEMS: Record<Exclude<ApprovalLinkInspection['status'], 'valid'>, string> = {
  invalid: 'This link is not valid. Sign in to the portal to see the add-on.',
  expired: 'This link has expired. Sign in to the portal to approve or decline the add-on.',
  used: 'This link was already used.',
  decided: 'Someone already decided this add-on.',
};

/** Where the texted link lands: the token leaves the address bar (history, Referer) for this tab's storage. */
export function ApprovalLinkLandingRoute() {
  const { token } = landingRouteApi.useParams();
  const navigate = useNavigate();
  useEffect(() => {
    sessionStorage.setItem(STORAGE_KEY, token);
    void navigate({ to: '/portal/approve', replace: true });
  }, [token, navigate]);
  return (
    <Center mih="100vh">
      <Loader aria-label="Checking your link" />
    </Center>
  );
}

/** The confirm page: opening it decides nothing (phones preview links); only a button does, once. */
export function ApprovalLinkPage() {
  const token = sessionStorage.getItem(STORAGE_KEY) ?? '';
  const inspection = useQuery({
    queryKey: ['approval-link', token],
    queryFn: () => api.post<ApprovalLinkInspection>('/api/portal/approval-links/inspect', { token }),
    enabled: token.length > 0,
    retry: false,
    staleTime: Infinity,
    gcTime: 0,
  });
  const decide = useMutation({
    mutationFn: (decision: 'approve' | 'decline') =>
      api.post<DecidedByLink>('/api/portal/approval-links/decide', { token, decision }),
    onSuccess: () => sessionStorage.removeItem(STORAGE_KEY),
  });

  const data = inspection.data;
  let body: ReactNode;
  if (decide.data) {
    body = (
      <Alert color={decide.data.status === 'approved' ? 'green' : 'gray'} title="Thank you">
        The add-on is {decide.data.status}. Our staff and the pro will see it right away.
      </Alert>
    );
  } else if (!token || inspection.error) {
    body = <Alert color="yellow">{PROBLEMS.invalid}</Alert>;
  } else if (!data) {
    body = <Loader aria-label="Checking your link" />;
  } else if (data.status !== 'valid') {
    body = <Alert color="yellow">{PROBLEMS[data.status]}</Alert>;
  } else {
    body = (
      <Stack>
        <Text>
          Our pro asks to add <strong>{data.addOnName}</strong> ({data.price}) to {data.serviceName} in unit{' '}
          {data.unitNumber} at {data.propertyName}.
        </Text>
        {data.reason ? <Text c="dimmed">Reason: {data.reason}</Text> : null}
        <ErrorAlert error={decide.error} />
        <Group grow>
          <Button color="green" loading={decide.isPending} onClick={() => decide.mutate('approve')}>
            Approve
          </Button>
          <Button variant="default" disabled={decide.isPending} onClick={() => decide.mutate('decline')}>
            Decline
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          This link works once, until {new Date(data.expiresAt).toLocaleString()}.
        </Text>
      </Stack>
    );
  }
  return (
    <AuthLayout surface="Customer portal" title="Add-on approval">
      {body}
    </AuthLayout>
  );
}
