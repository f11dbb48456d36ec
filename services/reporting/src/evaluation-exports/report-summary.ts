import { agencyGroups, type Band, type BandStatus, type EvaluationReport, type GroupFigures, type Share } from '../evaluation-core';
import { targetGroupKeys, type TargetGroupKey } from './coverage-chart';
import type { EvaluationExportMeta } from './export-meta';
import { bandText, countText, calendarDateText } from './number-formats';
import { agencyGroupLabels, coverageRuleLabels, evaluationKindLabels, nationalLabel, type BilingualLabel } from './vocabulary';

export interface AboutItem {
  readonly label: BilingualLabel;
  readonly value: string;
  readonly isHash: boolean;
}

export interface KeyFigure {
  readonly label: BilingualLabel;
  readonly value: number;
}

export interface TargetGroupCoverage {
  readonly roster: number;
  readonly trained: number;
  readonly share: Share;
  readonly band: Band | null;
  readonly status: BandStatus;
}

export interface ScopeCoverage {
  readonly label: BilingualLabel;
  readonly byGroup: Readonly<Record<TargetGroupKey, TargetGroupCoverage>>;
}

export interface ReportSummary {
  readonly about: readonly AboutItem[];
  readonly keyFigures: readonly KeyFigure[];
  readonly coverage: readonly ScopeCoverage[];
  /** The denominator's reach: how many of the agencies listed have declared a roster. */
  readonly rosterNote: BilingualLabel;
}

/** What the first page of the HTML and PDF say before the chart and tables: the seal, the headline figures, coverage. */
export function reportSummary(report: EvaluationReport, meta: EvaluationExportMeta): ReportSummary {
  const { agencies, agenciesWithRoster } = report.national;
  return {
    about: aboutItems(report, meta),
    keyFigures: keyFigures(report),
    coverage: coverage(report),
    rosterNote: {
      vi: `${countText(agenciesWithRoster)}/${countText(agencies)} cơ quan đã kê khai biên chế; tỷ lệ chỉ tính trên biên chế đã kê khai.`,
      en: `${countText(agenciesWithRoster)} of ${countText(agencies)} agencies have declared a roster; shares count declared rosters only.`,
    },
  };
}

function aboutItems(report: EvaluationReport, meta: EvaluationExportMeta): AboutItem[] {
  const kind = evaluationKindLabels[report.kind];
  const rule = coverageRuleLabels[report.coverageRule.rule.kind];
  const { phase } = report.phaseTargets;
  const item = (vi: string, en: string, value: string, isHash = false): AboutItem => ({ label: { vi, en }, value, isHash });
  const phaseText = phase
    ? `${phase.name.vi} / ${phase.name.en}${phase.relation === 'ended' ? ' — đã kết thúc / ended' : ''}\n` +
      `thường xuyên / regular ${bandText(phase.bands.regular)}; không thường xuyên / non-regular ${bandText(phase.bands.nonRegular)}`
    : 'Chưa đến giai đoạn nào / Before the first phase';
  const { inputs } = report;
  return [
    item('Mã đánh giá', 'Evaluation ID', meta.evaluationId),
    item('Loại đánh giá', 'Kind', `${kind.vi} / ${kind.en} (${report.kind})`),
    item('Số liệu tính đến ngày', 'As of', `${calendarDateText(report.asOf)} (${report.asOf})`),
    item('Quy tắc xác định đã được bồi dưỡng', 'Coverage rule', `v${report.coverageRule.version}: ${rule.vi} / ${rule.en}`),
    item('Mục tiêu theo giai đoạn', 'Phase targets', `v${report.phaseTargets.version}: ${phaseText}`),
    item('Phiên bản mã tính báo cáo', 'Report code version', report.reportCodeVersion),
    item('Sự kiện đầu vào', 'Input events', `${countText(inputs.events)} (trùng lặp / duplicates ${countText(inputs.duplicateEvents)}, bị loại / rejected ${countText(inputs.rejectedEvents.length)})`),
    item('Mã băm SHA-256 của báo cáo', 'Report SHA-256', meta.reportSha256, true),
    item('Mã băm SHA-256 của dữ liệu đầu vào', 'Input digest SHA-256', meta.inputDigestSha256, true),
    item('Thời điểm ban hành', 'Issued at', meta.issuedAt),
    item('Người ban hành', 'Issued by', meta.issuedBy),
  ];
}

function keyFigures(report: EvaluationReport): KeyFigure[] {
  const figure = (vi: string, en: string, value: number): KeyFigure => ({ label: { vi, en }, value });
  const { courses, national } = report;
  return [
    figure('Lớp bồi dưỡng đã hoàn thành', 'Course runs completed', courses.runsCompleted),
    figure('Lớp có giảng viên nước ngoài', 'Runs with a foreign lecturer', courses.runsWithForeignLecturer),
    figure('Lượt học viên được cấp chứng nhận', 'Learner-times certified', courses.learnerTimesCertified),
    figure('Lượt học viên tham dự', 'Learner-times attended', courses.learnerTimesAttended),
    figure('Người tham dự', 'People attended', courses.peopleAttended),
    figure('Người được cấp chứng nhận', 'People certified', national.peopleCertified),
    figure('Chứng nhận còn hiệu lực', 'Certificates in force', national.certificatesInForce),
    figure('Chứng nhận đã thu hồi', 'Certificates revoked', national.certificatesRevoked),
  ];
}

function coverage(report: EvaluationReport): ScopeCoverage[] {
  const bands = report.phaseTargets.phase?.bands ?? null;
  const scope = (label: BilingualLabel, figures: GroupFigures): ScopeCoverage => ({
    label,
    byGroup: Object.fromEntries(
      targetGroupKeys.map((key) => [
        key,
        {
          roster: figures.roster[key],
          trained: figures.trained[key],
          share: figures.share[key],
          band: bands?.[key] ?? null,
          status: figures.band[key],
        },
      ]),
    ) as Record<TargetGroupKey, TargetGroupCoverage>,
  });
  return [
    scope(nationalLabel, report.national),
    ...agencyGroups
      .filter((group) => report.agencyGroups[group].agencies > 0)
      .map((group) => scope(agencyGroupLabels[group], report.agencyGroups[group])),
  ];
}
