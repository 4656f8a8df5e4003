import { Center, Loader } from '@mantine/core';
import { createRootRouteWithContext, createRoute, createRouter, Outlet, redirect } from '@tanstack/react-router';
import type { QueryClient } from '@tanstack/react-query';
import { ApiRequestError } from './api/client.ts';
import { AuditPage } from './console/audit/audit-page.tsx';
import { ConsoleLayout } from './console/console-layout.tsx';
import { CustomersPage } from './console/customers/customers-page.tsx';
import { ChangeStaffPasswordPage } from './console/session/change-password-page.tsx';
import { StaffSignInPage } from './console/session/sign-in-page.tsx';
import { staffSessionQuery } from './console/session/staff-session.ts';
import { LandingPage } from './landing-page.tsx';
import { PortalSignInPage } from './portal/session/portal-sign-in-page.tsx';
import { queryClient } from './query-client.ts';

const rootRoute = createRootRouteWithContext<{ queryClient: QueryClient }>()({ component: Outlet });

const landingRoute = createRoute({ getParentRoute: () => rootRoute, path: '/', component: LandingPage });

const staffSignInRoute = createRoute({ getParentRoute: () => rootRoute, path: '/console/sign-in', component: StaffSignInPage });

export const consoleRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/console',
  component: ConsoleLayout,
  beforeLoad: async ({ context, location }) => {
    try {
      const session = await context.queryClient.ensureQueryData(staffSessionQuery);
      if (session.mustChangePassword && location.pathname !== '/console/password') throw redirect({ to: '/console/password' });
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 401) throw redirect({ to: '/console/sign-in' });
      throw error;
    }
  },
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
  createRoute({ getParentRoute: () => consoleRoute, path: 'customers', component: CustomersPage }),
  createRoute({ getParentRoute: () => consoleRoute, path: 'audit', component: AuditPage }),
  createRoute({ getParentRoute: () => consoleRoute, path: 'password', component: ChangeStaffPasswordPage }),
];

const portalSignInRoute = createRoute({ getParentRoute: () => rootRoute, path: '/portal/sign-in', component: PortalSignInPage });
const portalRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/portal',
  beforeLoad: () => {
    throw redirect({ to: '/portal/sign-in' });
  },
});

const routeTree = rootRoute.addChildren([
  landingRoute,
  staffSignInRoute,
  consoleRoute.addChildren(consoleChildren),
  portalSignInRoute,
  portalRoute,
]);

export const router = createRouter({
  routeTree,
  context: { queryClient },
  defaultPreload: 'intent',
  defaultPendingComponent: () => (
    <Center p="xl"><Loader /></Center>
  ),
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
