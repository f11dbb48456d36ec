import { agencyKinds, courseFormats, courseFormatShortLabels, courseLevelLabels, courseLevels, ranks, trainingGroupLabels, trainingGroups } from '@training-ledger/contracts';
import { agencyGroups, type DeliveryFigures, type EvaluationReport, type GroupFigures } from '../evaluation-core';
import {
  agencyGroupLabels,
  agencyKindLabels,
  bandStatusLabels,
  nationalLabel,
  rankLabels,
  targetGroupLabels,
  type BilingualLabel,
} from './vocabulary';
import { programmeTables } from './programme-tables';

export type ReportCell = string | number | null;

export interface ReportColumn {
  readonly key: string;
  readonly headingVi: string;
  readonly headingEn: string;
  /**
   * `share`: a four-place decimal share ("0.3500"), which spreadsheets show as a percentage;
   * `decimal`: a decimal figure such as an average class size ("117.1667"), printed to one place.
   */
  readonly format?: 'share' | 'decimal';
}

export interface ReportTable {
  readonly name: string;
  readonly titleVi: string;
  readonly titleEn: string;
  readonly columns: readonly ReportColumn[];
  readonly rows: readonly Readonly<Record<string, ReportCell>>[];
}

const column = (key: string, headingVi: string, headingEn: string): ReportColumn => ({ key, headingVi, headingEn });
const shareColumn = (key: string, headingVi: string, headingEn: string): ReportColumn => ({ key, headingVi, headingEn, format: 'share' });

const labelColumns = [column('labelVi', 'Tên (tiếng Việt)', 'Name (Vietnamese)'), column('labelEn', 'Tên (tiếng Anh)', 'Name (English)')];

/** Coverage against the targets, in the order every table and chart gives them. */
const coverageColumns = [
  column('rosterRegular', 'Số cán bộ thường xuyên (biên chế)', 'Regular staff on roster'),
  column('rosterNonRegular', 'Số cán bộ không thường xuyên (biên chế)', 'Non-regular staff on roster'),
  column('trainedRegular', 'Số cán bộ thường xuyên đã được bồi dưỡng', 'Regular staff trained'),
  column('trainedNonRegular', 'Số cán bộ không thường xuyên đã được bồi dưỡng', 'Non-regular staff trained'),
  shareColumn('shareRegular', 'Tỷ lệ cán bộ thường xuyên đã được bồi dưỡng', 'Share of regular staff trained'),
  shareColumn('shareNonRegular', 'Tỷ lệ cán bộ không thường xuyên đã được bồi dưỡng', 'Share of non-regular staff trained'),
  column('bandRegular', 'So với mục tiêu (thường xuyên)', 'Against the target (regular)'),
  column('bandNonRegular', 'So với mục tiêu (không thường xuyên)', 'Against the target (non-regular)'),
  column('peopleCertified', 'Số người được cấp chứng nhận', 'People certified'),
  column('learnerTimesCertified', 'Số lượt học viên được cấp chứng nhận', 'Learner-times certified'),
  column('certificatesIssued', 'Số chứng nhận đã cấp', 'Certificates issued'),
  column('certificatesInForce', 'Số chứng nhận còn hiệu lực', 'Certificates in force'),
  column('certificatesRevoked', 'Số chứng nhận đã thu hồi', 'Certificates revoked'),
  column('runsHosted', 'Số lớp chủ trì tổ chức', 'Course runs hosted'),
  column('runsHostedWithForeignLecturer', 'Số lớp chủ trì có giảng viên nước ngoài', 'Runs hosted with a foreign lecturer'),
];

const deliveryColumns = [
  column('runsCompleted', 'Số lớp đã hoàn thành', 'Course runs completed'),
  column('runsWithForeignLecturer', 'Số lớp có giảng viên nước ngoài', 'Runs with a foreign lecturer'),
  column('learnerTimesCertified', 'Số lượt học viên được cấp chứng nhận', 'Learner-times certified'),
  column('learnerTimesAttended', 'Số lượt học viên tham dự', 'Learner-times attended'),
];

