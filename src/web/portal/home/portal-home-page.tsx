import { Badge, Card, Center, Loader, SimpleGrid, Stack, Text } from '@mantine/core';
import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { IconBuilding } from '@tabler/icons-react';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { Page } from '../../ui/page.tsx';
import { customerAccountsQuery, customerSessionQuery } from '../session/portal-session.ts';
import { PropertyTurnsLink } from '../turns/property-turns-link.tsx';

/** The portal home: the properties (and companies) this customer may see. */
export function PortalHomePage() {
  const { data: session } = useSuspenseQuery(customerSessionQuery);
  const accounts = useQuery(customerAccountsQuery);
  return (
    <Page
      title={`Welcome, ${session.contact.firstName}`}
      description="Your properties. Pick one to schedule turns and follow their progress."
    >
      <ErrorAlert error={accounts.error} />
      {accounts.isPending ? (
        <Center p="xl">
          <Loader aria-label="Loading your properties" />
        </Center>
      ) : null}
      {accounts.data && accounts.data.items.length === 0 ? (
        <Text c="dimmed">No properties are available in your portal yet. Contact us if you expected to see one.</Text>
      ) : null}
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} aria-label="Your properties">
        {accounts.data?.items.map((account) => (
          <Card key={account.id} withBorder radius="md" padding="lg" component="article" aria-label={account.name}>
            <Stack gap={6}>
              <IconBuilding size={22} stroke={1.5} />
              <Text fw={600}>{account.name}</Text>
              <Text size="sm" c="dimmed">
                {[account.city, account.region].filter(Boolean).join(', ') || '—'}
              </Text>
              <Badge variant="light" color={account.kind === 'property' ? 'cyan' : 'grape'} w="fit-content">
                {account.kind === 'property' ? 'Property' : 'Management company'} · {account.accountNumber}
              </Badge>
              {account.kind === 'property' ? <PropertyTurnsLink accountId={account.id} name={account.name} /> : null}
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
    </Page>
  );
}
