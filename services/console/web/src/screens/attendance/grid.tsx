import './i18n';
import './attendance.css';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { apiClients, type ApiClients } from '../../api/clients';
import { useSession, type Session } from '../../session';
import { useLoaded } from '../../use-loaded';
import { LoadState } from '../load-state';
import { AssessmentColumn, useAssessments } from './assessments';
import { CellHistory } from './cell-history';
import { SpreadsheetPanel } from './spreadsheet';
import { cellKey, marksToPost, recordedStatuses, type DraftMark, type MarkToPost } from './marks';
import { loadRunAttendance, loadSheet, markVerdict, postMarks, untilFresh, verdictCounts, type RunAttendance } from './run-api';
import { ATTENDANCE_STATUSES, type AttendanceStatus, type BulkAttendanceResultView, type MarkItemResultView } from './views';
import { dayText } from '../../dates';

/** One run's attendance sheet: sessions across, trainees down, marks taken in class and saved in one batch. */
export function AttendanceGridScreen() {
  const { runId = '' } = useParams();
  const { t } = useTranslation('attendance');
  const { session } = useSession();
  const api = useMemo(() => apiClients(session?.token ?? ''), [session]);
  const [loaded, reload] = useLoaded(() => loadRunAttendance(api, runId), [api, runId]);
  return (
    <section aria-labelledby="attendance-grid-title">
      <p>
        <Link to="/attendance">← {t('grid.back')}</Link>
      </p>
      <h1 id="attendance-grid-title">{t('grid.title', { runId })}</h1>
      <LoadState loaded={loaded} retry={reload}>
        {(data) => session && <Grid key={runId} api={api} session={session} initial={data} />}
      </LoadState>
    </section>
  );
}

type Selected = { readonly sessionId: string; readonly traineeId: string } | null;