/**
 * The report as tables, for spreadsheets, CSV and print. Rows follow the contracts' own order of
 * ranks, levels, formats and kinds, never the key order of the report object, which differs once an
 * issued report has been read back from its canonical JSON.
 */
export function reportTables(report: EvaluationReport): ReportTable[] {
  return [
    nationalTable(report),
    agenciesTable(report),
    rankTable(report),
    deliveryTable('by-level', 'Theo cấp độ bồi dưỡng', 'By level', courseLevels, courseLevelLabels, report.byLevel),
    deliveryTable(
      'by-training-group',
      'Theo khối bồi dưỡng',
      'By training group',
      trainingGroups,
      trainingGroupLabels,
      report.byTrainingGroup,
    ),
    deliveryTable('by-format', 'Theo hình thức bồi dưỡng', 'By format', courseFormats, courseFormatShortLabels, report.byFormat),
    coursesTable(report),
    targetsTable(report),
    ...programmeTables(report),
  ];
}

function nationalTable(report: EvaluationReport): ReportTable {
  const scopes: { readonly scope: string; readonly label: BilingualLabel; readonly figures: GroupFigures }[] = [
    { scope: 'national', label: nationalLabel, figures: report.national },
    ...agencyGroups.map((group) => ({ scope: `group/${group}`, label: agencyGroupLabels[group], figures: report.agencyGroups[group] })),
    ...[...agencyKinds, 'unregistered' as const].map((kind) => ({
      scope: `kind/${kind}`,
      label: { vi: `Loại: ${agencyKindLabels[kind].vi}`, en: `Kind: ${agencyKindLabels[kind].en}` },
      figures: report.agencyKinds[kind],
    })),
  ];
  return {
    name: 'national',
    titleVi: 'Tổng hợp toàn quốc, theo khối và loại cơ quan',
    titleEn: 'National summary, by agency group and kind',
    columns: [
      column('scope', 'Phạm vi', 'Scope'),
      ...labelColumns,
      column('agencies', 'Số cơ quan', 'Agencies'),
      column('agenciesWithRoster', 'Số cơ quan đã kê khai biên chế', 'Agencies with a roster'),
      ...coverageColumns,
    ],
    rows: scopes.map(({ scope, label, figures }) => ({
      scope,
      labelVi: label.vi,
      labelEn: label.en,
      agencies: figures.agencies,
      agenciesWithRoster: figures.agenciesWithRoster,
      ...coverageCells(figures),
    })),
  };
}

function agenciesTable(report: EvaluationReport): ReportTable {
  return {
    name: 'agencies',
    titleVi: 'Kết quả theo cơ quan',
    titleEn: 'By agency',
    columns: [
      column('agencyId', 'Mã định danh cơ quan', 'Agency ID'),
      column('code', 'Mã cơ quan', 'Agency code'),
      column('nameVi', 'Tên cơ quan', 'Agency name (Vietnamese)'),
      column('nameEn', 'Tên cơ quan (tiếng Anh)', 'Agency name (English)'),
      column('kind', 'Loại cơ quan', 'Agency kind'),
      column('rosterAsOf', 'Biên chế kê khai tính đến ngày', 'Roster declared as of'),
      ...coverageColumns,
    ],
    rows: report.agencies.map((agency) => ({
      agencyId: agency.agencyId,
      code: agency.code,
      nameVi: agency.nameVi,
      nameEn: agency.nameEn,
      kind: agencyKindLabels[agency.kind].vi,
      rosterAsOf: agency.rosterDeclaration?.asOf ?? null,
      ...coverageCells(agency),
    })),
  };
}

function coverageCells(figures: GroupFigures | EvaluationReport['agencies'][number]): Record<string, ReportCell> {
  return {
    rosterRegular: figures.roster.regular,
    rosterNonRegular: figures.roster.nonRegular,
    trainedRegular: figures.trained.regular,
    trainedNonRegular: figures.trained.nonRegular,
    shareRegular: figures.share.regular,
    shareNonRegular: figures.share.nonRegular,
    bandRegular: bandStatusLabels[figures.band.regular].vi,
    bandNonRegular: bandStatusLabels[figures.band.nonRegular].vi,
    peopleCertified: figures.peopleCertified,
    learnerTimesCertified: figures.learnerTimesCertified,
    certificatesIssued: figures.certificatesIssued,
    certificatesInForce: figures.certificatesInForce,
    certificatesRevoked: figures.certificatesRevoked,
    runsHosted: figures.runsHosted,
    runsHostedWithForeignLecturer: figures.runsHostedWithForeignLecturer,
  };
}

