import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiClients, problemText } from '../../api/clients';
import { useSession } from '../../session';
import { useLoaded } from '../../use-loaded';
import { LoadState } from '../load-state';
import { untilShown } from './settled';
import type { NominationsResultView, NominationView, RunSummaryView, TraineeDirectoryView } from './views';
import './i18n';
import './agency.css';
import { dayText, instantText, vietnameseToday } from '../../dates';

const WITHDRAWABLE = ['submitted', 'approved', 'waitlisted'];

/** Đề cử: runs still taking nominations, the agency's trainees to send, and what it has sent. */
export function NominationsScreen() {
  const { t } = useTranslation('agency');
  const { session } = useSession();
  const api = useMemo(() => apiClients(session?.token ?? ''), [session]);
  const agencyId = session?.agencyId ?? '';
  const [runId, setRunId] = useState<string | null>(null);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [message, setMessage] = useState<string | null>(null);
  const [loaded, reload] = useLoaded(async () => {
    const today = vietnameseToday();
    const [runs, trainees, nominations] = await Promise.all([
      api['course-delivery'].GET('/runs', { params: { query: { from: today } } }),
      api.enrolment.GET('/agencies/{agencyId}/trainees', { params: { path: { agencyId }, query: { limit: 500 } } }),
      api.enrolment.GET('/agencies/{agencyId}/nominations', { params: { path: { agencyId } } }),
    ]);
    for (const answer of [runs, trainees, nominations]) {
      if (answer.error !== undefined || !answer.response.ok) throw new Error(problemText(answer.error, answer.response));
    }
    // Only what the service would accept is offered; the service still decides every nomination.
    const open = (runs.data as unknown as RunSummaryView[]).filter((run) => run.status === 'scheduled' && run.nominationDeadline >= today);
    return {
      open,
      trainees: (trainees.data as unknown as TraineeDirectoryView).trainees.filter((trainee) => !trainee.erased),
      nominations: nominations.data as unknown as NominationView[],
    };
  }, [api, agencyId]);

  const ours = async () =>
    (await api.enrolment.GET('/agencies/{agencyId}/nominations', { params: { path: { agencyId } } })).data as unknown as NominationView[] | undefined;
  const submit = async (run: string) => {
    const { data, error, response } = await api.enrolment.POST('/runs/{runId}/nominations', {
      params: { path: { runId: run }, header: { 'Idempotency-Key': crypto.randomUUID() } },
      body: { nominations: [...chosen].map((traineeId) => ({ traineeId })) },
    });
    if (error !== undefined || !response.ok) return setMessage(t('failed', { reason: problemText(error, response) }));
    const result = data as unknown as NominationsResultView;
    const refusals = result.items.flatMap((item) => (item.result === 'refused' ? [`${item.traineeId}: ${item.reason}`] : []));
    setMessage([t('nominations.result', { submitted: result.accepted, already: result.alreadyRecorded, refused: result.refused }), ...refusals].join(' '));
    setChosen(new Set());
    const sent = result.items.filter((item) => item.result !== 'refused').map((item) => item.traineeId);
    await untilShown(ours, (list) => sent.every((traineeId) => list.some((nomination) => nomination.runId === run && nomination.traineeId === traineeId)));
    reload();
  };
  const withdraw = async (nomination: NominationView) => {
    const { error, response } = await api.enrolment.POST('/runs/{runId}/nominations/{nominationId}/withdraw', {
      params: { path: { runId: nomination.runId, nominationId: nomination.nominationId } },
      body: {},
    });
    setMessage(error !== undefined || !response.ok ? t('failed', { reason: problemText(error, response) }) : t('saved'));
    if (response.ok) await untilShown(ours, (list) => list.some((entry) => entry.nominationId === nomination.nominationId && entry.status === 'withdrawn'));
    reload();
  };

  return (
    <section aria-labelledby="nominations-title">
      <h1 id="nominations-title">{t('nominations.title')}</h1>
      <LoadState loaded={loaded} retry={reload}>
        {({ open, trainees, nominations }) => (
          <>
            <h2>{t('nominations.openRuns')}</h2>
            {open.length === 0 ? (
              <p>{t('nominations.noOpenRuns')}</p>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('nominations.run')}</th>
                    <th scope="col">{t('nominations.course')}</th>
                    <th scope="col">{t('nominations.dates')}</th>
                    <th scope="col">{t('nominations.deadline')}</th>
                    <th scope="col">{t('nominations.capacity')}</th>
                  </tr>
                </thead>
                <tbody>
                  {open.map((run) => (
                    <tr key={run.runId} aria-selected={run.runId === runId}>
                      <th scope="row">
                        <button type="button" className="link" aria-label={t('nominations.choose', { run: run.runId })} onClick={() => setRunId(run.runId)}>
                          {run.runId}
                        </button>
                      </th>
                      <td>{run.courseCode}</td>
                      <td>
                        {dayText(run.startDate)} – {dayText(run.endDate)}
                      </td>
                      <td>{run.nominationDeadline}</td>
                      <td>{run.capacity}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {runId && open.some((run) => run.runId === runId) && (
              <form
                aria-label={t('nominations.nominate', { run: runId })}
                onSubmit={(event) => {
                  event.preventDefault();
                  void submit(runId);
                }}
              >
                <fieldset>
                  <legend>{t('nominations.nominate', { run: runId })}</legend>
                  {trainees.map((trainee) => (
                    <label key={trainee.traineeId} className="inline">
                      <input
                        type="checkbox"
                        checked={chosen.has(trainee.traineeId)}
                        onChange={(event) => {
                          const next = new Set(chosen);
                          if (event.target.checked) next.add(trainee.traineeId);
                          else next.delete(trainee.traineeId);
                          setChosen(next);
                        }}
                      />{' '}
                      {trainee.traineeId} · {t(`ranks.${trainee.rank}`)}
                    </label>
                  ))}
                </fieldset>
                <button type="submit" disabled={chosen.size === 0}>
                  {t('nominations.submit')}
                </button>
              </form>
            )}
            {message && <p role="status">{message}</p>}
            <h2>{t('nominations.ours')}</h2>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('nominations.trainee')}</th>
                  <th scope="col">{t('nominations.run')}</th>
                  <th scope="col">{t('nominations.status')}</th>
                  <th scope="col">{t('nominations.submittedAt')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('nominations.withdraw')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {nominations.length === 0 && (
                  <tr>
                    <td colSpan={5}>{t('nominations.none')}</td>
                  </tr>
                )}
                {nominations.map((nomination) => (
                  <tr key={nomination.nominationId}>
                    <th scope="row">{nomination.traineeId}</th>
                    <td>{nomination.runId}</td>
                    <td>{t(`nominationStatus.${nomination.status}`, { defaultValue: nomination.status })}</td>
                    <td>{instantText(nomination.submittedAt)}</td>
                    <td>
                      {WITHDRAWABLE.includes(nomination.status) && (
                        <button type="button" aria-label={t('nominations.withdrawOne', { trainee: nomination.traineeId, run: nomination.runId })} onClick={() => void withdraw(nomination)}>
                          {t('nominations.withdraw')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </LoadState>
    </section>
  );
}
