import { type AnyRoute, createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { consoleRoute } from '../../route-roots.tsx';

const STATUSES = ['open', 'converted', 'dismissed'] as const;

export const fieldConsoleRoutes: AnyRoute[] = [
  createRoute({
    getParentRoute: () => consoleRoute,
    path: 'rework',
    validateSearch: (search: Record<string, unknown>) => ({
      status: STATUSES.find((status) => status === search.status) ?? 'open',
    }),
    component: lazyRouteComponent(() => import('./rework-desk-page.tsx'), 'ReworkDeskRoute'),
  }),
];
