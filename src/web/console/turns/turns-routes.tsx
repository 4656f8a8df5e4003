import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { consoleRoute } from '../../route-roots.tsx';
import { parseDeskSearch } from './desk-search.ts';

const deskRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'turns',
  validateSearch: parseDeskSearch,
  component: lazyRouteComponent(() => import('./desk-page.tsx'), 'DeskPage'),
});

export const turnsConsoleRoutes = [deskRoute];
