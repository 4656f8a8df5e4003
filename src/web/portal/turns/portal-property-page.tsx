import { Breadcrumbs, Button, Center, Loader, Tabs, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { AnchorLink } from '../../ui/anchor-link.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { Page } from '../../ui/page.tsx';
import { CalendarTab } from './calendar-tab.tsx';
import { NewTurnDrawer } from './new-turn-drawer.tsx';
import { PropertySettingsTab } from './property-settings-tab.tsx';
import { TurnBoardTab } from './turn-board-tab.tsx';
import { usePortalProperty } from './turns-api.ts';

export type PropertyTab = 'calendar' | 'board' | 'settings';

const propertyRouteApi = getRouteApi('/portal-app/portal/properties/$accountId');

/** The property route: the tab lives in the address (?tab=) so a reload or a shared link keeps it. */
export function PortalPropertyRoute() {
  const { accountId } = propertyRouteApi.useParams();
  const { tab } = propertyRouteApi.useSearch();
  const navigate = useNavigate({ from: '/portal/properties/$accountId' });
  return (
    <PortalPropertyPage
      key={accountId}
      accountId={accountId}
      tab={tab}
      onTabChange={(next: PropertyTab) => void navigate({ search: { tab: next }, replace: true })}
    />
  );
}

/** A property: Calendar (default), Turn Board and Property Settings, with "New turn" on top. */
export function PortalPropertyPage({
  accountId,
  tab,
  onTabChange,
}: {
  accountId: string;
  tab: PropertyTab;
  onTabChange: (tab: PropertyTab) => void;
}) {
  const property = usePortalProperty(accountId);
  const [creating, setCreating] = useState(false);
  if (property.isPending)
    return (
      <Center p="xl">
        <Loader aria-label="Loading the property" />
      </Center>
    );
  if (property.error) return <ErrorAlert error={property.error} />;
  const address = [property.data.addressLine1, property.data.city, property.data.region].filter(Boolean).join(', ');
  return (
    <>
      <Breadcrumbs mb="sm">
        <AnchorLink to="/portal/home" size="sm">
          Properties
        </AnchorLink>
        <Text size="sm">{property.data.name}</Text>
      </Breadcrumbs>
      <Page
        title={property.data.name}
        description={`${address || 'No address on file'} · ${property.data.openTurnCount} open turn${property.data.openTurnCount === 1 ? '' : 's'}`}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            New turn
          </Button>
        }
      >
        <Tabs value={tab} onChange={(value) => onTabChange((value ?? 'calendar') as PropertyTab)} keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="calendar">Calendar</Tabs.Tab>
            <Tabs.Tab value="board">Turn board</Tabs.Tab>
            <Tabs.Tab value="settings">Property settings</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="calendar" pt="lg">
            <CalendarTab accountId={accountId} />
          </Tabs.Panel>
          <Tabs.Panel value="board" pt="lg">
            <TurnBoardTab accountId={accountId} />
          </Tabs.Panel>
          <Tabs.Panel value="settings" pt="lg">
            <PropertySettingsTab property={property.data} />
          </Tabs.Panel>
        </Tabs>
      </Page>
      <NewTurnDrawer accountId={accountId} opened={creating} onClose={() => setCreating(false)} />
    </>
  );
}
