import { Button, Center, Group, Stack, Text, Title } from '@mantine/core';
import { Link, useRouterState } from '@tanstack/react-router';
import { Brand } from './brand.tsx';
import { useDocumentTitle } from './document-title.ts';

/** Any address no route knows: says so, and offers the way back to the surface it was under. */
export function NotFoundPage() {
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  useDocumentTitle('Page not found');
  const home = pathname.startsWith('/console')
    ? { to: '/console/customers', label: 'Go to the customers' }
    : { to: '/portal/home', label: 'Go to your properties' };
  return (
    <Center mih="60vh" p="md">
      <Stack align="center" gap="md" maw={460} ta="center">
        <Brand subtitle="404" />
        <Title order={1} size="h2">
          Page not found
        </Title>
        <Text c="dimmed">
          There is nothing at <code>{pathname}</code>. The link may be old, or the address mistyped.
        </Text>
        <Group>
          <Button component={Link} to={home.to}>
            {home.label}
          </Button>
          <Button variant="default" component={Link} to="/">
            Portico home
          </Button>
        </Group>
      </Stack>
    </Center>
  );
}
