import type { AnyRoute } from '@tanstack/react-router';

/** Portal sign-up pages (with a portal key, or a registration request without one). */
export const portalRegistrationRoutes: AnyRoute[] = [];
