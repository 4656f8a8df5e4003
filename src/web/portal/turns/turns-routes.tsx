import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { portalAppRoute } from '../portal-roots.tsx';

const PROPERTY_TABS = ['calendar', 'board', 'settings'] as const;

// Children of the signed-in portal (its layout and session guard).
const propertyRoute = createRoute({
  getParentRoute: () => portalAppRoute,
  path: '/portal/properties/$accountId',
  validateSearch: (search: Record<string, unknown>) => ({
    tab: PROPERTY_TABS.find((tab) => tab === search.tab) ?? 'calendar',
  }),
  component: lazyRouteComponent(() => import('./portal-property-page.tsx'), 'PortalPropertyRoute'),
});

const turnRoute = createRoute({
  getParentRoute: () => portalAppRoute,
  path: '/portal/turns/$turnId',
  component: lazyRouteComponent(() => import('./turn-page.tsx'), 'TurnRoute'),
});

/** Portal pages of the turns feature: a property's calendar, board and settings, and a turn. */
export const portalTurnsRoutes = [propertyRoute, turnRoute];
