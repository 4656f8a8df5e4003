import { createRoute, redirect } from '@tanstack/react-router';
import { ApiRequestError } from '../api/client.ts';
import { rootRoute } from '../route-roots.tsx';
import { PortalLayout } from './home/portal-layout.tsx';
import { customerSessionQuery } from './session/portal-session.ts';

// Kept apart from portal-routes.tsx so the portal's features can hang routes from it without a cycle.
/** The signed-in portal; a temporary password sends the customer to the change page first. */
export const portalAppRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'portal-app',
  component: PortalLayout,
  beforeLoad: async ({ context, location }) => {
    try {
      const session = await context.queryClient.fetchQuery(customerSessionQuery);
      if (session.mustChangePassword && location.pathname !== '/portal/password')
        throw redirect({ to: '/portal/password' });
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 401) throw redirect({ to: '/portal/sign-in' });
      throw error;
    }
  },
});
