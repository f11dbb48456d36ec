import { agencyKinds, ranks } from '@training-ledger/contracts';
import { agencyGroups, type PeopleCounts, type ReachFigures, type EvaluationReport } from '../evaluation-core';
import type { ReportColumn, ReportTable } from './report-tables';
import { agencyGroupLabels, agencyKindLabels, nationalLabel, rankLabels, type BilingualLabel } from './vocabulary';

const column = (key: string, headingVi: string, headingEn: string, format?: ReportColumn['format']): ReportColumn => ({
  key,
  headingVi,
  headingEn,
  ...(format ? { format } : {}),
});

const countColumns = [
  column('learnerTimesAttended', 'Lượt học viên tham dự', 'Learner-times attended'),
  column('peopleAttended', 'Số người tham dự', 'People attended'),
  column('learnerTimesCertified', 'Lượt học viên được cấp chứng nhận', 'Learner-times certified'),
  column('peopleCertified', 'Số người được cấp chứng nhận', 'People certified'),
];

const countCells = (counts: PeopleCounts) => ({
  learnerTimesAttended: counts.learnerTimesAttended,
  peopleAttended: counts.peopleAttended,
  learnerTimesCertified: counts.learnerTimesCertified,
  peopleCertified: counts.peopleCertified,
});

/** The figures the reviews publish (2.0.0's `programme`), as tables; none for a report computed before them. */
export function programmeTables(report: EvaluationReport): ReportTable[] {
  const programme = report.programme;
  if (!programme) return [];
  const scopes: { readonly scope: string; readonly label: BilingualLabel; readonly figures: ReachFigures }[] = [
    { scope: 'national', label: nationalLabel, figures: programme.national },
    ...agencyGroups.map((group) => ({ scope: `group/${group}`, label: agencyGroupLabels[group], figures: programme.agencyGroups[group] })),
    ...[...agencyKinds, 'unregistered' as const].map((kind) => ({ scope: `kind/${kind}`, label: agencyKindLabels[kind], figures: programme.agencyKinds[kind] })),
  ];
  const national = programme.national;
  const breakdown: { readonly key: string; readonly label: BilingualLabel; readonly counts: PeopleCounts }[] = [
    ...ranks.map((rank) => ({ key: `rank/${rank}`, label: rankLabels[rank], counts: national.byRank[rank] })),
    { key: 'target-group/regular', label: { vi: 'Đối tượng thường xuyên', en: 'Regular staff' }, counts: national.byTargetGroup.regular },
    { key: 'target-group/non-regular', label: { vi: 'Đối tượng không thường xuyên', en: 'Non-regular staff' }, counts: national.byTargetGroup.nonRegular },
    { key: 'leadership/leaders', label: { vi: 'Cán bộ lãnh đạo, quản lý', en: 'Leaders and managers' }, counts: national.byLeadership.leaders },
    { key: 'leadership/others', label: { vi: 'Cán bộ khác', en: 'Other staff' }, counts: national.byLeadership.others },
  ];
  return [
    {
      name: 'programme-reach',
      titleVi: 'Kết quả bồi dưỡng theo khối và loại cơ quan',
      titleEn: 'Courses and learners, by agency group and kind',
      columns: [
        column('scope', 'Phạm vi', 'Scope'),
        column('labelVi', 'Tên (tiếng Việt)', 'Name (Vietnamese)'),
        column('labelEn', 'Tên (tiếng Anh)', 'Name (English)'),
        column('runsCompleted', 'Số khóa đã hoàn thành', 'Courses completed'),
        column('seniorRunsForLeaders', 'Số khóa cấp cao', 'Senior courses for leaders'),
        column('runsWithForeignLecturer', 'Số khóa có chuyên gia nước ngoài', 'Courses with foreign experts'),
        column('agenciesSending', 'Số cơ quan cử học viên', 'Agencies sending learners'),
        ...countColumns,
        column('averageClassSize', 'Sĩ số bình quân', 'Average class size', 'decimal'),
        column('medianClassSize', 'Sĩ số trung vị', 'Median class size', 'decimal'),
      ],
      rows: scopes.map(({ scope, label, figures }) => ({
        scope,
        labelVi: label.vi,
        labelEn: label.en,
        runsCompleted: figures.runsCompleted,
        seniorRunsForLeaders: figures.seniorRunsForLeaders,
        runsWithForeignLecturer: figures.runsWithForeignLecturer,
        agenciesSending: figures.agenciesSending,
        ...countCells(figures),
        averageClassSize: figures.classSize.average,
        medianClassSize: figures.classSize.median,
      })),
    },
    {
      name: 'programme-learners',
      titleVi: 'Học viên theo chức vụ, đối tượng và vị trí lãnh đạo (toàn quốc)',
      titleEn: 'Learners by rank, target group and leadership (national)',
      columns: [column('breakdown', 'Nhóm', 'Breakdown'), column('labelVi', 'Tên (tiếng Việt)', 'Name (Vietnamese)'), column('labelEn', 'Tên (tiếng Anh)', 'Name (English)'), ...countColumns],
      rows: breakdown.map(({ key, label, counts }) => ({ breakdown: key, labelVi: label.vi, labelEn: label.en, ...countCells(counts) })),
    },
  ];
}
