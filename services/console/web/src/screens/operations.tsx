import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { apiClients, problemText, SERVICES, statusOf, type ServiceName } from '../api/clients';
import type { Lag, RuntimeStatusView } from '../api/views';
import { useSession } from '../session';
import { useLoaded } from '../use-loaded';
import { LoadState } from './load-state';

type ServiceStatus = { readonly service: ServiceName } & ({ readonly status: RuntimeStatusView } | { readonly unreachable: string });

const lagText = (lag: Lag) => `${lag.events}${lag.atLeast ? '+' : ''}`;

/** Each service's GET /status side by side: relay and consumer lag, what was set aside, and the warnings. */
export function OperationsScreen() {
  const { t } = useTranslation();
  const { session } = useSession();
  const api = useMemo(() => apiClients(session?.token ?? ''), [session]);
  const [statuses, reload] = useLoaded(
    () =>
      Promise.all(
        SERVICES.map(async (service): Promise<ServiceStatus> => {
          try {
            const { data, error, response } = await statusOf(api, service);
            if (error !== undefined || !response.ok) return { service, unreachable: problemText(error, response) };
            return { service, status: data as unknown as RuntimeStatusView };
          } catch (failure) {
            return { service, unreachable: failure instanceof Error ? failure.message : String(failure) };
          }
        }),
      ),
    [api],
  );

  return (
    <section aria-labelledby="operations-title">
      <h1 id="operations-title">{t('operations.title')}</h1>
      <LoadState loaded={statuses} retry={reload}>
        {(services) => (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('operations.service')}</th>
                <th scope="col">{t('operations.relay')}</th>
                <th scope="col">{t('operations.relayLag')}</th>
                <th scope="col">{t('operations.consumerLag')}</th>
                <th scope="col">{t('operations.setAside')}</th>
                <th scope="col">{t('operations.warnings')}</th>
              </tr>
            </thead>
            <tbody>
              {services.map((entry) => (
                <tr key={entry.service} data-service={entry.service}>
                  <th scope="row">{entry.service}</th>
                  {'status' in entry ? (
                    <>
                      <td>{entry.status.relay?.state ?? '—'}</td>
                      <td>{entry.status.relay ? lagText(entry.status.relay.lag) : '—'}</td>
                      <td>{entry.status.consumers.reduce((sum, consumer) => sum + consumer.lag, 0)}</td>
                      <td>{entry.status.setAside.total}</td>
                      <td>
                        {entry.status.warnings.length === 0 ? (
                          t('operations.allWell')
                        ) : (
                          <ul>
                            {entry.status.warnings.map((warning) => (
                              <li key={warning}>{warning}</li>
                            ))}
                          </ul>
                        )}
                      </td>
                    </>
                  ) : (
                    <td colSpan={5} className="problem">
                      {t('operations.unreachable')}: {entry.unreachable}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </LoadState>
    </section>
  );
}
