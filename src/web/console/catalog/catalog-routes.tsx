import { createRoute, lazyRouteComponent, type AnyRoute } from '@tanstack/react-router';
import { consoleRoute } from '../../route-roots.tsx';

export const catalogConsoleRoutes: AnyRoute[] = [
  createRoute({
    getParentRoute: () => consoleRoute,
    path: 'services',
    component: lazyRouteComponent(() => import('./services-page.tsx'), 'ServicesPage'),
  }),
  createRoute({
    getParentRoute: () => consoleRoute,
    path: 'pros',
    component: lazyRouteComponent(() => import('./pros-page.tsx'), 'ProsPage'),
  }),
];
