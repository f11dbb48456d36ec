import type { AgencyKind } from '@training-ledger/contracts';
import { renderReport, reviewCutoffs, type EvaluationReport } from '../evaluation-core';
import {
  agencyRegistered,
  attendanceRecorded,
  certificateRevoked,
  certifiedStaff,
  given,
  rosterDeclared,
  runCompleted,
  type Fact,
} from '../evaluation-core/evaluation-log.fixture';
import { reviewProgrammeFacts } from '../evaluation-core/review-programme.fixture';
import type { EvaluationExportMeta } from './export-meta';

/** Test-only: computed reports to export, and the metadata an issuance would record for them. */

const midTerm = { asOf: reviewCutoffs['mid-term'], kind: 'mid-term' } as const;

/**
 * Three agencies: MOFA within the band for regular staff, Ha Noi below it for regular and above it for
 * non-regular staff, the Ministry of Finance without a roster; one certificate revoked.
 */
export function smallReport(): EvaluationReport {
  return given(
    agencyRegistered('BNG', 'ministry', 'Bộ Ngoại giao', 'Ministry of Foreign Affairs'),
    agencyRegistered('HN', 'province', 'Thành phố Hà Nội', 'Ha Noi City'),
    agencyRegistered('BTC', 'ministry', 'Bộ Tài chính', 'Ministry of Finance'),
    rosterDeclared('BNG', '2028-06-30', 400, 1000),
    rosterDeclared('HN', '2028-06-30', 400, 200),
    runCompleted({ runId: 'RUN-1', hostAgencyId: 'BNG', hasForeignLecturer: true, completedOn: '2027-06-05' }),
    runCompleted({ runId: 'RUN-2', hostAgencyId: 'HN', level: 'advanced', trainingGroup: 'skills-and-style', format: 'online' }),
    runCompleted({ runId: 'RUN-3', level: 'specialised', format: 'internship-abroad' }),
    certifiedStaff('BNG', 'regular', 140, { runId: 'RUN-1' }),
    certifiedStaff('HN', 'regular', 100, {
      runId: 'RUN-2',
      rank: 'division-level',
      level: 'advanced',
      trainingGroup: 'skills-and-style',
      format: 'online',
    }),
    certifiedStaff('HN', 'non-regular', 90, {
      runId: 'RUN-2',
      level: 'advanced',
      trainingGroup: 'skills-and-style',
      format: 'online',
    }),
    certifiedStaff('BTC', 'regular', 3, { runId: 'RUN-3', rank: 'director-general', level: 'specialised', format: 'internship-abroad' }),
    certificateRevoked({ certificateId: 'C-HN-regular-100-RUN-2', traineeId: 'HN-regular-100', agencyId: 'HN', runId: 'RUN-2' }, '2028-03-01'),
    attendanceRecorded('RUN-1', 'S1', 'BNG-regular-1', 'present'),
    attendanceRecorded('RUN-1', 'S2', 'BNG-regular-2', 'late'),
  ).whenEvaluated(midTerm);
}

/** The previous programme's mid-term as seed 002 published it: 60 courses, 7.030 learner-times, 28 ministries, 61 localities. */
export function reviewReport(): EvaluationReport {
  return given(reviewProgrammeFacts()).whenEvaluated({ asOf: '2023-12-31', kind: 'mid-term' });
}

interface AgencyPlan {
  readonly id: string;
  readonly kind: AgencyKind;
  readonly nameVi: string;
  readonly nameEn: string;
}

