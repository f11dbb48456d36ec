import '@fontsource/be-vietnam-pro/400.css';
import '@fontsource/be-vietnam-pro/600.css';
import './styles.css';
import './i18n';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { Layout } from './layout';
import { HomeRedirect, RequireScreen } from './guards';
import { SessionProvider } from './session';

// Each screen is its own chunk, loaded when first opened.
const router = createBrowserRouter([
  {
    path: '/',
    Component: Layout,
    children: [
      { index: true, Component: HomeRedirect },
      { path: 'sign-in', lazy: () => import('./screens/sign-in').then((module) => ({ Component: module.SignInScreen })) },
      {
        path: 'progress',
        element: <RequireScreen screen="progress" />,
        children: [{ index: true, lazy: () => import('./screens/progress').then((module) => ({ Component: module.ProgressScreen })) }],
      },
      {
        path: 'operations',
        element: <RequireScreen screen="operations" />,
        children: [{ index: true, lazy: () => import('./screens/operations').then((module) => ({ Component: module.OperationsScreen })) }],
      },
      {
        path: 'attendance',
        element: <RequireScreen screen="attendance" />,
        children: [
          { index: true, lazy: () => import('./screens/attendance/runs').then((module) => ({ Component: module.AttendanceRunsScreen })) },
          { path: ':runId', lazy: () => import('./screens/attendance/grid').then((module) => ({ Component: module.AttendanceGridScreen })) },
        ],
      },
      { path: '*', Component: HomeRedirect },
    ],
  },
]);

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <SessionProvider>
      <RouterProvider router={router} />
    </SessionProvider>
  </StrictMode>,
);
