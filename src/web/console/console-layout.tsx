import { AppShell, Avatar, Burger, Group, Menu, NavLink, ScrollArea, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useSuspenseQuery } from '@tanstack/react-query';
import { Link, Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import { IconChevronDown, IconKey, IconLogout, IconShieldLock } from '@tabler/icons-react';
import { Brand } from '../ui/brand.tsx';
import { SkipLink } from '../ui/skip-link.tsx';
import { staffMay } from '../../shared/staff-permissions.ts';
import { consoleNavigation } from './navigation.ts';
import { staffSessionQuery, useSignOutStaff } from './session/staff-session.ts';

export function ConsoleLayout() {
  const [opened, { toggle }] = useDisclosure();
  const { data: session } = useSuspenseQuery(staffSessionQuery);
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const navigate = useNavigate();
  const signOut = useSignOutStaff();
  const staff = session.staffMember;
  const initials = staff.name
    .split(/\s+/)
    .map((part) => part[0])
    .join('')
    .slice(0, 2)
    .toUpperCase();

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <SkipLink />
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group>
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Brand subtitle="Staff console" />
          </Group>
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <UnstyledButton aria-label="Account menu">
                <Group gap="xs">
                  <Avatar color="cyan" radius="xl" size="sm">
                    {initials}
                  </Avatar>
                  <div>
                    <Text size="sm" fw={600} lh={1.1}>
                      {staff.name}
                    </Text>
                    <Text size="xs" c="dimmed" lh={1.1} tt="uppercase">
                      {staff.role}
                    </Text>
                  </div>
                  <IconChevronDown size={14} />
                </Group>
              </UnstyledButton>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item leftSection={<IconKey size={16} />} onClick={() => void navigate({ to: '/console/password' })}>
                Change password
              </Menu.Item>
              <Menu.Item
                leftSection={<IconShieldLock size={16} />}
                onClick={() => void navigate({ to: '/console/security' })}
              >
                Sign-in security
              </Menu.Item>
              <Menu.Item
                leftSection={<IconLogout size={16} />}
                onClick={() =>
                  signOut.mutate(undefined, { onSettled: () => void navigate({ to: '/console/sign-in' }) })
                }
              >
                Sign out
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm">
        <ScrollArea>
          {consoleNavigation
            .filter((item) => !item.permission || staffMay(staff.role, item.permission))
            .map((item) => (
              <NavLink
                key={item.to}
                component={Link}
                to={item.to}
                label={item.label}
                leftSection={<item.icon size={18} stroke={1.6} />}
                active={pathname.startsWith(item.to)}
                variant="light"
                style={{ borderRadius: 'var(--mantine-radius-md)' }}
              />
            ))}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
