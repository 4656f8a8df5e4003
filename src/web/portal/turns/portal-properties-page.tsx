import { Badge, Center, Group, Loader, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconBuilding } from '@tabler/icons-react';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { Page } from '../../ui/page.tsx';
import { usePortalProperties } from './turns-api.ts';
import { CardLink } from './turns-ui.tsx';

/** The portal's property list: each card opens the property's calendar. */
export function PortalPropertiesPage() {
  const properties = usePortalProperties();
  return (
    <Page title="Your properties" description="Pick a property to schedule turns and follow their progress.">
      <ErrorAlert error={properties.error} />
      {properties.isPending ? <Center p="xl"><Loader aria-label="Loading your properties" /></Center> : null}
      {properties.data?.items.length === 0 ? <Text c="dimmed">No properties are available in your portal yet. Contact us if you expected to see one.</Text> : null}
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
        {properties.data?.items.map((property) => (
          <CardLink key={property.id} withBorder radius="md" padding="lg" to="/portal/properties/$accountId" params={{ accountId: property.id }} search={{ tab: 'calendar' }} aria-label={property.name}>
            <Stack gap={6}>
              <IconBuilding size={22} stroke={1.5} />
              <Text fw={600}>{property.name}</Text>
              <Text size="sm" c="dimmed">{[property.addressLine1, property.city, property.region].filter(Boolean).join(', ') || '—'}</Text>
              <Group gap="xs">
                <Badge variant="light" color="blue">{property.openTurnCount} open turn{property.openTurnCount === 1 ? '' : 's'}</Badge>
                {property.pendingAddOnCount > 0 ? <Badge variant="filled" color="orange">{property.pendingAddOnCount} add-on{property.pendingAddOnCount === 1 ? '' : 's'} to approve</Badge> : null}
              </Group>
            </Stack>
          </CardLink>
        ))}
      </SimpleGrid>
    </Page>
  );
}
