import { createRoute, lazyRouteComponent, redirect } from '@tanstack/react-router';
import type { SignInNotice } from '../../shared/portal-access-contracts.ts';
import { rootRoute } from '../route-roots.tsx';
import { SIGN_IN_NOTICES } from './session/sign-in-notice.ts';
import { portalTurnsRoutes } from './turns/turns-routes.tsx';
import { portalAppRoute } from './portal-roots.tsx';

const isSignInNotice = (value: unknown): value is SignInNotice =>
  typeof value === 'string' && Object.hasOwn(SIGN_IN_NOTICES, value);

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/portal/sign-in',
  validateSearch: (search: Record<string, unknown>) => ({
    notice: isSignInNotice(search.notice) ? search.notice : undefined,
  }),
  component: lazyRouteComponent(() => import('./session/portal-sign-in-page.tsx'), 'PortalSignInRoute'),
});

/** The customer portal: sign-in, link pages and the signed-in portal. */
export const portalRoutes = [
  signInRoute,
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/portal/link/$token',
    component: lazyRouteComponent(() => import('./access/access-link-page.tsx'), 'AccessLinkLandingRoute'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/portal/link',
    component: lazyRouteComponent(() => import('./access/access-link-page.tsx'), 'AccessLinkPage'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/portal/approve/$token',
    component: lazyRouteComponent(() => import('./access/approval-link-page.tsx'), 'ApprovalLinkLandingRoute'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/portal/approve',
    component: lazyRouteComponent(() => import('./access/approval-link-page.tsx'), 'ApprovalLinkPage'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/portal/forgot-password',
    component: lazyRouteComponent(() => import('./session/forgot-password-page.tsx'), 'ForgotPasswordPage'),
  }),
  portalAppRoute.addChildren([
    createRoute({
      getParentRoute: () => portalAppRoute,
      path: '/portal/home',
      component: lazyRouteComponent(() => import('./home/portal-home-page.tsx'), 'PortalHomePage'),
    }),
    createRoute({
      getParentRoute: () => portalAppRoute,
      path: '/portal/password',
      component: lazyRouteComponent(
        () => import('./session/portal-change-password-page.tsx'),
        'PortalChangePasswordPage',
      ),
    }),
    createRoute({
      getParentRoute: () => portalAppRoute,
      path: '/portal/account',
      component: lazyRouteComponent(() => import('./session/account-page.tsx'), 'AccountPage'),
    }),
    ...portalTurnsRoutes,
  ]),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/portal',
    beforeLoad: () => {
      throw redirect({ to: '/portal/home' });
    },
  }),
];
