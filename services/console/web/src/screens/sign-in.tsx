import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useSession } from '../session';
import { signInOptions } from '../sign-in/provider';
import { ProviderSignIn } from '../sign-in/provider-sign-in';
import { useLoaded } from '../use-loaded';

interface SignInOptions {
  readonly roles: readonly string[];
  readonly agencyBoundRoles: readonly string[];
  readonly institutionBoundRoles?: readonly string[];
}

/** Where the console's server says users sign in: at the ministry's provider, on the development page, or both. */
export function SignInScreen() {
  const { t } = useTranslation();
  const [options] = useLoaded(signInOptions, []);
  if (options.state === 'loading') return <p role="status">{t('common.loading')}</p>;
  if (options.state === 'failed') return <p role="alert">{t('common.failed', { reason: options.reason })}</p>;
  const { oidc, development } = options.value;
  return (
    <>
      {oidc && <ProviderSignIn />}
      {development && <DevelopmentSignIn />}
      {!oidc && !development && <p role="alert">{t('signIn.unavailable')}</p>}
    </>
  );
}

/** Development and simulation only: the console's server mints the token, and answers 404 in production. */
function DevelopmentSignIn() {
  const { t } = useTranslation();
  const { signIn } = useSession();
  const navigate = useNavigate();
  const [options, setOptions] = useState<SignInOptions | 'unavailable' | null>(null);
  const [role, setRole] = useState('monitor');
  const [agencyId, setAgencyId] = useState('BNV');
  const [institutionId, setInstitutionId] = useState('HVNG');
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    fetch('/dev/sign-in').then(
      async (response) => setOptions(response.ok ? ((await response.json()) as SignInOptions) : 'unavailable'),
      () => setOptions('unavailable'),
    );
  }, []);

  if (options === null) return <p role="status">{t('common.loading')}</p>;
  if (options === 'unavailable') return <p role="alert">{t('signIn.unavailable')}</p>;
  const agencyBound = options.agencyBoundRoles.includes(role);
  const institutionBound = (options.institutionBoundRoles ?? []).includes(role);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const response = await fetch('/dev/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role, ...(agencyBound ? { agencyId } : {}), ...(institutionBound ? { institutionId } : {}) }),
    });
    const body = (await response.json().catch(() => ({}))) as { token?: string; message?: string };
    if (!response.ok || !body.token) return setFailure(t('signIn.failed', { reason: body.message ?? `HTTP ${response.status}` }));
    signIn(body.token, 'development');
    void navigate('/', { replace: true });
  };

  return (
    <section aria-labelledby="sign-in-title" className="card narrow">
      <h1 id="sign-in-title">{t('signIn.title')}</h1>
      <p>{t('signIn.explain')}</p>
      <form onSubmit={(event) => void submit(event)}>
        <label htmlFor="role">{t('signIn.role')}</label>
        <select id="role" value={role} onChange={(event) => setRole(event.target.value)}>
          {options.roles.map((name) => (
            <option key={name} value={name}>
              {t(`roles.${name}`)} ({name})
            </option>
          ))}
        </select>
        {agencyBound && (
          <>
            <label htmlFor="agency">{t('signIn.agency')}</label>
            <input id="agency" value={agencyId} onChange={(event) => setAgencyId(event.target.value.toUpperCase())} required pattern="[A-Z0-9][A-Z0-9\-]{0,31}" />
          </>
        )}
        {institutionBound && (
          <>
            <label htmlFor="institution">{t('signIn.institution')}</label>
            <input id="institution" value={institutionId} onChange={(event) => setInstitutionId(event.target.value.toUpperCase())} required pattern="[A-Z0-9][A-Z0-9\-]{0,31}" />
          </>
        )}
        <button type="submit">{t('signIn.submit')}</button>
        {failure && <p role="alert">{failure}</p>}
      </form>
    </section>
  );
}
