import { AppShell, Button, Container, Group } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { createRoute, Link, Outlet, redirect, useNavigate } from '@tanstack/react-router';
import { IconBuilding, IconLogout } from '@tabler/icons-react';
import { z } from 'zod';
import { api, ApiRequestError } from '../../api/client.ts';
import { rootRoute } from '../../route-roots.tsx';
import { Brand } from '../../ui/brand.tsx';
import { PortalPropertiesPage } from './portal-properties-page.tsx';
import { PortalPropertyPage, type PropertyTab } from './portal-property-page.tsx';
import { TurnPage } from './turn-page.tsx';
import { portalPropertiesQuery } from './turns-api.ts';

function TurnsPortalLayout() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const signOut = async () => {
    await api.delete('/api/portal/session').catch(() => undefined);
    queryClient.clear();
    await navigate({ to: '/portal/sign-in' });
  };
  return (
    <AppShell header={{ height: 60 }} padding="lg">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Brand subtitle="Customer portal" />
          <Group gap="xs">
            <Button component={Link} to="/portal/properties" variant="subtle" size="sm" leftSection={<IconBuilding size={16} />}>Properties</Button>
            <Button variant="subtle" size="sm" leftSection={<IconLogout size={16} />} onClick={() => void signOut()}>Sign out</Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main>
        <Container size="xl"><Outlet /></Container>
      </AppShell.Main>
    </AppShell>
  );
}

/** The signed-in part of the portal that orders and follows turns; no session sends the customer to sign in. */
const turnsPortalRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'portal-turns',
  component: TurnsPortalLayout,
  beforeLoad: async ({ context }) => {
    try {
      await context.queryClient.ensureQueryData(portalPropertiesQuery);
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 401) throw redirect({ to: '/portal/sign-in' });
      throw error;
    }
  },
});

const PropertySearchSchema = z.object({ tab: z.enum(['calendar', 'board', 'settings']).catch('calendar').default('calendar') });

const propertyRoute = createRoute({
  getParentRoute: () => turnsPortalRoute,
  path: '/portal/properties/$accountId',
  validateSearch: (search: Record<string, unknown>) => PropertySearchSchema.parse(search),
  component: function Property() {
    const { accountId } = propertyRoute.useParams();
    const { tab } = propertyRoute.useSearch();
    const navigate = propertyRoute.useNavigate();
    return <PortalPropertyPage key={accountId} accountId={accountId} tab={tab} onTabChange={(next: PropertyTab) => void navigate({ search: { tab: next }, replace: true })} />;
  },
});

const turnRoute = createRoute({
  getParentRoute: () => turnsPortalRoute,
  path: '/portal/turns/$turnId',
  component: function Turn() {
    const { turnId } = turnRoute.useParams();
    return <TurnPage key={turnId} turnId={turnId} />;
  },
});

/** Portal pages of the turns feature: properties, a property's calendar/board/settings, and a turn. */
export const portalTurnsRoutes = [
  turnsPortalRoute.addChildren([
    createRoute({ getParentRoute: () => turnsPortalRoute, path: '/portal/properties', component: PortalPropertiesPage }),
    propertyRoute,
    turnRoute,
  ]),
];
