import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClients } from '../../api/clients';
import type { Session } from '../../session';
import { postAssessment } from './run-api';
import type { AssessmentsView, AssessmentView, RunView } from './views';

interface Draft {
  readonly score: string;
  readonly passed: boolean;
}

export interface AssessmentState {
  readonly required: boolean;
  readonly mayAssess: boolean;
  readonly passMark: number | null;
  readonly recorded: ReadonlyMap<string, AssessmentView>;
  readonly drafts: ReadonlyMap<string, Draft>;
  readonly failures: ReadonlyMap<string, string>;
  setDraft(traineeId: string, draft: Draft): void;
  readonly bar: ReactNode;
}

/**
 * The score column of a course that requires an assessment: one score per trainee against one
 * maximum, passed by the pass mark when the course sets one (the service checks it), else as ticked.
 */
export function useAssessments(api: ApiClients, run: RunView, initial: AssessmentsView, session: Session): AssessmentState {
  const { t } = useTranslation('attendance');
  const rule = run.completionRule;
  const [recorded, setRecorded] = useState<ReadonlyMap<string, AssessmentView>>(new Map(initial.assessments.map((entry) => [entry.traineeId, entry])));
  const [drafts, setDrafts] = useState<ReadonlyMap<string, Draft>>(new Map());
  const [failures, setFailures] = useState<ReadonlyMap<string, string>>(new Map());
  const [maxScore, setMaxScore] = useState('100');
  const [saving, setSaving] = useState(false);
  const mayAssess = session.roles.includes('programme-admin') || (session.roles.includes('institution-integration') && session.institutionId === run.providerInstitutionId);

  const save = async () => {
    setSaving(true);
    const nextRecorded = new Map(recorded);
    const nextFailures = new Map<string, string>();
    for (const [traineeId, draft] of drafts) {
      const score = Number(draft.score);
      const passed = rule.passMark === null ? draft.passed : score >= rule.passMark;
      try {
        await postAssessment(api, run.runId, { traineeId, score, maxScore: Number(maxScore), passed });
        nextRecorded.set(traineeId, { traineeId, score, maxScore: Number(maxScore), passed });
      } catch (failure) {
        nextFailures.set(traineeId, failure instanceof Error ? failure.message : String(failure));
      }
    }
    setRecorded(nextRecorded);
    setFailures(nextFailures);
    setDrafts(new Map([...drafts].filter(([traineeId]) => nextFailures.has(traineeId))));
    setSaving(false);
  };

  const bar = mayAssess && (
    <div className="attendance-bar">
      <span>{t('assessment.required', { passMark: rule.passMark === null ? '' : t('assessment.passMark', { passMark: rule.passMark }) })}</span>
      <label htmlFor="assessment-max">{t('assessment.maxScore')}</label>
      <input id="assessment-max" type="number" min={1} value={maxScore} onChange={(event) => setMaxScore(event.target.value)} style={{ width: '6rem' }} />
      <button type="button" onClick={() => void save()} disabled={saving || drafts.size === 0}>
        {t('assessment.save')}
      </button>
    </div>
  );

  return {
    required: rule.assessmentRequired,
    mayAssess,
    passMark: rule.passMark,
    recorded,
    drafts,
    failures,
    setDraft: (traineeId, draft) => setDrafts((current) => new Map(current).set(traineeId, draft)),
    bar,
  };
}

export function AssessmentColumn({ traineeId, state }: { traineeId: string; state: AssessmentState }) {
  const { t } = useTranslation('attendance');
  const recorded = state.recorded.get(traineeId);
  const draft = state.drafts.get(traineeId) ?? { score: '', passed: false };
  const failure = state.failures.get(traineeId);
  if (recorded) {
    return (
      <td data-assessment={traineeId}>
        {recorded.score}/{recorded.maxScore} · {recorded.passed ? t('assessment.passed') : t('assessment.failed')}
      </td>
    );
  }
  if (!state.mayAssess) return <td>{t('grid.notMarked')}</td>;
  return (
    <td data-assessment={traineeId}>
      <input type="number" min={0} step="any" aria-label={t('assessment.scoreOf', { traineeId })} value={draft.score} onChange={(event) => state.setDraft(traineeId, { ...draft, score: event.target.value })} style={{ width: '5rem' }} />
      {state.passMark === null && (
        <label>
          <input type="checkbox" checked={draft.passed} onChange={(event) => state.setDraft(traineeId, { ...draft, passed: event.target.checked })} /> {t('assessment.passed')}
          <span className="visually-hidden"> {traineeId}</span>
        </label>
      )}
      {failure && <span className="cell-note">{failure}</span>}
    </td>
  );
}
