import { createRoute } from '@tanstack/react-router';
import { z } from 'zod';
import { rootRoute } from '../../route-roots.tsx';
import { publicRegistrationSettingsQuery } from './registration-api.ts';
import { RequestRegistrationPage } from './request-registration-page.tsx';
import { SignUpPage } from './sign-up-page.tsx';

const SignUpSearchSchema = z.object({ accountNumber: z.string().max(64).optional() });

/** Portal sign-up pages (with a portal key, or a registration request without one). */
export const portalRegistrationRoutes = [
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/portal/sign-up',
    validateSearch: (search) => SignUpSearchSchema.parse(search),
    loader: ({ context }) => context.queryClient.ensureQueryData(publicRegistrationSettingsQuery),
    component: SignUpPage,
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/portal/sign-up/request',
    loader: ({ context }) => context.queryClient.ensureQueryData(publicRegistrationSettingsQuery),
    component: RequestRegistrationPage,
  }),
];
