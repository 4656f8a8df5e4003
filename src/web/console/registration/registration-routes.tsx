import { createRoute } from '@tanstack/react-router';
import { consoleRoute } from '../../route-roots.tsx';
import { registrationRequestQuery, registrationSettingsQuery } from './registration-api.ts';
import { RegistrationRequestPage } from './registration-request-page.tsx';
import { RegistrationSettingsPage } from './registration-settings-page.tsx';
import { RegistrationsPage } from './registrations-page.tsx';

export const registrationConsoleRoutes = [
  createRoute({ getParentRoute: () => consoleRoute, path: 'registrations', component: RegistrationsPage }),
  createRoute({
    getParentRoute: () => consoleRoute,
    path: 'registrations/settings',
    loader: ({ context }) => context.queryClient.ensureQueryData(registrationSettingsQuery),
    component: RegistrationSettingsPage,
  }),
  createRoute({
    getParentRoute: () => consoleRoute,
    path: 'registrations/$requestId',
    loader: ({ context, params }) => context.queryClient.ensureQueryData(registrationRequestQuery(params.requestId)),
    component: RegistrationRequestPage,
  }),
];
