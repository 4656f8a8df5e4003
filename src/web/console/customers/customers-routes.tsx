import { createRoute } from '@tanstack/react-router';
import { consoleRoute } from '../../route-roots.tsx';
import { AccountPage } from './account-page.tsx';
import { ContactPage } from './contact-page.tsx';
import { CustomersPage } from './customers-page.tsx';

export const customersConsoleRoutes = [
  createRoute({ getParentRoute: () => consoleRoute, path: 'customers', component: CustomersPage }),
  createRoute({
    getParentRoute: () => consoleRoute,
    path: 'customers/$accountId',
    // ?tab= opens a tab directly, so other pages can link to e.g. the Contacts tab.
    validateSearch: (search: Record<string, unknown>): { tab?: string } =>
      typeof search.tab === 'string' ? { tab: search.tab } : {},
    component: AccountPage,
  }),
  createRoute({ getParentRoute: () => consoleRoute, path: 'contacts/$contactId', component: ContactPage }),
];
