import { canonicalJson, type EvaluationReport } from '../evaluation-core';
import { agencyRegistered, given, rosterDeclared } from '../evaluation-core/evaluation-log.fixture';
import { smallReport } from './evaluation-exports.fixture';
import { reportTables, type ReportTable } from './report-tables';

function table(tables: readonly ReportTable[], name: string): ReportTable {
  const found = tables.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no table ${name}`);
  return found;
}

function rowWhere(of: ReportTable, key: string, value: string) {
  const row = of.rows.find((candidate) => candidate[key] === value);
  if (!row) throw new Error(`no row with ${key} = ${value} in ${of.name}`);
  return row;
}

describe('reportTables', () => {
  let report: EvaluationReport;
  let tables: ReportTable[];

  beforeAll(() => {
    report = smallReport();
    tables = reportTables(report);
  });

  it('gives the tables in a fixed order, each with Vietnamese and English titles and headings', () => {
    expect(tables.map((each) => each.name)).toEqual([
      'national',
      'agencies',
      'by-rank',
      'by-level',
      'by-training-group',
      'by-format',
      'courses',
      'targets',
      'programme-reach',
      'programme-learners',
    ]);
    for (const each of tables) {
      expect(each.titleVi).not.toBe('');
      expect(each.titleEn).not.toBe('');
      for (const column of each.columns) {
        expect(column.headingVi).not.toBe('');
        expect(column.headingEn).not.toBe('');
      }
      for (const row of each.rows) expect(Object.keys(row).sort()).toEqual(each.columns.map((column) => column.key).sort());
    }
    expect(table(tables, 'agencies').columns).toContainEqual({
      key: 'rosterRegular',
      headingVi: 'Số cán bộ thường xuyên (biên chế)',
      headingEn: 'Regular staff on roster',
    });
  });

  it('gives one row per agency with its roster, trained staff, shares, bands, certificates and runs', () => {
    const agencies = table(tables, 'agencies');
    expect(agencies.rows.map((row) => row.agencyId)).toEqual(['BNG', 'BTC', 'HN']);

    expect(rowWhere(agencies, 'agencyId', 'BNG')).toEqual({
      agencyId: 'BNG',
      code: 'BNG',
      nameVi: 'Bộ Ngoại giao',
      nameEn: 'Ministry of Foreign Affairs',
      kind: 'Bộ',
      rosterAsOf: '2028-06-30',
      rosterRegular: 400,
      rosterNonRegular: 1000,
      trainedRegular: 140,
      trainedNonRegular: 0,
      shareRegular: '0.3500',
      shareNonRegular: '0.0000',
      bandRegular: 'Đạt mục tiêu',
      bandNonRegular: 'Dưới mục tiêu',
      peopleCertified: 140,
      learnerTimesCertified: 140,
      certificatesIssued: 140,
      certificatesInForce: 140,
      certificatesRevoked: 0,
      runsHosted: 1,
      runsHostedWithForeignLecturer: 1,
    });
    expect(rowWhere(agencies, 'agencyId', 'HN')).toMatchObject({
      nameVi: 'Thành phố Hà Nội',
      kind: 'UBND cấp tỉnh',
      trainedRegular: 99,
      trainedNonRegular: 90,
      shareRegular: '0.2475',
      shareNonRegular: '0.4500',
      bandRegular: 'Dưới mục tiêu',
      bandNonRegular: 'Vượt mục tiêu',
      certificatesIssued: 190,
      certificatesInForce: 189,
      certificatesRevoked: 1,
      runsHosted: 1,
      runsHostedWithForeignLecturer: 0,
    });
    expect(rowWhere(agencies, 'agencyId', 'BTC')).toMatchObject({
      rosterAsOf: null,
      rosterRegular: 0,
      trainedRegular: 3,
      shareRegular: null,
      bandRegular: 'Chưa có biên chế',
    });
  });

  it('totals nationally, by agency group and by agency kind', () => {
    const national = table(tables, 'national');
    expect(national.rows.map((row) => row.scope)).toEqual([
      'national',
      'group/ministries',
      'group/localities',
      'group/unregistered',
      'kind/ministry',
      'kind/ministerial-level-agency',
      'kind/government-agency',
      'kind/province',
      'kind/commune',
      'kind/unregistered',
    ]);
    expect(rowWhere(national, 'scope', 'national')).toMatchObject({
      labelVi: 'Toàn quốc',
      agencies: 3,
      agenciesWithRoster: 2,
      rosterRegular: 800,
      trainedRegular: 242,
      shareRegular: '0.3025',
      bandRegular: 'Đạt mục tiêu',
      rosterNonRegular: 1200,
      trainedNonRegular: 90,
      shareNonRegular: '0.0750',
      bandNonRegular: 'Dưới mục tiêu',
      certificatesRevoked: 1,
    });
    expect(rowWhere(national, 'scope', 'group/ministries')).toMatchObject({ labelVi: 'Khối bộ, ngành', agencies: 2, trainedRegular: 143 });
    expect(rowWhere(national, 'scope', 'kind/province')).toMatchObject({ agencies: 1, rosterRegular: 400 });
  });

  it('counts learners by rank under the Vietnamese rank names', () => {
    const byRank = table(tables, 'by-rank');
    expect(byRank.rows.map((row) => [row.labelVi, row.learnerTimesCertified, row.peopleCertified])).toEqual([
      ['Vụ trưởng, Giám đốc Sở và tương đương', 3, 3],
      ['Phó Vụ trưởng, Phó Giám đốc Sở và tương đương', 0, 0],
      ['Cấp phòng', 99, 99],
      ['Chuyên viên', 230, 230],
      ['Khác', 0, 0],
    ]);
  });

  it('counts runs and learner-times by level, training group and format under their Vietnamese names', () => {
    expect(table(tables, 'by-level').rows.map((row) => [row.labelVi, row.runsCompleted, row.learnerTimesCertified, row.learnerTimesAttended])).toEqual([
      ['Phổ quát', 1, 140, 2],
      ['Nâng cao', 1, 189, 0],
      ['Chuyên sâu', 1, 3, 0],
      ['Đặc thù', 0, 0, 0],
    ]);
    expect(table(tables, 'by-training-group').rows.map((row) => [row.labelVi, row.runsCompleted, row.runsWithForeignLecturer])).toEqual([
      ['Chuyên môn, nghiệp vụ', 2, 1],
      ['Kỹ năng, phong cách', 1, 0],
    ]);
    expect(table(tables, 'by-format').rows.map((row) => [row.labelVi, row.learnerTimesCertified])).toEqual([
      ['Tập trung, trực tiếp', 140],
      ['Trực tuyến', 189],
      ['Thực tập trong nước', 0],
      ['Thực tập ở nước ngoài', 3],
      ['Sự kiện quốc tế', 0],
    ]);
    expect(table(tables, 'courses').rows).toEqual([
      { runsCompleted: 3, runsWithForeignLecturer: 1, learnerTimesCertified: 332, learnerTimesAttended: 2, peopleAttended: 2 },
    ]);
  });

  it('carries the band each target group is judged against', () => {
    expect(table(tables, 'targets').rows).toEqual([
      expect.objectContaining({ targetGroup: 'regular', labelVi: 'Cán bộ thường xuyên', phaseFrom: '2026-01-01', bandMin: '0.30', bandMax: '0.40' }),
      expect.objectContaining({ targetGroup: 'non-regular', labelVi: 'Cán bộ không thường xuyên', phaseTo: '2028-12-31', bandMin: '0.30', bandMax: '0.40' }),
    ]);
  });

  it('names the status of an evaluation outside the programme’s phases', () => {
    const early = reportTables(
      given(agencyRegistered('BNG', 'ministry', 'Bộ Ngoại giao'), rosterDeclared('BNG', '2025-06-30', 10, 10)).whenEvaluated({ asOf: '2025-12-31' }),
    );
    expect(rowWhere(table(early, 'national'), 'scope', 'national')).toMatchObject({ bandRegular: 'Ngoài giai đoạn', bandNonRegular: 'Ngoài giai đoạn' });
    expect(table(early, 'targets').rows[0]).toMatchObject({ phase: null, bandMin: null });
  });

  it('gives the same tables for the issued report read back from its canonical JSON, whose keys are in another order', () => {
    const readBack = JSON.parse(canonicalJson(report)) as EvaluationReport;
    expect(Object.keys(readBack.byRank)).not.toEqual(Object.keys(report.byRank));
    expect(JSON.stringify(reportTables(readBack))).toBe(JSON.stringify(tables));
  });
});
