import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useNavigate, useNavigation } from 'react-router';
import { screensFor } from './access';
import { LANGUAGES } from './i18n';
import { useSession } from './session';

export function Layout() {
  const { t, i18n } = useTranslation();
  const { session, signOut } = useSession();
  const navigate = useNavigate();
  const navigation = useNavigation();
  const screens = session ? screensFor(session.roles) : [];
  return (
    <>
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <header className="bar">
        <span className="brand">{t('app.title')}</span>
        {screens.length > 0 && (
          <nav aria-label={t('app.nav')}>
            <ul>
              {screens.map((screen) => (
                <li key={screen}>
                  <NavLink to={`/${screen}`}>{t(`screens.${screen}`)}</NavLink>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <div className="tools">
          <div role="group" aria-label={t('app.language')}>
            {LANGUAGES.map((language) => (
              <button key={language} type="button" lang={language} aria-pressed={i18n.language === language} onClick={() => void i18n.changeLanguage(language)}>
                {language === 'vi' ? 'Tiếng Việt' : 'English'}
              </button>
            ))}
          </div>
          {session && (
            <>
              <span className="who">{t('app.signedInAs', { role: session.roles.map((role) => t(`roles.${role}`)).join(', ') })}</span>
              <button
                type="button"
                onClick={() => {
                  signOut();
                  void navigate('/sign-in');
                }}
              >
                {t('app.signOut')}
              </button>
            </>
          )}
        </div>
      </header>
      <main id="main" aria-busy={navigation.state === 'loading'}>
        <Outlet />
      </main>
    </>
  );
}
