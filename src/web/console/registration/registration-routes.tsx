import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { consoleRoute } from '../../route-roots.tsx';
import { registrationRequestQuery, registrationSettingsQuery } from './registration-api.ts';

export const registrationConsoleRoutes = [
  createRoute({
    getParentRoute: () => consoleRoute,
    path: 'registrations',
    component: lazyRouteComponent(() => import('./registrations-page.tsx'), 'RegistrationsPage'),
  }),
  createRoute({
    getParentRoute: () => consoleRoute,
    path: 'registrations/settings',
    loader: ({ context }) => context.queryClient.ensureQueryData(registrationSettingsQuery),
    component: lazyRouteComponent(() => import('./registration-settings-page.tsx'), 'RegistrationSettingsPage'),
  }),
  createRoute({
    getParentRoute: () => consoleRoute,
    path: 'registrations/$requestId',
    loader: ({ context, params }) => context.queryClient.ensureQueryData(registrationRequestQuery(params.requestId)),
    component: lazyRouteComponent(() => import('./registration-request-page.tsx'), 'RegistrationRequestPage'),
  }),
];
