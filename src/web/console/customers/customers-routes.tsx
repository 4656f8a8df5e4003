import { createRoute } from '@tanstack/react-router';
import { consoleRoute } from '../../route-roots.tsx';
import { CustomersPage } from './customers-page.tsx';

export const customersConsoleRoutes = [
  createRoute({ getParentRoute: () => consoleRoute, path: 'customers', component: CustomersPage }),
];
