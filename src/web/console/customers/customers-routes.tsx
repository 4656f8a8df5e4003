import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { consoleRoute } from '../../route-roots.tsx';

export const customersConsoleRoutes = [
  createRoute({
    getParentRoute: () => consoleRoute,
    path: 'customers',
    component: lazyRouteComponent(() => import('./customers-page.tsx'), 'CustomersPage'),
  }),
  createRoute({
    getParentRoute: () => consoleRoute,
    path: 'customers/$accountId',
    // ?tab= opens a tab directly, so other pages can link to e.g. the Contacts tab.
    validateSearch: (search: Record<string, unknown>): { tab?: string } =>
      typeof search.tab === 'string' ? { tab: search.tab } : {},
    component: lazyRouteComponent(() => import('./account-page.tsx'), 'AccountPage'),
  }),
  createRoute({
    getParentRoute: () => consoleRoute,
    path: 'contacts/$contactId',
    component: lazyRouteComponent(() => import('./contact-page.tsx'), 'ContactPage'),
  }),
];
