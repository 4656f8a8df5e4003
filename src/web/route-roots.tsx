import { createRootRouteWithContext, createRoute, lazyRouteComponent, Outlet, redirect } from '@tanstack/react-router';
import type { QueryClient } from '@tanstack/react-query';
import { ApiRequestError } from './api/client.ts';
import { staffSessionQuery } from './console/session/staff-session.ts';

/** The roots every feature's routes hang from; kept apart from router.tsx so features can import them. */
export const rootRoute = createRootRouteWithContext<{ queryClient: QueryClient }>()({ component: Outlet });

/** The signed-in staff console; children render inside its navigation shell. */
export const consoleRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/console',
  component: lazyRouteComponent(() => import('./console/console-layout.tsx'), 'ConsoleLayout'),
  beforeLoad: async ({ context, location }) => {
    try {
      const session = await context.queryClient.ensureQueryData(staffSessionQuery);
      if (session.secondFactor === 'pending') throw redirect({ to: '/console/sign-in/verify' });
      if (session.secondFactor === 'enrol' && location.pathname !== '/console/security')
        throw redirect({ to: '/console/security' });
      if (session.mustChangePassword && session.secondFactor === null && location.pathname !== '/console/password')
        throw redirect({ to: '/console/password' });
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 401) throw redirect({ to: '/console/sign-in' });
      throw error;
    }
  },
});
