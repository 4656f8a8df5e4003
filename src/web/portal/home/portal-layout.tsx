import { Alert, Box, Button, Container, Group, Text } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { Link, Outlet, useNavigate } from '@tanstack/react-router';
import { IconEye, IconLogout, IconUserCircle } from '@tabler/icons-react';
import { Brand } from '../../ui/brand.tsx';
import { SkipLink } from '../../ui/skip-link.tsx';
import { customerSessionQuery, useSignOutCustomer } from '../session/portal-session.ts';
import { useSignInAgainWhenSignedOut } from '../session/signed-out-elsewhere.ts';

/** The signed-in portal: header with the customer's name and sign-out, and the "viewing as" banner. */
export function PortalLayout() {
  const { data: session } = useSuspenseQuery(customerSessionQuery);
  const navigate = useNavigate();
  const signOut = useSignOutCustomer();
  useSignInAgainWhenSignedOut();
  const viewingAs = session.viewingAs;
  const name = `${session.contact.firstName} ${session.contact.lastName}`;

  const end = () =>
    signOut.mutate(undefined, {
      onSettled: () =>
        void (viewingAs
          ? navigate({ to: '/console' })
          : navigate({ to: '/portal/sign-in', search: { notice: 'signed_out' } })),
    });

  // A plain sticky header rather than AppShell: the portal has no navigation bar, and on a phone the name
  // gives way so brand and sign-out stay on one line.
  return (
    <>
      <SkipLink />
      <Box
        component="header"
        pos="sticky"
        top={0}
        bg="white"
        style={{ zIndex: 100, borderBottom: '1px solid var(--mantine-color-gray-3)' }}
      >
        <Group h={60} px="md" justify="space-between" wrap="nowrap">
          <Brand subtitle="Customer portal" />
          <Group gap="sm" wrap="nowrap" miw={0}>
            {/* On a phone only the icon shows; the name stays in the link's accessible name. */}
            <Button
              component={Link}
              to="/portal/account"
              variant="subtle"
              color="gray"
              c="dark"
              size="sm"
              px="xs"
              aria-label={`Your account: ${name}`}
              leftSection={<IconUserCircle size={18} />}
            >
              <Text size="sm" fw={600} truncate visibleFrom="sm" maw={220}>
                {name}
              </Text>
            </Button>
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
      </Box>
      <Box component="main" id="main" tabIndex={-1} py="lg" px={{ base: 'sm', sm: 'lg' }}>
        <Container size="lg" px={0}>
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
      </Box>
    </>
  );
}
