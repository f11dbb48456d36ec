import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { ApiClients } from '../../api/clients';
import { useLoaded } from '../../use-loaded';
import { LoadState } from '../load-state';
import { PAGE_SIZE, Pager, paged, refusalText, Table, useOfficeApi } from './office-shared';
import { RunMeters } from './run-meters';
import { type DecisionOutcome, type DecisionsResultView, NOMINATION_STATUSES, type NominationStatus, type NominationView, type TraineeNameView } from './views';
import { instantText } from '../../dates';

type Decision = 'approve' | 'reject' | 'waitlist';
type Row = NominationView & { readonly fullName: string | null };
interface RunResult {
  readonly runId: string;
  readonly summary: DecisionsResultView | null;
  readonly failure: string | null;
  /** Who each decided nomination is, as the rows showed them when the decision was sent. */
  readonly names: ReadonlyMap<string, string>;
}

/** Trainees' names are personal data kept out of read models: the programme office reads each from enrolment. */
async function withNames(api: ApiClients, items: readonly NominationView[]): Promise<Row[]> {
  return Promise.all(
    items.map(async (item) => {
      try {
        const { data, response } = await api.enrolment.GET('/trainees/{traineeId}', { params: { path: { traineeId: item.traineeId } } });
        return { ...item, fullName: response.ok ? ((data as unknown as TraineeNameView).personalData?.fullName ?? null) : null };
      } catch {
        return { ...item, fullName: null };
      }
    }),
  );
}

/** Each run's decisions go in one request to that run's POST /runs/:runId/nominations/decisions. */
async function decide(api: ApiClients, rows: readonly Row[], decision: Decision, reason: string): Promise<RunResult[]> {
  const byRun = new Map<string, Row[]>();
  for (const row of rows) byRun.set(row.runId, [...(byRun.get(row.runId) ?? []), row]);
  return Promise.all(
    [...byRun].map(async ([runId, decided]): Promise<RunResult> => {
      const names = new Map(decided.map((row) => [row.nominationId, row.fullName ?? row.traineeId]));
      try {
        const { data, error, response } = await api.enrolment.POST('/runs/{runId}/nominations/decisions', {
          params: { path: { runId }, header: { 'Idempotency-Key': crypto.randomUUID() } },
          body: { decisions: decided.map((row) => ({ nominationId: row.nominationId, decision, ...(reason ? { reason } : {}) })) },
        });
        if (!response.ok) return { runId, summary: null, failure: refusalText(error, response), names };
        return { runId, summary: data as unknown as DecisionsResultView, failure: null, names };
      } catch (failure) {
        return { runId, summary: null, failure: failure instanceof Error ? failure.message : String(failure), names };
      }
    }),
  );
}

