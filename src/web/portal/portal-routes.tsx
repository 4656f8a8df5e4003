import { createRoute, redirect } from '@tanstack/react-router';
import { rootRoute } from '../route-roots.tsx';
import { PortalSignInPage } from './session/portal-sign-in-page.tsx';

/** The customer portal: sign-in, link pages and the signed-in portal. */
export const portalRoutes = [
  createRoute({ getParentRoute: () => rootRoute, path: '/portal/sign-in', component: PortalSignInPage }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/portal',
    beforeLoad: () => {
      throw redirect({ to: '/portal/sign-in' });
    },
  }),
];
