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
      ...(
        [
          ['agency-rosters', () => import('./screens/agency/rosters').then((module) => ({ Component: module.RostersScreen }))],
          ['agency-trainees', () => import('./screens/agency/trainees').then((module) => ({ Component: module.TraineesScreen }))],
          ['agency-nominations', () => import('./screens/agency/nominations').then((module) => ({ Component: module.NominationsScreen }))],
          ['agency-import', () => import('./screens/agency/import').then((module) => ({ Component: module.ImportScreen }))],
        ] as const
      ).map(([screen, lazy]) => ({ path: screen, element: <RequireScreen screen={screen} />, children: [{ index: true, lazy }] })),
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