const ministries: readonly AgencyPlan[] = [
  { id: 'BNG', kind: 'ministry', nameVi: 'Bộ Ngoại giao', nameEn: 'Ministry of Foreign Affairs' },
  { id: 'BCA', kind: 'ministry', nameVi: 'Bộ Công an', nameEn: 'Ministry of Public Security' },
  { id: 'BQP', kind: 'ministry', nameVi: 'Bộ Quốc phòng', nameEn: 'Ministry of National Defence' },
  { id: 'BTC', kind: 'ministry', nameVi: 'Bộ Tài chính', nameEn: 'Ministry of Finance' },
  { id: 'BCT', kind: 'ministry', nameVi: 'Bộ Công Thương', nameEn: 'Ministry of Industry and Trade' },
  { id: 'BNV', kind: 'ministry', nameVi: 'Bộ Nội vụ', nameEn: 'Ministry of Home Affairs' },
  { id: 'BTP', kind: 'ministry', nameVi: 'Bộ Tư pháp', nameEn: 'Ministry of Justice' },
  { id: 'BGDDT', kind: 'ministry', nameVi: 'Bộ Giáo dục và Đào tạo', nameEn: 'Ministry of Education and Training' },
  { id: 'BYT', kind: 'ministry', nameVi: 'Bộ Y tế', nameEn: 'Ministry of Health' },
  { id: 'BNNMT', kind: 'ministry', nameVi: 'Bộ Nông nghiệp và Môi trường', nameEn: 'Ministry of Agriculture and Environment' },
  { id: 'BVHTTDL', kind: 'ministry', nameVi: 'Bộ Văn hóa, Thể thao và Du lịch', nameEn: 'Ministry of Culture, Sports and Tourism' },
  { id: 'BKHCN', kind: 'ministry', nameVi: 'Bộ Khoa học và Công nghệ', nameEn: 'Ministry of Science and Technology' },
  { id: 'NHNN', kind: 'ministerial-level-agency', nameVi: 'Ngân hàng Nhà nước Việt Nam', nameEn: 'State Bank of Viet Nam' },
  { id: 'TTCP', kind: 'ministerial-level-agency', nameVi: 'Thanh tra Chính phủ', nameEn: 'Government Inspectorate' },
  { id: 'VTV', kind: 'government-agency', nameVi: 'Đài Truyền hình Việt Nam', nameEn: 'Viet Nam Television' },
];

const provinces: readonly AgencyPlan[] = [
  { id: 'HN', kind: 'province', nameVi: 'Thành phố Hà Nội', nameEn: 'Ha Noi City' },
  { id: 'HCM', kind: 'province', nameVi: 'Thành phố Hồ Chí Minh', nameEn: 'Ho Chi Minh City' },
  { id: 'HP', kind: 'province', nameVi: 'Thành phố Hải Phòng', nameEn: 'Hai Phong City' },
  { id: 'DNG', kind: 'province', nameVi: 'Thành phố Đà Nẵng', nameEn: 'Da Nang City' },
  { id: 'CT', kind: 'province', nameVi: 'Thành phố Cần Thơ', nameEn: 'Can Tho City' },
  { id: 'HUE', kind: 'province', nameVi: 'Thành phố Huế', nameEn: 'Hue City' },
  { id: 'QNI', kind: 'province', nameVi: 'Tỉnh Quảng Ninh', nameEn: 'Quang Ninh Province' },
  { id: 'LCI', kind: 'province', nameVi: 'Tỉnh Lào Cai', nameEn: 'Lao Cai Province' },
  { id: 'LSN', kind: 'province', nameVi: 'Tỉnh Lạng Sơn', nameEn: 'Lang Son Province' },
  { id: 'CBG', kind: 'province', nameVi: 'Tỉnh Cao Bằng', nameEn: 'Cao Bang Province' },
  { id: 'DBN', kind: 'province', nameVi: 'Tỉnh Điện Biên', nameEn: 'Dien Bien Province' },
  { id: 'NAN', kind: 'province', nameVi: 'Tỉnh Nghệ An', nameEn: 'Nghe An Province' },
  { id: 'KHA', kind: 'province', nameVi: 'Tỉnh Khánh Hòa', nameEn: 'Khanh Hoa Province' },
  { id: 'AGG', kind: 'province', nameVi: 'Tỉnh An Giang', nameEn: 'An Giang Province' },
  { id: 'DLK', kind: 'province', nameVi: 'Tỉnh Đắk Lắk', nameEn: 'Dak Lak Province' },
  { id: 'TNH', kind: 'province', nameVi: 'Tỉnh Tây Ninh', nameEn: 'Tay Ninh Province' },
];

