import { createRoute, lazyRouteComponent, type AnyRoute } from '@tanstack/react-router';
import { consoleRoute } from '../../route-roots.tsx';

export const notificationsConsoleRoutes: AnyRoute[] = [
  createRoute({
    getParentRoute: () => consoleRoute,
    path: 'outbox',
    component: lazyRouteComponent(() => import('./outbox-page.tsx'), 'OutboxPage'),
  }),
  createRoute({
    getParentRoute: () => consoleRoute,
    path: 'notifications',
    component: lazyRouteComponent(() => import('./notifications-page.tsx'), 'NotificationsPage'),
  }),
];
