import { useTranslation } from 'react-i18next';
import type { ApiClients } from '../../api/clients';
import { useLoaded } from '../../use-loaded';
import { LoadState } from '../load-state';
import { paged, single } from './office-shared';
import type { NominationView, RunDetailView } from './views';

interface RunSeats {
  readonly runId: string;
  readonly capacity: number;
  readonly approved: number;
  readonly quotas: readonly { readonly agencyId: string; readonly seats: number; readonly approved: number }[];
}

/** How many nominations of the run (and of one agency in it) enrolment holds approved: the list's X-Total-Count. */
async function approvedCount(api: ApiClients, runId: string, agencyId?: string): Promise<number> {
  const answer = await api.enrolment.GET('/nominations', { params: { query: { runId, agencyId, status: 'approved', limit: 1 } } });
  return paged<NominationView>(answer).total;
}

async function seatsOf(api: ApiClients, runId: string): Promise<RunSeats> {
  const run = single<RunDetailView>(await api['course-delivery'].GET('/runs/{runId}', { params: { path: { runId } } }));
  const [approved, ...quotaApproved] = await Promise.all([
    approvedCount(api, runId),
    ...run.agencyQuotas.map((quota) => approvedCount(api, runId, quota.agencyId)),
  ]);
  return {
    runId,
    capacity: run.capacity,
    approved: approved ?? 0,
    quotas: run.agencyQuotas.map((quota, index) => ({ ...quota, approved: quotaApproved[index] ?? 0 })),
  };
}

/**
 * Capacity and quota meters of the runs in the queue's page: the run's seats and quotas from
 * course-delivery, the approved nominations counted by enrolment. The decisions endpoint stays the
 * authority: it refuses what would exceed them.
 */
export function RunMeters({ api, runIds, version }: { api: ApiClients; runIds: readonly string[]; version: number }) {
  const { t } = useTranslation('office');
  const [seats, reload] = useLoaded(() => Promise.all(runIds.map((runId) => seatsOf(api, runId))), [api, runIds.join('\n'), version]);
  if (runIds.length === 0) return null;
  return (
    <section aria-labelledby="queue-meters-title" className="card meters">
      <h2 id="queue-meters-title">{t('queue.meters')}</h2>
      <LoadState loaded={seats} retry={reload}>
        {(runs) => (
          <ul>
            {runs.map((run) => (
              <li key={run.runId} data-run={run.runId}>
                <label htmlFor={`meter-${run.runId}`}>{t('queue.capacityOf', { runId: run.runId, approved: run.approved, capacity: run.capacity })}</label>
                <meter id={`meter-${run.runId}`} min={0} max={run.capacity} value={run.approved} high={run.capacity * 0.9} />
                {run.quotas.length > 0 && (
                  <ul>
                    {run.quotas.map((quota) => (
                      <li key={quota.agencyId}>
                        <label htmlFor={`meter-${run.runId}-${quota.agencyId}`}>
                          {t('queue.quotaOf', { agencyId: quota.agencyId, approved: quota.approved, seats: quota.seats })}
                        </label>
                        <meter id={`meter-${run.runId}-${quota.agencyId}`} min={0} max={Math.max(quota.seats, 1)} value={quota.approved} />
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        )}
      </LoadState>
    </section>
  );
}
