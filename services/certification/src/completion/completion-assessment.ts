import type { AttendanceStatus, CompletionRule } from '@training-ledger/contracts';

export interface CompletionBasis {
  readonly sessionsHeld: number;
  readonly sessionsAttended: number;
  /** Sessions attended over sessions held, four decimal places, rounded down so that a share never reaches a threshold it missed. */
  readonly attendanceShare: string;
  /** Null when the rule requires no assessment. */
  readonly assessmentPassed: boolean | null;
  readonly ruleVersion: number;
  readonly eligible: boolean;
  readonly reasons: readonly string[];
}

const SHARE_SCALE = 10_000;

/** `attended / held` as a four-place decimal string, rounded down, computed on integers only. */
export function attendanceShare(attended: number, held: number): string {
  if (held === 0) return '0.0000';
  const scaled = Math.floor((attended * SHARE_SCALE) / held);
  return `${Math.floor(scaled / SHARE_SCALE)}.${String(scaled % SHARE_SCALE).padStart(4, '0')}`;
}

const shareInTenThousandths = (share: string): number => {
  const [whole = '0', fraction = '0'] = share.split('.');
  return Number(whole) * SHARE_SCALE + Number(fraction.padEnd(4, '0').slice(0, 4));
};

/**
 * Whether a trainee completed a run: present or late in enough of the sessions held (excused
 * absences count only when the rule says so), and the assessment passed when the rule requires one.
 */
export function assessCompletion(
  rule: CompletionRule,
  sessionsHeld: readonly string[],
  statusBySession: (sessionId: string) => AttendanceStatus | undefined,
  assessmentPassed: boolean | undefined,
): CompletionBasis {
  const attendedStatuses: readonly AttendanceStatus[] = rule.excusedCountsAsAttended
    ? ['present', 'late', 'excused']
    : ['present', 'late'];
  const sessionsAttended = sessionsHeld.filter((sessionId) => {
    const status = statusBySession(sessionId);
    return status !== undefined && attendedStatuses.includes(status);
  }).length;
  const share = attendanceShare(sessionsAttended, sessionsHeld.length);
  const reasons: string[] = [];
  if (sessionsHeld.length === 0) reasons.push('no session of the run was held');
  else if (shareInTenThousandths(share) < shareInTenThousandths(rule.minAttendanceShare)) {
    reasons.push(`attended ${sessionsAttended} of ${sessionsHeld.length} sessions (${share}), below the required ${rule.minAttendanceShare}`);
  }
  if (rule.assessmentRequired) {
    if (assessmentPassed === undefined) reasons.push('the required assessment has no result');
    else if (!assessmentPassed) reasons.push('the required assessment was not passed');
  }
  return {
    sessionsHeld: sessionsHeld.length,
    sessionsAttended,
    attendanceShare: share,
    assessmentPassed: rule.assessmentRequired ? (assessmentPassed ?? false) : null,
    ruleVersion: rule.ruleVersion,
    eligible: reasons.length === 0,
    reasons,
  };
}
