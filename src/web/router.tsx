import { Center, Loader } from '@mantine/core';
import { createRoute, createRouter, redirect } from '@tanstack/react-router';
import { AuditPage } from './console/audit/audit-page.tsx';
import { catalogConsoleRoutes } from './console/catalog/catalog-routes.tsx';
import { customersConsoleRoutes } from './console/customers/customers-routes.tsx';
import { notificationsConsoleRoutes } from './console/notifications/notifications-routes.tsx';
import { registrationConsoleRoutes } from './console/registration/registration-routes.tsx';
import { ChangeStaffPasswordPage } from './console/session/change-password-page.tsx';
import { SecondFactorSignInPage } from './console/security/second-factor-sign-in-page.tsx';
import { SecurityPage } from './console/security/security-page.tsx';
import { StaffSignInPage } from './console/session/sign-in-page.tsx';
import { LandingPage } from './landing-page.tsx';
import { portalRoutes } from './portal/portal-routes.tsx';
import { portalRegistrationRoutes } from './portal/registration/registration-routes.tsx';
import { queryClient } from './query-client.ts';
import { consoleRoute, rootRoute } from './route-roots.tsx';

const landingRoute = createRoute({ getParentRoute: () => rootRoute, path: '/', component: LandingPage });

const staffSignInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/console/sign-in',
  component: StaffSignInPage,
});

const staffSecondFactorRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/console/sign-in/verify',
  component: SecondFactorSignInPage,
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
  createRoute({ getParentRoute: () => consoleRoute, path: 'audit', component: AuditPage }),
  createRoute({ getParentRoute: () => consoleRoute, path: 'password', component: ChangeStaffPasswordPage }),
  createRoute({ getParentRoute: () => consoleRoute, path: 'security', component: SecurityPage }),
  ...customersConsoleRoutes,
  ...catalogConsoleRoutes,
  ...notificationsConsoleRoutes,
  ...registrationConsoleRoutes,
];

const routeTree = rootRoute.addChildren([
  landingRoute,
  staffSignInRoute,
  staffSecondFactorRoute,
  consoleRoute.addChildren(consoleChildren),
  ...portalRoutes,
  ...portalRegistrationRoutes,
]);

export const router = createRouter({
  routeTree,
  context: { queryClient },
  defaultPreload: 'intent',
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