/** Hàng chờ đề cử: nominations across runs, with seats meters per run and decisions in bulk. */
export function NominationsQueueScreen() {
  const { t } = useTranslation('office');
  const { api } = useOfficeApi();
  const [search] = useSearchParams();
  const [status, setStatus] = useState<NominationStatus | ''>('submitted');
  const [runId, setRunId] = useState(search.get('runId') ?? '');
  const [agencyId, setAgencyId] = useState('');
  const [filter, setFilter] = useState({ status, runId, agencyId });
  const [offset, setOffset] = useState(0);
  const [version, setVersion] = useState(0);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [results, setResults] = useState<readonly RunResult[]>([]);
  const [rows, reload] = useLoaded(async () => {
    const page = paged<NominationView>(
      await api.enrolment.GET('/nominations', {
        params: { query: { status: filter.status || undefined, runId: filter.runId || undefined, agencyId: filter.agencyId || undefined, limit: PAGE_SIZE, offset } },
      }),
    );
    return { items: await withNames(api, page.items), total: page.total };
  }, [api, filter, offset, version]);
  const shown = rows.state === 'loaded' ? rows.value.items : [];
  const chosen = shown.filter((row) => selected.has(row.nominationId));
  const outcomes = new Map<string, DecisionOutcome>(results.flatMap((result) => (result.summary?.items ?? []).map((item) => [item.nominationId, item] as const)));

  const toggle = (nominationId: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(nominationId)) next.delete(nominationId);
      else next.add(nominationId);
      return next;
    });
  const act = async (decision: Decision) => {
    setBusy(true);
    setResults(await decide(api, chosen, decision, reason.trim()));
    setBusy(false);
    setSelected(new Set());
    setVersion((count) => count + 1);
  };
  const outcomeText = (outcome: DecisionOutcome) => (outcome.result === 'refused' ? t('queue.outcomes.refused', { detail: outcome.reason }) : t(`queue.outcomes.${outcome.result}`));

  return (
    <section aria-labelledby="queue-title">
      <h1 id="queue-title">{t('queue.title')}</h1>
      <form
        className="inline toolbar"
        onSubmit={(event) => {
          event.preventDefault();
          setOffset(0);
          setSelected(new Set());
          setFilter({ status, runId: runId.trim(), agencyId: agencyId.trim() });
        }}
      >
        <label htmlFor="queue-status">{t('queue.status')}</label>
        <select id="queue-status" value={status} onChange={(event) => setStatus(event.target.value as NominationStatus | '')}>
          <option value="">{t('terms.any')}</option>
          {NOMINATION_STATUSES.map((option) => (
            <option key={option} value={option}>
              {t(`terms.nominationStatus.${option}`)}
            </option>
          ))}
        </select>
        <label htmlFor="queue-run">{t('queue.runId')}</label>
        <input id="queue-run" value={runId} onChange={(event) => setRunId(event.target.value)} />
        <label htmlFor="queue-agency">{t('queue.agencyId')}</label>
        <input id="queue-agency" value={agencyId} onChange={(event) => setAgencyId(event.target.value)} size={8} />
        <button type="submit">{t('queue.filter')}</button>
      </form>

      <RunMeters api={api} runIds={[...new Set(shown.map((row) => row.runId))]} version={version} />

      <div aria-live="polite" className="results">
        {results.map((result) =>
          result.failure ? (
            <p key={result.runId} role="alert">
              {t('queue.failed', { runId: result.runId, reason: result.failure })}
            </p>
          ) : (
            result.summary && (
              <div key={result.runId} data-results={result.runId}>
                <p>
                  {t('queue.run')} {result.runId}: {t('queue.summary', { decided: result.summary.accepted, alreadyDecided: result.summary.alreadyRecorded, refused: result.summary.refused })}
                </p>
                <ul>
                  {result.summary.items.map((item) => (
                    <li key={item.nominationId} data-outcome={item.result}>
                      {result.names.get(item.nominationId) ?? item.nominationId}: {outcomeText(item)}
                    </li>
                  ))}
                </ul>
              </div>
            )
          ),
        )}
      </div>

      <LoadState loaded={rows} retry={reload}>
        {({ items, total }) =>
          items.length === 0 ? (
            <p>{t('queue.empty')}</p>
          ) : (
            <>
              <Table
                headers={[
                  <input
                    key="all"
                    type="checkbox"
                    aria-label={t('queue.selectAll')}
                    checked={chosen.length === items.length}
                    onChange={(event) => setSelected(new Set(event.target.checked ? items.map((row) => row.nominationId) : []))}
                  />,
                  ...(['trainee', 'agency', 'run', 'group', 'rank', 'leader', 'submittedAt', 'status', 'outcome'] as const).map((column) => t(`queue.${column}`)),
                ]}
              >
                {items.map((row) => {
                  const outcome = outcomes.get(row.nominationId);
                  return (
                    <tr key={row.nominationId} data-nomination={row.nominationId} className={selected.has(row.nominationId) ? 'selected' : undefined}>
                      <td>
                        <input type="checkbox" aria-label={`${t('queue.select')} ${row.fullName ?? row.traineeId}`} checked={selected.has(row.nominationId)} onChange={() => toggle(row.nominationId)} />
                      </td>
                      <th scope="row">
                        {row.fullName ?? <span title={t('queue.noName')}>{row.traineeId}</span>}
                      </th>
                      <td>{row.agencyId}</td>
                      <td>{row.runId}</td>
                      <td>{t(`terms.targetGroup.${row.targetGroup}`)}</td>
                      <td>{t(`terms.rank.${row.rank}`)}</td>
                      <td>{t(row.leadership ? 'terms.yes' : 'terms.no')}</td>
                      <td>{instantText(row.submittedAt)}</td>
                      <td>{t(`terms.nominationStatus.${row.status}`)}</td>
                      <td className={outcome?.result === 'refused' ? 'problem' : undefined}>{outcome ? outcomeText(outcome) : row.reason ?? ''}</td>
                    </tr>
                  );
                })}
              </Table>
              <Pager offset={offset} total={total} onPage={(next) => (setSelected(new Set()), setOffset(next))} />
            </>
          )
        }
      </LoadState>

      <section aria-labelledby="queue-bulk-title" className="card bulk">
        <h2 id="queue-bulk-title">
          {t('queue.selected', { count: chosen.length })}
        </h2>
        <label htmlFor="queue-reason">{t('queue.reason')}</label>
        <textarea id="queue-reason" rows={2} value={reason} onChange={(event) => setReason(event.target.value)} />
        <div className="toolbar">
          {(['approve', 'reject', 'waitlist'] as const).map((decision) => (
            <button key={decision} type="button" disabled={busy || chosen.length === 0} onClick={() => void act(decision)}>
              {t(`queue.${decision}`)}
            </button>
          ))}
        </div>
      </section>
    </section>
  );
}