/** Trained shares that walk through the statuses: below, within and above the 30–40% band. */
const regularShares = [0.35, 0.22, 0.41, 0.31, 0.18, 0.38, 0.27, 0.45, 0.33, 0.12];
const nonRegularShares = [0.3, 0.15, 0.36, 0.42, 0.29, 0.08, 0.39, 0.33, 0.51, 0.24, 0.37];

/**
 * 31 agencies, as at the mid-term review: 15 central agencies (one without a roster), 16 provinces and
 * cities, and certificates naming an agency that never registered.
 */
export function nationalReport(): EvaluationReport {
  const plans = [...ministries, ...provinces];
  const facts: (Fact | Fact[])[] = [
    runCompleted({ runId: 'RUN-PQ', hostAgencyId: 'BNG', hasForeignLecturer: true }),
    runCompleted({ runId: 'RUN-NC', hostAgencyId: 'HN', level: 'advanced', trainingGroup: 'skills-and-style', format: 'online' }),
    runCompleted({ runId: 'RUN-CS', hostAgencyId: 'LCI', level: 'specialised', format: 'internship-abroad', hasForeignLecturer: true }),
  ];
  plans.forEach((plan, index) => {
    facts.push(agencyRegistered(plan.id, plan.kind, plan.nameVi, plan.nameEn));
    const regularRoster = 60 + ((index * 53) % 340);
    const nonRegularRoster = 120 + ((index * 97) % 600);
    const regular = Math.round(regularRoster * regularShares[index % regularShares.length]);
    const nonRegular = Math.round(nonRegularRoster * nonRegularShares[index % nonRegularShares.length]);
    if (plan.id !== 'VTV') facts.push(rosterDeclared(plan.id, '2028-06-30', regularRoster, nonRegularRoster));
    facts.push(
      certifiedStaff(plan.id, 'regular', regular, { runId: 'RUN-PQ', rank: index % 3 === 0 ? 'division-level' : 'specialist' }),
      certifiedStaff(plan.id, 'non-regular', nonRegular, { runId: 'RUN-PQ' }),
      certifiedStaff(plan.id, 'regular', Math.floor(regular / 4), {
        runId: 'RUN-NC',
        rank: 'deputy-director-general',
        level: 'advanced',
        trainingGroup: 'skills-and-style',
        format: 'online',
      }),
    );
    if (plan.kind === 'province' && index % 2 === 0) {
      facts.push(certifiedStaff(plan.id, 'regular', 5, { runId: 'RUN-CS', rank: 'director-general', level: 'specialised', format: 'internship-abroad' }));
    }
  });
  facts.push(certifiedStaff('XA-CHUA-DANG-KY', 'regular', 4, { runId: 'RUN-PQ' }));
  return given(...facts).whenEvaluated(midTerm);
}

/**
 * More agencies than one chart page holds, one of them registered with its name in decomposed Unicode,
 * as some HR systems send it.
 */
export function manyAgenciesReport(count: number): EvaluationReport {
  const facts: (Fact | Fact[])[] = [];
  for (let index = 1; index <= count; index += 1) {
    const id = `XA-${String(index).padStart(3, '0')}`;
    const nameVi = index === 1 ? 'Ủy ban nhân dân xã Đồng Văn'.normalize('NFD') : `Ủy ban nhân dân xã số ${index}`;
    facts.push(
      agencyRegistered(id, 'commune', nameVi, `Commune ${index} People’s Committee`),
      rosterDeclared(id, '2028-06-30', 20, 10),
      certifiedStaff(id, 'regular', index % 12),
    );
  }
  return given(...facts).whenEvaluated(midTerm);
}

export function metaFor(report: EvaluationReport, overrides: Partial<EvaluationExportMeta> = {}): EvaluationExportMeta {
  return {
    evaluationId: '5b0c1d2e-3f40-4a5b-8c6d-7e8f90a1b2c3',
    kind: report.kind,
    asOf: report.asOf,
    coverageRuleVersion: report.coverageRule.version,
    phaseTargetsVersion: report.phaseTargets.version,
    reportCodeVersion: report.reportCodeVersion,
    reportSha256: renderReport(report).sha256,
    inputDigestSha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    issuedAt: '2029-01-15T09:30:00+07:00',
    issuedBy: 'mofa-programme-office',
    ...overrides,
  };
}

