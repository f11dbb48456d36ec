import { given } from '../evaluation-core/evaluation-log.fixture';
import { agencyRegistered } from '../evaluation-core/evaluation-log.fixture';
import { reviewReport } from './evaluation-exports.fixture';
import { headline } from './headline';
import { reportTables } from './report-tables';
import { decimalText } from './number-formats';

describe('the headline paragraph (đoạn mở đầu)', () => {
  it("states the review's sentence from the figures, numbers written the Vietnamese way", () => {
    const text = headline(reviewReport());
    expect(text?.vi).toBe(
      'Thực hiện Đề án bồi dưỡng cán bộ, công chức, viên chức làm công tác đối ngoại, hội nhập quốc tế đủ năng lực làm việc trong môi trường quốc tế ' +
        'trong kỷ nguyên mới giai đoạn 2026 – 2031, tính đến ngày 31/12/2023 đã tổ chức 60 khóa bồi dưỡng cho 7.030 lượt học viên (7.030 người) ' +
        'từ 28 bộ, ngành và 61 địa phương; trong đó có 6 khóa cấp cao dành cho lãnh đạo cấp Vụ, cấp Sở và 4 khóa có chuyên gia nước ngoài tham gia. ' +
        'Sĩ số bình quân 117,2 học viên/khóa. 703 lượt học viên đã được cấp chứng nhận.',
    );
    expect(text?.en).toContain('60 training courses were held for 7.030 learner-times (7.030 people) from 28 ministries and central agencies and 61 localities');
    expect(text?.en).toContain('6 senior courses for department-level leaders and 4 courses with foreign experts');
  });

  it('has nothing to say for a report computed under evaluation/1.0.0', () => {
    const v1 = given(agencyRegistered('BNG', 'ministry')).whenEvaluated({ asOf: '2028-12-31', reportCodeVersion: 'evaluation/1.0.0' });
    expect(headline(v1)).toBeNull();
  });

  it.each([
    ['117.1667', 1, '117,2'],
    ['117.1500', 1, '117,2'],
    ['117.1499', 1, '117,1'],
    ['9999.9600', 1, '10.000,0'],
    ['85.0000', 0, '85'],
    ['0.0500', 1, '0,1'],
  ])('writes %s with %i places as %s', (decimal, places, text) => {
    expect(decimalText(decimal, places)).toBe(text);
  });
});

describe('the programme tables', () => {
  it("give the review's figures per group, and learners by rank, target group and leadership", () => {
    const tables = reportTables(reviewReport());
    const reach = tables.find((table) => table.name === 'programme-reach')!;
    expect(reach.rows.filter((row) => ['national', 'group/ministries', 'group/localities'].includes(row.scope as string))).toEqual([
      expect.objectContaining({ scope: 'national', runsCompleted: 60, seniorRunsForLeaders: 6, runsWithForeignLecturer: 4, agenciesSending: 89, learnerTimesAttended: 7_030, averageClassSize: '117.1667' }),
      expect.objectContaining({ scope: 'group/ministries', agenciesSending: 28 }),
      expect.objectContaining({ scope: 'group/localities', agenciesSending: 61 }),
    ]);
    const learners = tables.find((table) => table.name === 'programme-learners')!;
    const attended = (key: string) => learners.rows.find((row) => row.breakdown === key)?.learnerTimesAttended;
    expect((attended('leadership/leaders') as number) + (attended('leadership/others') as number)).toBe(7_030);
  });
});
