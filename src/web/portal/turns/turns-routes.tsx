import { createRoute } from '@tanstack/react-router';
import { z } from 'zod';
import { portalAppRoute } from '../portal-roots.tsx';
import { PortalPropertyPage, type PropertyTab } from './portal-property-page.tsx';
import { TurnPage } from './turn-page.tsx';

const PropertySearchSchema = z.object({
  tab: z.enum(['calendar', 'board', 'settings']).catch('calendar').default('calendar'),
});

// Children of the signed-in portal (its layout and session guard); the parent is read lazily, after both modules load.
const propertyRoute = createRoute({
  getParentRoute: () => portalAppRoute,
  path: '/portal/properties/$accountId',
  validateSearch: (search: Record<string, unknown>) => PropertySearchSchema.parse(search),
  component: function Property() {
    const { accountId } = propertyRoute.useParams();
    const { tab } = propertyRoute.useSearch();
    const navigate = propertyRoute.useNavigate();
    return (
      <PortalPropertyPage
        key={accountId}
        accountId={accountId}
        tab={tab}
        onTabChange={(next: PropertyTab) => void navigate({ search: { tab: next }, replace: true })}
      />
    );
  },
});

const turnRoute = createRoute({
  getParentRoute: () => portalAppRoute,
  path: '/portal/turns/$turnId',
  component: function Turn() {
    const { turnId } = turnRoute.useParams();
    return <TurnPage key={turnId} turnId={turnId} />;
  },
});

/** Portal pages of the turns feature: a property's calendar, board and settings, and a turn. */
export const portalTurnsRoutes = [propertyRoute, turnRoute];
