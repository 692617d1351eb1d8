import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createBrowserRouter, RouterProvider } from 'react-router';
import './i18n';
import './ui/styles.css';
import { Shell } from './app/Shell';
import { Guard } from './app/Guard';
import { PAGES } from './app/routes';
import { onSessionEnded } from './app/session';
import { Loading } from './ui/Loading';
import NotFoundPage from './features/home/NotFoundPage';

const queryClient = new QueryClient({
  defaultOptions: { queries: { refetchOnWindowFocus: false, retry: 1 } },
});

// When the session ends mid-work, forget the user: the guard then sends them to the login page
// with the way back to where they were.
onSessionEnded(() => queryClient.setQueryData(['me'], null));

const router = createBrowserRouter([
  {
    element: <Shell />,
    children: [
      ...PAGES.map((page) => {
        const Page = lazy(page.load);
        const content = (
          <Suspense fallback={<Loading />}>
            <Page />
          </Suspense>
        );
        return { path: page.path, element: page.public ? content : <Guard roles={page.roles}>{content}</Guard> };
      }),
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      {/* A last boundary for anything that waits outside a page (a namespace still loading). */}
      <Suspense fallback={null}>
        <RouterProvider router={router} />
      </Suspense>
    </QueryClientProvider>
  </StrictMode>,
);
