import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useSession } from '../session';
import { providerSignIn } from './provider';

/** The button that takes the user to the ministry's provider; they come back to /sign-in/callback. */
export function ProviderSignIn() {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<string | null>(null);
  const go = async () => {
    setFailure(null);
    try {
      const manager = await providerSignIn();
      await manager?.signinRedirect();
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
    }
  };
  return (
    <section aria-labelledby="provider-sign-in-title" className="card narrow">
      <h1 id="provider-sign-in-title">{t('signIn.providerTitle')}</h1>
      <p>{t('signIn.providerExplain')}</p>
      <button type="button" onClick={() => void go()}>
        {t('signIn.provider')}
      </button>
      {failure && <p role="alert">{t('signIn.failed', { reason: failure })}</p>}
    </section>
  );
}

/** Where the provider sends the user back with an authorization code: exchanged, with the PKCE verifier, for tokens. */
export function ProviderCallbackScreen() {
  const { t } = useTranslation();
  const { signIn } = useSession();
  const navigate = useNavigate();
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    providerSignIn()
      .then(async (manager) => {
        if (!manager) throw new Error(t('signIn.unavailable'));
        const user = await manager.signinRedirectCallback();
        if (!current) return;
        signIn(user.access_token, 'provider');
        void navigate('/', { replace: true });
      })
      .catch((error: unknown) => current && setFailure(error instanceof Error ? error.message : String(error)));
    return () => {
      current = false;
    };
  }, []);
  if (!failure) return <p role="status">{t('signIn.completing')}</p>;
  return (
    <section className="card narrow">
      <p role="alert">{t('signIn.failed', { reason: failure })}</p>
      <a href="/sign-in">{t('signIn.again')}</a>
    </section>
  );
}

/** Loaded in a hidden frame by silent renewal: hands the provider's answer back to the console's window. */
export function ProviderSilentScreen() {
  useEffect(() => {
    void providerSignIn().then((manager) => manager?.signinSilentCallback());
  }, []);
  return null;
}
