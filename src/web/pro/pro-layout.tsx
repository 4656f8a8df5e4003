import { Box, Button, Container, Group, Text } from '@mantine/core';
import { IconLogout } from '@tabler/icons-react';
import { useSuspenseQuery } from '@tanstack/react-query';
import { Outlet, useNavigate } from '@tanstack/react-router';
import { Brand } from '../ui/brand.tsx';
import { SkipLink } from '../ui/skip-link.tsx';
import { proSessionQuery, useSignOutPro } from './pro-session.ts';

/** The signed-in pro page: a one-line header (brand, name, sign out) and a single column sized for a phone. */
export function ProLayout() {
  const { data: session } = useSuspenseQuery(proSessionQuery);
  const navigate = useNavigate();
  const signOut = useSignOutPro();
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
        <Group h={56} px="sm" justify="space-between" wrap="nowrap">
          <Brand subtitle="Pro" />
          <Group gap={4} wrap="nowrap" miw={0}>
            <Text size="sm" fw={600} truncate maw={130}>
              {session.name}
            </Text>
            <Button
              variant="subtle"
              size="sm"
              px="xs"
              leftSection={<IconLogout size={16} />}
              loading={signOut.isPending}
              onClick={() =>
                signOut.mutate(undefined, {
                  onSettled: () => void navigate({ to: '/pro/sign-in', search: { notice: 'signed_out' } }),
                })
              }
            >
              Sign out
            </Button>
          </Group>
        </Group>
      </Box>
      <Box component="main" id="main" tabIndex={-1} py="md" px="sm">
        <Container size={640} px={0}>
          <Outlet />
        </Container>
      </Box>
    </>
  );
}
