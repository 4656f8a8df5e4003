import { createRoute, redirect } from '@tanstack/react-router';
import { SignInNoticeSchema } from '../../shared/portal-access-contracts.ts';
import { rootRoute } from '../route-roots.tsx';
import { AccessLinkLandingPage, AccessLinkPage } from './access/access-link-page.tsx';
import { PortalHomePage } from './home/portal-home-page.tsx';
import { ForgotPasswordPage } from './session/forgot-password-page.tsx';
import { PortalChangePasswordPage } from './session/portal-change-password-page.tsx';
import { PortalSignInPage } from './session/portal-sign-in-page.tsx';
import { portalAppRoute } from './portal-roots.tsx';
import { portalTurnsRoutes } from './turns/turns-routes.tsx';

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/portal/sign-in',
  validateSearch: (search: Record<string, unknown>) => ({
    notice: SignInNoticeSchema.optional().catch(undefined).parse(search.notice),
  }),
  component: function SignIn() {
    const { notice } = signInRoute.useSearch();
    return <PortalSignInPage notice={notice} />;
  },
});

const linkLandingRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/portal/link/$token',
  component: function LinkLanding() {
    const { token } = linkLandingRoute.useParams();
    return <AccessLinkLandingPage token={token} />;
  },
});

/** The customer portal: sign-in, link pages and the signed-in portal. */
export const portalRoutes = [
  signInRoute,
  linkLandingRoute,
  createRoute({ getParentRoute: () => rootRoute, path: '/portal/link', component: AccessLinkPage }),
  createRoute({ getParentRoute: () => rootRoute, path: '/portal/forgot-password', component: ForgotPasswordPage }),
  portalAppRoute.addChildren([
    createRoute({ getParentRoute: () => portalAppRoute, path: '/portal/home', component: PortalHomePage }),
    createRoute({
      getParentRoute: () => portalAppRoute,
      path: '/portal/password',
      component: PortalChangePasswordPage,
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
