import type { EvaluationReport } from '../evaluation-core';
import { countText, decimalText, calendarDateText } from './number-formats';
import { programmeName, type BilingualLabel } from './vocabulary';

/**
 * The paragraph a review opens with (seed 002: "60 khóa bồi dưỡng … cho hơn 7.030 lượt học viên từ
 * 28 bộ ngành và 61 địa phương; trong đó có 6 khóa cấp cao … 4 khóa … có chuyên gia nước ngoài"),
 * filled from the sealed figures. Null for a report computed before those figures were kept (1.0.0).
 */
export function headline(report: EvaluationReport): BilingualLabel | null {
  const programme = report.programme;
  if (!programme) return null;
  const { national, agencyGroups } = programme;
  const date = calendarDateText(report.asOf);
  const runs = countText(national.runsCompleted);
  const learnerTimes = countText(national.learnerTimesAttended);
  const ministries = countText(agencyGroups.ministries.agenciesSending);
  const localities = countText(agencyGroups.localities.agenciesSending);
  const senior = countText(national.seniorRunsForLeaders);
  const foreign = countText(national.runsWithForeignLecturer);
  const certified = countText(national.learnerTimesCertified);
  const people = countText(national.peopleAttended);
  const average = national.classSize.average === null ? null : decimalText(national.classSize.average, 1);
  const { feedback } = national;
  const gaveFeedback = feedback.fromAgencies + feedback.fromTrainees > 0;
  const vi = [
    `Thực hiện ${programmeName.vi}, tính đến ngày ${date} đã tổ chức ${runs} khóa bồi dưỡng cho ${learnerTimes} lượt học viên ` +
      `(${people} người) từ ${ministries} bộ, ngành và ${localities} địa phương; trong đó có ${senior} khóa cấp cao dành cho ` +
      `lãnh đạo cấp Vụ, cấp Sở và ${foreign} khóa có chuyên gia nước ngoài tham gia.`,
    average === null ? '' : ` Sĩ số bình quân ${average} học viên/khóa.`,
    ` ${certified} lượt học viên đã được cấp chứng nhận.`,
    gaveFeedback
      ? ` ${countText(feedback.agenciesGivingFeedback)} cơ quan và ${countText(feedback.fromTrainees)} lượt học viên đã phản hồi về hiệu quả bồi dưỡng.`
      : '',
  ].join('');
  const en = [
    `Under the ${programmeName.en}, as of ${date} ${runs} training courses were held for ${learnerTimes} learner-times ` +
      `(${people} people) from ${ministries} ministries and central agencies and ${localities} localities; of them ${senior} ` +
      `senior courses for department-level leaders and ${foreign} courses with foreign experts.`,
    average === null ? '' : ` Average class size: ${average} learners per course.`,
    ` ${certified} learner-times were certified.`,
    gaveFeedback
      ? ` ${countText(feedback.agenciesGivingFeedback)} agencies and ${countText(feedback.fromTrainees)} trainees gave feedback on the training's effectiveness.`
      : '',
  ].join('');
  return { vi, en };
}
