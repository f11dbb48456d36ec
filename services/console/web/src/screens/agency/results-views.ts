/** The parts of certification's and course-delivery's answers the agency's results screen reads. */

/** One entry of certification GET /certificates, as an agency reads it. */
export interface OwnCertificateView {
  readonly _id: string;
  readonly certificateNumber: string;
  readonly traineeId: string;
  readonly runId: string;
  readonly courseCode: string;
  readonly issuedOn: string;
  readonly status: 'valid' | 'revoked';
  readonly revokedOn: string | null;
}

/** course-delivery GET /runs/:runId/trainees/:traineeId/attendance-share. */
export interface AttendanceShareView {
  readonly runId: string;
  readonly traineeId: string;
  readonly sessionsHeld: number;
  readonly sessionsAttended: number;
  readonly share: string;
  readonly meetsAttendance: boolean;
  readonly assessmentPassed: boolean | null;
  readonly assessmentRequired: boolean;
  readonly minAttendanceShare: string;
  readonly completed: boolean;
  readonly reasons: readonly string[];
}

/** A share the services write as a decimal ("0.8333") as officials read it ("83,33 %"). */
export function percentText(share: string, language = 'vi'): string {
  const percent = (Number(share) * 100).toFixed(2);
  return `${language === 'vi' ? percent.replace('.', ',') : percent} %`;
}

/** Why a trainee has not completed: in Vietnamese from the judgement's own fields, in English as the service wrote it. */
export function shareReasons(share: AttendanceShareView, language: string): readonly string[] {
  if (language !== 'vi' || share.completed) return share.reasons;
  const reasons: string[] = [];
  if (share.sessionsHeld === 0) reasons.push('chưa có buổi học nào');
  else if (!share.meetsAttendance) {
    reasons.push(`tham dự ${share.sessionsAttended}/${share.sessionsHeld} buổi (${percentText(share.share)}), dưới mức ${percentText(share.minAttendanceShare)}`);
  }
  if (share.assessmentRequired && share.assessmentPassed !== true) reasons.push('chưa đạt bài kiểm tra bắt buộc');
  return reasons.length > 0 ? reasons : share.reasons;
}
