import { createRoute, type AnyRoute } from '@tanstack/react-router';
import { consoleRoute } from '../../route-roots.tsx';
import { ProsPage } from './pros-page.tsx';
import { ServicesPage } from './services-page.tsx';

export const catalogConsoleRoutes: AnyRoute[] = [
  createRoute({ getParentRoute: () => consoleRoute, path: 'services', component: ServicesPage }),
  createRoute({ getParentRoute: () => consoleRoute, path: 'pros', component: ProsPage }),
];
