import { useTranslation } from 'react-i18next';
import type { ApiClients } from '../../api/clients';
import { answered } from '../certify/answer';
import type { EvaluationJobView } from './views';

const POLL_MS = 400;

/** Follows an evaluation job until it succeeds or fails, reporting each state seen; a failure throws its problem. */
export async function followJob(api: ApiClients, accepted: EvaluationJobView, onState: (job: EvaluationJobView) => void): Promise<EvaluationJobView> {
  let job = accepted;
  onState(job);
  while (job.state === 'queued' || job.state === 'running') {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    job = answered<EvaluationJobView>(await api.reporting.GET('/evaluation-jobs/{jobId}', { params: { path: { jobId: job.jobId } } }));
    onState(job);
  }
  if (job.state === 'failed') throw new Error([job.error?.status, job.error?.title, job.error?.detail].filter((part) => part !== undefined).join(' '));
  return job;
}

/** A job's state and how far it has read, for a screen reader as for the eye. */
export function JobProgress({ job }: { job: EvaluationJobView }) {
  const { t } = useTranslation('evaluations');
  const { eventsRead, eventsTotal } = job.progress;
  return (
    <div role="status" data-job-state={job.state}>
      <p>
        {t(`job.states.${job.state}`)} · {eventsTotal === null ? t('job.read', { read: eventsRead }) : t('job.readOf', { read: eventsRead, total: eventsTotal })}
      </p>
      {eventsTotal !== null && eventsTotal > 0 && <progress max={eventsTotal} value={eventsRead} aria-label={t('job.progress')} />}
    </div>
  );
}
