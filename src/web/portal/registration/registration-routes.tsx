import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { rootRoute } from '../../route-roots.tsx';
import { publicRegistrationSettingsQuery } from './registration-api.ts';

/** Portal sign-up pages (with a portal key, or a registration request without one). */
export const portalRegistrationRoutes = [
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/portal/sign-up',
    validateSearch: (search: Record<string, unknown>): { accountNumber?: string } =>
      typeof search.accountNumber === 'string' && search.accountNumber.length <= 64
        ? { accountNumber: search.accountNumber }
        : {},
    loader: ({ context }) => context.queryClient.ensureQueryData(publicRegistrationSettingsQuery),
    component: lazyRouteComponent(() => import('./sign-up-page.tsx'), 'SignUpPage'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/portal/sign-up/request',
    loader: ({ context }) => context.queryClient.ensureQueryData(publicRegistrationSettingsQuery),
    component: lazyRouteComponent(() => import('./request-registration-page.tsx'), 'RequestRegistrationPage'),
  }),
];
