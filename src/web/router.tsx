import { Center, Loader } from '@mantine/core';
import { createRoute, createRouter, lazyRouteComponent, redirect } from '@tanstack/react-router';
import { catalogConsoleRoutes } from './console/catalog/catalog-routes.tsx';
import { customersConsoleRoutes } from './console/customers/customers-routes.tsx';
import { fieldConsoleRoutes } from './console/field/field-routes.tsx';
import { notificationsConsoleRoutes } from './console/notifications/notifications-routes.tsx';
import { registrationConsoleRoutes } from './console/registration/registration-routes.tsx';
import { turnsConsoleRoutes } from './console/turns/turns-routes.tsx';
import { portalRoutes } from './portal/portal-routes.tsx';
import { portalRegistrationRoutes } from './portal/registration/registration-routes.tsx';
import { proRoutes } from './pro/pro-routes.tsx';
import { queryClient } from './query-client.ts';
import { consoleRoute, rootRoute } from './route-roots.tsx';

const landingRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  component: lazyRouteComponent(() => import('./landing-page.tsx'), 'LandingPage'),
});

const staffSignInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/console/sign-in',
  component: lazyRouteComponent(() => import('./console/session/sign-in-page.tsx'), 'StaffSignInPage'),
});

const staffSecondFactorRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/console/sign-in/verify',
  component: lazyRouteComponent(
    () => import('./console/security/second-factor-sign-in-page.tsx'),
    'SecondFactorSignInPage',
  ),
});

const consoleIndexRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/console/customers' });
  },
});

const consoleChildren = [
  consoleIndexRoute,
  createRoute({
    getParentRoute: () => consoleRoute,
    path: 'audit',
    component: lazyRouteComponent(() => import('./console/audit/audit-page.tsx'), 'AuditPage'),
  }),
  createRoute({
    getParentRoute: () => consoleRoute,
    path: 'password',
    component: lazyRouteComponent(
      () => import('./console/session/change-password-page.tsx'),
      'ChangeStaffPasswordPage',
    ),
  }),
  createRoute({
    getParentRoute: () => consoleRoute,
    path: 'security',
    component: lazyRouteComponent(() => import('./console/security/security-page.tsx'), 'SecurityPage'),
  }),
  ...customersConsoleRoutes,
  ...catalogConsoleRoutes,
  ...notificationsConsoleRoutes,
  ...registrationConsoleRoutes,
  ...fieldConsoleRoutes,
  ...turnsConsoleRoutes,
];

const routeTree = rootRoute.addChildren([
  landingRoute,
  staffSignInRoute,
  staffSecondFactorRoute,
  consoleRoute.addChildren(consoleChildren),
  ...portalRoutes,
  ...portalRegistrationRoutes,
  ...proRoutes,
]);

export const router = createRouter({
  routeTree,
  context: { queryClient },
  defaultPreload: 'intent',
  defaultNotFoundComponent: lazyRouteComponent(() => import('./ui/not-found-page.tsx'), 'NotFoundPage'),
  defaultPendingComponent: () => (
    <Center p="xl">
      <Loader />
    </Center>
  ),
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
