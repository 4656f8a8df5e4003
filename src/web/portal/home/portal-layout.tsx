import { Alert, AppShell, Button, Container, Group, Text } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { Outlet, useNavigate } from '@tanstack/react-router';
import { IconEye, IconLogout } from '@tabler/icons-react';
import { Brand } from '../../ui/brand.tsx';
import { customerSessionQuery, useSignOutCustomer } from '../session/portal-session.ts';

/** The signed-in portal: header with the customer's name and sign-out, and the "viewing as" banner. */
export function PortalLayout() {
  const { data: session } = useSuspenseQuery(customerSessionQuery);
  const navigate = useNavigate();
  const signOut = useSignOutCustomer();
  const viewingAs = session.viewingAs;
  const name = `${session.contact.firstName} ${session.contact.lastName}`;

  const end = () =>
    signOut.mutate(undefined, {
      onSettled: () =>
        void (viewingAs
          ? navigate({ to: '/console' })
          : navigate({ to: '/portal/sign-in', search: { notice: 'signed_out' } })),
    });

  return (
    <AppShell header={{ height: 60 }} padding="lg">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Brand subtitle="Customer portal" />
          <Group gap="sm">
            <Text size="sm" fw={600}>
              {name}
            </Text>
            <Button
              variant="subtle"
              size="sm"
              leftSection={<IconLogout size={16} />}
              onClick={end}
              loading={signOut.isPending}
            >
              {viewingAs ? 'Stop viewing' : 'Sign out'}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main>
        <Container size="lg">
          {viewingAs ? (
            <Alert
              color="yellow"
              variant="filled"
              icon={<IconEye size={18} />}
              title={`Viewing the portal as ${name}`}
              mb="lg"
              role="status"
            >
              {viewingAs.staffName}, you see exactly what this contact sees. Changes are disabled. This view ends at{' '}
              {new Date(viewingAs.expiresAt).toLocaleTimeString()}.
            </Alert>
          ) : null}
          <Outlet />
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
