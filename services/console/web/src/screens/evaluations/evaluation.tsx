import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { apiClients } from '../../api/clients';
import { useSession } from '../../session';
import { useLoaded } from '../../use-loaded';
import { LoadState } from '../load-state';
import { answered } from '../certify/answer';
import { downloadWithToken } from '../certify/download';
import { ReplayCheck, RestatementCheck } from './checks';
import './i18n';
import { ReportCharts } from './report-charts';
import { ProgrammeSummary } from './programme-summary';
import type { EvaluationReportView, EvaluationSummaryView } from './views';
import { dayText, instantText } from '../../dates';

const FORMATS = ['json', 'csv', 'xlsx', 'pdf'] as const;

/** One issued evaluation: its seal, its charts, its downloads, and the checks an auditor runs on it. */
export function EvaluationScreen() {
  const { t, i18n } = useTranslation('evaluations');
  const { evaluationId = '' } = useParams();
  const { session } = useSession();
  const token = session?.token ?? '';
  const api = useMemo(() => apiClients(token), [token]);
  const [downloadProblem, setDownloadProblem] = useState<string | null>(null);
  const [loaded, reload] = useLoaded(async () => {
    const path = { params: { path: { evaluationId } } };
    const evaluation = answered<EvaluationSummaryView>(await api.reporting.GET('/evaluations/{evaluationId}', path));
    const report = answered<EvaluationReportView>(await api.reporting.GET('/evaluations/{evaluationId}/report.{format}', { params: { path: { evaluationId, format: 'json' } } }));
    return { evaluation, report };
  }, [api, evaluationId]);
  const download = (format: (typeof FORMATS)[number], evaluation: EvaluationSummaryView) =>
    downloadWithToken(token, `/api/reporting/evaluations/${evaluationId}/report.${format}`, `evaluation-${evaluation.kind}-${evaluation.asOf}.${format}`).then(
      () => setDownloadProblem(null),
      (failure: unknown) => setDownloadProblem(failure instanceof Error ? failure.message : String(failure)),
    );

  return (
    <section aria-labelledby="evaluation-title">
      <p>
        <Link to="/evaluations">{t('report.back')}</Link>
      </p>
      <LoadState loaded={loaded} retry={reload}>
        {({ evaluation, report }) => (
          <>
            <h1 id="evaluation-title">{t('report.title', { kind: t(`kinds.${evaluation.kind}`), asOf: dayText(evaluation.asOf) })}</h1>
            <dl className="seal">
              <dt>{t('report.phase')}</dt>
              <dd>{report.phaseTargets.phase ? (i18n.language === 'vi' ? report.phaseTargets.phase.name.vi : report.phaseTargets.phase.name.en) : t('report.noPhase')}</dd>
              <dt>{t('report.issuedBy')}</dt>
              <dd>
                {evaluation.issuedBy} · {instantText(evaluation.issuedAt)}
              </dd>
              <dt>{t('report.reportHash')}</dt>
              <dd>
                <code data-hash="report">{evaluation.reportSha256}</code>
              </dd>
              <dt>{t('report.inputHash')}</dt>
              <dd>
                <code>{evaluation.inputDigestSha256}</code>
              </dd>
            </dl>
            <h2>{t('report.downloads')}</h2>
            <p className="download-actions">
              {FORMATS.map((format) => (
                <button key={format} type="button" onClick={() => void download(format, evaluation)}>
                  {t('report.download', { format: format.toUpperCase() })}
                </button>
              ))}
            </p>
            {downloadProblem && <p role="alert">{downloadProblem}</p>}
            {report.programme && <ProgrammeSummary programme={report.programme} />}
            <ReportCharts report={report} />
            {session?.roles.some((role) => role === 'auditor' || role === 'evaluator') && <ReplayCheck api={api} evaluation={evaluation} />}
            <RestatementCheck api={api} evaluationId={evaluationId} />
          </>
        )}
      </LoadState>
    </section>
  );
}