function Grid({ api, session, initial }: { api: ApiClients; session: Session; initial: RunAttendance }) {
  const { t } = useTranslation('attendance');
  const { run, roster } = initial;
  const runId = run.runId;
  const [sheet, setSheet] = useState(initial.sheet);
  const [drafts, setDrafts] = useState<ReadonlyMap<string, DraftMark>>(new Map());
  const [results, setResults] = useState<ReadonlyMap<string, MarkItemResultView>>(new Map());
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<{ summary?: BulkAttendanceResultView; failure?: string } | null>(null);
  const [selected, setSelected] = useState<Selected>(null);
  const idempotencyKey = useRef<string | null>(null);
  const assessments = useAssessments(api, run, initial.assessments, session);

  const mayPost = session.roles.includes('institution-integration') && session.institutionId === run.providerInstitutionId;
  const mayCorrect = mayPost || session.roles.includes('programme-admin');
  const recorded = useMemo(() => recordedStatuses(sheet), [sheet]);
  const corrected = useMemo(() => new Set(sheet.entries.filter((entry) => entry.corrected).map((entry) => cellKey(entry.sessionId, entry.traineeId))), [sheet]);
  const sessions = sheet.sessions;

  /** Reads the sheet again until it holds `expected` (cell key to status), which the service has just accepted. */
  const refreshSheet = useCallback(
    async (expected: ReadonlyMap<string, AttendanceStatus> = new Map()) => {
      const fresh = await untilFresh(
        () => loadSheet(api, runId),
        (candidate) => {
          const statuses = recordedStatuses(candidate);
          return [...expected].every(([key, status]) => statuses.get(key) === status);
        },
      );
      setSheet(fresh);
    },
    [api, runId],
  );

  const setDraft = (sessionId: string, traineeId: string, status: AttendanceStatus | '') => {
    idempotencyKey.current = null;
    setDrafts((current) => {
      const next = new Map(current);
      if (status === '') next.delete(cellKey(sessionId, traineeId));
      else next.set(cellKey(sessionId, traineeId), { sessionId, traineeId, status });
      return next;
    });
  };

  /** Posts marks in one batch; every mark's result lands in its cell, and accepted cells leave the drafts. */
  const post = async (marks: readonly MarkToPost[], key: string): Promise<BulkAttendanceResultView> => {
    const summary = await postMarks(api, runId, marks, key);
    const byCell = new Map(summary.items.map((item) => [cellKey(marks[item.index]?.sessionId ?? '', marks[item.index]?.traineeId ?? ''), item]));
    setResults((current) => new Map([...current, ...byCell]));
    setDrafts((current) => new Map([...current].filter(([key]) => !['accepted', 'already-recorded'].includes(byCell.get(key)?.result ?? ''))));
    const accepted = marks.filter((mark) => byCell.get(cellKey(mark.sessionId, mark.traineeId))?.result === 'accepted');
    await refreshSheet(new Map(accepted.map((mark) => [cellKey(mark.sessionId, mark.traineeId), mark.status])));
    return summary;
  };

  const save = async () => {
    const marks = marksToPost([...drafts.values()], sessions, new Date());
    if (marks.length === 0) return;
    idempotencyKey.current ??= crypto.randomUUID();
    setSaving(true);
    setOutcome(null);
    try {
      setOutcome({ summary: await post(marks, idempotencyKey.current) });
      idempotencyKey.current = null;
    } catch (failure) {
      // The same key on a retry: the service answers what it did, never records the batch twice.
      setOutcome({ failure: failure instanceof Error ? failure.message : String(failure) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <p>
        {t('grid.summary', { course: run.courseCode, start: dayText(run.startDate), end: dayText(run.endDate), trainees: roster.traineeIds.length, sessions: sessions.length })}
        {' · '}
        {t(`runStatus.${run.status}`, { defaultValue: run.status })}
      </p>
      {!mayPost && <p>{t('grid.readOnly')}</p>}
      {roster.traineeIds.length === 0 ? (
        <p>{t('grid.noRoster')}</p>
      ) : (
        <div className="attendance-scroll" tabIndex={0} role="region" aria-label={t('grid.scroll')}>
          <table className="attendance-grid">
            <thead>
              <tr>
                <th scope="col">{t('grid.trainee')}</th>
                {sessions.map((session) => (
                  <th scope="col" key={session.sessionId}>
                    {t('grid.session', { sessionId: session.sessionId })}
                    <br />
                    <small>
                      {session.date}
                      {session.cancelled && ` · ${t('grid.cancelled')}`}
                    </small>
                  </th>
                ))}
                {assessments.required && <th scope="col">{t('assessment.score')}</th>}
              </tr>
            </thead>
            <tbody>
              {roster.traineeIds.map((traineeId) => (
                <tr key={traineeId} data-trainee={traineeId}>
                  <th scope="row">{traineeId}</th>
                  {sessions.map((session) => {
                    const key = cellKey(session.sessionId, traineeId);
                    const status = recorded.get(key);
                    const result = results.get(key);
                    const label = { traineeId, sessionId: session.sessionId };
                    return (
                      <td key={session.sessionId} data-session={session.sessionId} data-result={result ? markVerdict(result) : undefined}>
                        {session.cancelled ? (
                          t('grid.cancelled')
                        ) : status ? (
                          <button
                            type="button"
                            className="mark"
                            data-status={status}
                            aria-label={t('grid.historyOf', { ...label, status: t(`status.${status}`) })}
                            aria-expanded={selected?.sessionId === session.sessionId && selected.traineeId === traineeId}
                            onClick={() => setSelected(label)}
                          >
                            {t(`status.${status}`)}
                            {corrected.has(key) && ` (${t('grid.corrected')})`}
                          </button>
                        ) : mayPost ? (
                          <select aria-label={t('grid.markOf', label)} value={drafts.get(key)?.status ?? ''} onChange={(event) => setDraft(session.sessionId, traineeId, event.target.value as AttendanceStatus | '')}>
                            <option value="">{t('grid.notMarked')}</option>
                            {ATTENDANCE_STATUSES.map((option) => (
                              <option key={option} value={option}>
                                {t(`status.${option}`)}
                              </option>
                            ))}
                          </select>
                        ) : (
                          t('grid.notMarked')
                        )}
                        {result && <ResultNote result={result} />}
                      </td>
                    );
                  })}
                  {assessments.required && <AssessmentColumn traineeId={traineeId} state={assessments} />}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {mayPost && (
        <div className="attendance-bar">
          <button type="button" onClick={() => void save()} disabled={saving || drafts.size === 0}>
            {saving ? t('grid.saving') : t('grid.save')}
          </button>
          <span role="status">
            {t('grid.pending', { count: drafts.size })}
            {outcome?.summary && ` · ${t('grid.saved', savedCounts(outcome.summary))}`}
          </span>
          {outcome?.failure && <span role="alert">{t('grid.failed', { reason: outcome.failure })}</span>}
        </div>
      )}
      {assessments.required && assessments.bar}
      {selected && (
        <CellHistory
          key={cellKey(selected.sessionId, selected.traineeId)}
          api={api}
          runId={runId}
          cell={selected}
          current={recorded.get(cellKey(selected.sessionId, selected.traineeId))}
          mayCorrect={mayCorrect}
          onCorrected={(status) => refreshSheet(new Map([[cellKey(selected.sessionId, selected.traineeId), status]]))}
          onClose={() => {
            // Back to the cell the history was opened from.
            document.querySelector<HTMLElement>(`tr[data-trainee="${CSS.escape(selected.traineeId)}"] td[data-session="${CSS.escape(selected.sessionId)}"] button`)?.focus();
            setSelected(null);
          }}
        />
      )}
      <SpreadsheetPanel
        runId={runId}
        sessions={sessions}
        traineeIds={roster.traineeIds}
        recorded={recorded}
        mayImport={mayPost}
        post={(marks) => post(marks, crypto.randomUUID())}
      />
    </>
  );
}

function savedCounts(answer: BulkAttendanceResultView) {
  const counts = verdictCounts(answer);
  return { accepted: counts.accepted, duplicate: counts['already-recorded'], conflict: counts.conflict, rejected: counts.rejected };
}

function ResultNote({ result }: { result: MarkItemResultView }) {
  const { t } = useTranslation('attendance');
  if (result.result !== 'refused') return <span className="cell-ok">{t(`result.${result.result}`)}</span>;
  return (
    <span className="cell-note" title={result.reason}>
      {t(`result.${markVerdict(result)}`)}: {t(`rules.${result.rule}`, { defaultValue: result.reason })}
    </span>
  );
}
