import { createRoute, type AnyRoute } from '@tanstack/react-router';
import { consoleRoute } from '../../route-roots.tsx';
import { NotificationsPage } from './notifications-page.tsx';
import { OutboxPage } from './outbox-page.tsx';

export const notificationsConsoleRoutes: AnyRoute[] = [
  createRoute({ getParentRoute: () => consoleRoute, path: 'outbox', component: OutboxPage }),
  createRoute({ getParentRoute: () => consoleRoute, path: 'notifications', component: NotificationsPage }),
];
