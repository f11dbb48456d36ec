import type { AgencyKind, BilingualLabel, Rank } from '@training-ledger/contracts';
import type { AgencyGroup, BandStatus, CoverageRule, EvaluationKind } from '../evaluation-core';

export type { BilingualLabel };

/** The earlier reviews' rank classes (seed 001). */
export const rankLabels: Readonly<Record<Rank, BilingualLabel>> = {
  'director-general': { vi: 'Vụ trưởng, Giám đốc Sở và tương đương', en: 'Director-general, provincial department director and equivalent' },
  'deputy-director-general': {
    vi: 'Phó Vụ trưởng, Phó Giám đốc Sở và tương đương',
    en: 'Deputy director-general, deputy department director and equivalent',
  },
  'division-level': { vi: 'Cấp phòng', en: 'Division level' },
  specialist: { vi: 'Chuyên viên', en: 'Specialist' },
  other: { vi: 'Khác', en: 'Other' },
};

export const bandStatusLabels: Readonly<Record<BandStatus, BilingualLabel>> = {
  below: { vi: 'Dưới mục tiêu', en: 'Below target' },
  within: { vi: 'Đạt mục tiêu', en: 'Within target' },
  above: { vi: 'Vượt mục tiêu', en: 'Above target' },
  'no-roster': { vi: 'Chưa có biên chế', en: 'No roster declared' },
  'no-phase': { vi: 'Ngoài giai đoạn', en: 'Outside the programme phases' },
};

export const agencyKindLabels: Readonly<Record<AgencyKind | 'unregistered', BilingualLabel>> = {
  ministry: { vi: 'Bộ', en: 'Ministry' },
  'ministerial-level-agency': { vi: 'Cơ quan ngang bộ', en: 'Ministerial-level agency' },
  'government-agency': { vi: 'Cơ quan thuộc Chính phủ', en: 'Government agency' },
  province: { vi: 'UBND cấp tỉnh', en: 'Provincial People’s Committee' },
  commune: { vi: 'UBND cấp xã', en: 'Commune People’s Committee' },
  unregistered: { vi: 'Chưa đăng ký', en: 'Unregistered' },
};

export const agencyGroupLabels: Readonly<Record<AgencyGroup, BilingualLabel>> = {
  ministries: { vi: 'Khối bộ, ngành', en: 'Ministries and central agencies' },
  localities: { vi: 'Khối địa phương', en: 'Localities' },
  unregistered: { vi: 'Cơ quan chưa đăng ký', en: 'Unregistered agencies' },
};

export const nationalLabel: BilingualLabel = { vi: 'Toàn quốc', en: 'National' };

export const evaluationKindLabels: Readonly<Record<EvaluationKind, BilingualLabel>> = {
  'mid-term': { vi: 'Báo cáo sơ kết', en: 'Mid-term review' },
  final: { vi: 'Báo cáo tổng kết', en: 'Final review' },
  annual: { vi: 'Báo cáo hằng năm', en: 'Annual review' },
  'ad-hoc': { vi: 'Báo cáo đột xuất', en: 'Ad-hoc review' },
};

export const targetGroupLabels = {
  regular: { vi: 'Cán bộ thường xuyên', en: 'Regular staff' },
  nonRegular: { vi: 'Cán bộ không thường xuyên', en: 'Non-regular staff' },
} as const satisfies Record<string, BilingualLabel>;

export const coverageRuleLabels: Readonly<Record<CoverageRule['kind'], BilingualLabel>> = {
  'any-certificate': { vi: 'Có ít nhất một chứng nhận còn hiệu lực', en: 'At least one certificate in force' },
  'universal-in-both-groups': {
    vi: 'Có chứng nhận cấp độ phổ quát ở cả hai khối bồi dưỡng',
    en: 'Universal-level certificates in both training groups',
  },
};

/** The report's title for its kind, e.g. "Báo cáo sơ kết / Mid-term review". */
export function reportTitle(kind: EvaluationKind): string {
  const label = evaluationKindLabels[kind];
  return `${label.vi} / ${label.en}`;
}

/** The programme as Decision 892/QĐ-TTg names it. */
export const programmeName: BilingualLabel = {
  vi: 'Đề án bồi dưỡng cán bộ, công chức, viên chức làm công tác đối ngoại, hội nhập quốc tế đủ năng lực làm việc trong môi trường quốc tế trong kỷ nguyên mới giai đoạn 2026 – 2031',
  en: 'Programme to train cadres, civil servants and public employees working in foreign affairs and international integration to work in an international environment in the new era, 2026–2031',
};
