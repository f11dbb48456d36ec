import { useTranslation } from 'react-i18next';
import { Navigate, Outlet } from 'react-router';
import { mayOpen, screensFor, type Screen } from './access';
import { useSession } from './session';

/** The first screen the signed-in role may open, or the sign-in page. */
export function HomeRedirect() {
  const { session } = useSession();
  const { t } = useTranslation();
  if (!session) return <Navigate to="/sign-in" replace />;
  const [first] = screensFor(session.roles);
  if (first) return <Navigate to={`/${first}`} replace />;
  return <p>{t('home.nothing')}</p>;
}

/** A screen the role may not open is not merely hidden from the navigation: its address leads home. */
export function RequireScreen({ screen }: { screen: Screen }) {
  const { session } = useSession();
  if (!session) return <Navigate to="/sign-in" replace />;
  if (!mayOpen(session.roles, screen)) return <Navigate to="/" replace />;
  return <Outlet />;
}
