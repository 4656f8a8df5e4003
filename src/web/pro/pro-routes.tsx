import { createRoute, lazyRouteComponent, redirect } from '@tanstack/react-router';
import { ApiRequestError } from '../api/client.ts';
import { rootRoute } from '../route-roots.tsx';
import { proSessionQuery } from './pro-session.ts';
import { PRO_NOTICE_KEYS } from './pro-notices.ts';

/** The signed-in pro page; without a working-day session the pro asks for a new link. */
const proAppRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'pro-app',
  component: lazyRouteComponent(() => import('./pro-layout.tsx'), 'ProLayout'),
  beforeLoad: async ({ context }) => {
    try {
      await context.queryClient.fetchQuery(proSessionQuery);
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 401) throw redirect({ to: '/pro/sign-in' });
      throw error;
    }
  },
});

/** The pro surface: sign-in by one-time link, the day's services, one service. */
export const proRoutes = [
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/pro/sign-in',
    validateSearch: (search: Record<string, unknown>) => ({
      notice: PRO_NOTICE_KEYS.find((key) => key === search.notice),
    }),
    component: lazyRouteComponent(() => import('./pro-sign-in-page.tsx'), 'ProSignInRoute'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/pro/link/$token',
    component: lazyRouteComponent(() => import('./pro-link-page.tsx'), 'ProLinkLandingRoute'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/pro/link',
    component: lazyRouteComponent(() => import('./pro-link-page.tsx'), 'ProLinkPage'),
  }),
  proAppRoute.addChildren([
    createRoute({
      getParentRoute: () => proAppRoute,
      path: '/pro',
      component: lazyRouteComponent(() => import('./pro-assignments-page.tsx'), 'ProAssignmentsPage'),
    }),
    createRoute({
      getParentRoute: () => proAppRoute,
      path: '/pro/services/$serviceLineId',
      component: lazyRouteComponent(() => import('./pro-service-page.tsx'), 'ProServiceRoute'),
    }),
  ]),
];