function rankTable(report: EvaluationReport): ReportTable {
  return {
    name: 'by-rank',
    titleVi: 'Học viên theo chức vụ',
    titleEn: 'Learners by rank',
    columns: [
      column('rank', 'Chức vụ', 'Rank'),
      ...labelColumns,
      column('learnerTimesCertified', 'Số lượt học viên được cấp chứng nhận', 'Learner-times certified'),
      column('peopleCertified', 'Số người được cấp chứng nhận', 'People certified'),
    ],
    rows: ranks.map((rank) => ({
      rank,
      labelVi: rankLabels[rank].vi,
      labelEn: rankLabels[rank].en,
      learnerTimesCertified: report.byRank[rank].learnerTimesCertified,
      peopleCertified: report.byRank[rank].peopleCertified,
    })),
  };
}

function deliveryTable<K extends string>(
  name: string,
  titleVi: string,
  titleEn: string,
  keys: readonly K[],
  labels: Readonly<Record<K, BilingualLabel>>,
  figures: Readonly<Record<K, DeliveryFigures>>,
): ReportTable {
  return {
    name,
    titleVi,
    titleEn,
    columns: [column('key', 'Mã', 'Key'), ...labelColumns, ...deliveryColumns],
    rows: keys.map((key) => ({
      key,
      labelVi: labels[key].vi,
      labelEn: labels[key].en,
      runsCompleted: figures[key].runsCompleted,
      runsWithForeignLecturer: figures[key].runsWithForeignLecturer,
      learnerTimesCertified: figures[key].learnerTimesCertified,
      learnerTimesAttended: figures[key].learnerTimesAttended,
    })),
  };
}

function coursesTable(report: EvaluationReport): ReportTable {
  const { courses } = report;
  return {
    name: 'courses',
    titleVi: 'Lớp bồi dưỡng và lượt học viên',
    titleEn: 'Course runs and learner-times',
    columns: [...deliveryColumns, column('peopleAttended', 'Số người tham dự', 'People attended')],
    rows: [
      {
        runsCompleted: courses.runsCompleted,
        runsWithForeignLecturer: courses.runsWithForeignLecturer,
        learnerTimesCertified: courses.learnerTimesCertified,
        learnerTimesAttended: courses.learnerTimesAttended,
        peopleAttended: courses.peopleAttended,
      },
    ],
  };
}

/** The band each target group is judged against, so that a spreadsheet carries its own yardstick. */
function targetsTable(report: EvaluationReport): ReportTable {
  const { phase } = report.phaseTargets;
  return {
    name: 'targets',
    titleVi: 'Mục tiêu của giai đoạn',
    titleEn: 'Targets of the phase',
    columns: [
      column('targetGroup', 'Đối tượng', 'Target group'),
      ...labelColumns,
      column('phase', 'Giai đoạn', 'Phase'),
      column('phaseFrom', 'Từ ngày', 'From'),
      column('phaseTo', 'Đến ngày', 'To'),
      shareColumn('bandMin', 'Tỷ lệ tối thiểu', 'Minimum share'),
      shareColumn('bandMax', 'Tỷ lệ tối đa', 'Maximum share'),
    ],
    rows: (['regular', 'nonRegular'] as const).map((group) => ({
      targetGroup: group === 'regular' ? 'regular' : 'non-regular',
      labelVi: targetGroupLabels[group].vi,
      labelEn: targetGroupLabels[group].en,
      phase: phase ? `${phase.name.vi} / ${phase.name.en}` : null,
      phaseFrom: phase?.from ?? null,
      phaseTo: phase?.to ?? null,
      bandMin: phase?.bands[group].min ?? null,
      bandMax: phase?.bands[group].max ?? null,
    })),
  };
}
