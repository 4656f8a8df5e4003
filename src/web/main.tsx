import './ui/mantine-styles.ts';
import './ui/global.css';
import { getDefaultZIndex, MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { queryClient } from './query-client.ts';
import { router } from './router.tsx';
import { cssVariablesResolver, theme } from './ui/theme.ts';

// Toasts only ever follow a user's action, so their container (and its transition library) loads after the page.
const Notifications = lazy(() =>
  import('@mantine/notifications').then((module) => ({ default: module.Notifications })),
);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      {/* Bottom right: stacked at the top they reached over the account tabs, and a pointer resting on
          one (reaching for the tab beneath) pauses every toast's auto-close, so the stack never left.
          Beneath dialogs: a toast from the step before stayed over the next dialog's Save button. */}
      <Suspense fallback={null}>
        <Notifications position="bottom-right" limit={3} zIndex={getDefaultZIndex('modal') - 1} />
      </Suspense>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
