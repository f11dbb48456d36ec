import { useTranslation } from 'react-i18next';
import type { ApiClients } from '../../api/clients';
import { useLoaded } from '../../use-loaded';
import { LoadState } from '../load-state';
import { answered } from '../certify/answer';
import type { PolicyVersionView } from './views';

const POLICIES = ['coverage-rule', 'phase-targets'] as const;

/** Every version of the two policies evaluations name: which certificates count as trained, and the phase targets. */
export function PolicyHistory({ api }: { api: ApiClients }) {
  const { t } = useTranslation('evaluations');
  const [versions, reload] = useLoaded(
    () =>
      Promise.all(POLICIES.map(async (policy) => ({ policy, versions: answered<PolicyVersionView[]>(await api.reporting.GET('/policies/{policy}', { params: { path: { policy } } })) }))),
    [api],
  );
  return (
    <section aria-labelledby="policy-history">
      <h2 id="policy-history">{t('policies.title')}</h2>
      <LoadState loaded={versions} retry={reload}>
        {(policies) =>
          policies.map(({ policy, versions: history }) => (
            <table key={policy} aria-label={t(`policies.${policy}`)}>
              <caption>{t(`policies.${policy}`)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('policies.version')}</th>
                  <th scope="col">{t('policies.reason')}</th>
                  <th scope="col">{t('policies.content')}</th>
                </tr>
              </thead>
              <tbody>
                {[...history].reverse().map((version) => (
                  <tr key={version.version}>
                    <th scope="row">{version.version}</th>
                    <td>{version.reason}</td>
                    <td>
                      <details>
                        <summary>{t('policies.content')}</summary>
                        <pre>{JSON.stringify(version.content, null, 2)}</pre>
                      </details>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))
        }
      </LoadState>
    </section>
  );
}
