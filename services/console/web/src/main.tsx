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
      { path: 'sign-in/callback', lazy: () => import('./sign-in/provider-sign-in').then((module) => ({ Component: module.ProviderCallbackScreen })) },
      { path: 'sign-in/silent', lazy: () => import('./sign-in/provider-sign-in').then((module) => ({ Component: module.ProviderSilentScreen })) },
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
        path: 'catalogue',
        element: <RequireScreen screen="catalogue" />,
        children: [
          { index: true, lazy: () => import('./screens/office/catalogue').then((module) => ({ Component: module.CatalogueScreen })) },
          { path: 'new', lazy: () => import('./screens/office/course-form').then((module) => ({ Component: module.CourseFormScreen })) },
          { path: ':courseId', lazy: () => import('./screens/office/course-detail').then((module) => ({ Component: module.CourseDetailScreen })) },
        ],
      },
      {
        path: 'runs',
        element: <RequireScreen screen="runs" />,
        children: [
          { index: true, lazy: () => import('./screens/office/runs').then((module) => ({ Component: module.RunsScreen })) },
          { path: 'new', lazy: () => import('./screens/office/schedule-run').then((module) => ({ Component: module.ScheduleRunScreen })) },
          { path: ':runId', lazy: () => import('./screens/office/run-detail').then((module) => ({ Component: module.RunDetailScreen })) },
        ],
      },
      {
        path: 'nominations',
        element: <RequireScreen screen="nominations" />,
        children: [{ index: true, lazy: () => import('./screens/office/nominations-queue').then((module) => ({ Component: module.NominationsQueueScreen })) }],
      },
      {
        path: 'certify',
        element: <RequireScreen screen="certify" />,
        children: [{ index: true, lazy: () => import('./screens/certify/worklist').then((module) => ({ Component: module.CertifyWorklistScreen })) }],
      },
      {
        path: 'certificates',
        element: <RequireScreen screen="certificates" />,
        children: [{ index: true, lazy: () => import('./screens/certify/certificates').then((module) => ({ Component: module.CertificatesScreen })) }],
      },
      {
        path: 'evaluations',
        element: <RequireScreen screen="evaluations" />,
        children: [
          { index: true, lazy: () => import('./screens/evaluations/evaluations').then((module) => ({ Component: module.EvaluationsScreen })) },
          { path: ':evaluationId', lazy: () => import('./screens/evaluations/evaluation').then((module) => ({ Component: module.EvaluationScreen })) },
        ],
      },
      {
        path: 'attendance',
        element: <RequireScreen screen="attendance" />,
        children: [
          { index: true, lazy: () => import('./screens/attendance/runs').then((module) => ({ Component: module.AttendanceRunsScreen })) },
          { path: ':runId', lazy: () => import('./screens/attendance/grid').then((module) => ({ Component: module.AttendanceGridScreen })) },
        ],
      },
      ...(
        [
          ['agency-rosters', () => import('./screens/agency/rosters').then((module) => ({ Component: module.RostersScreen }))],
          ['agency-trainees', () => import('./screens/agency/trainees').then((module) => ({ Component: module.TraineesScreen }))],
          ['agency-nominations', () => import('./screens/agency/nominations').then((module) => ({ Component: module.NominationsScreen }))],
          ['agency-import', () => import('./screens/agency/import').then((module) => ({ Component: module.ImportScreen }))],
          ['agency-results', () => import('./screens/agency/results').then((module) => ({ Component: module.ResultsScreen }))],
          ['agencies', () => import('./screens/office/agencies').then((module) => ({ Component: module.AgenciesScreen }))],
          ['feedback', () => import('./screens/office/feedback').then((module) => ({ Component: module.FeedbackScreen }))],
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
