import type { AttendanceStatus } from '../common';
import type { CompletionRule } from './index';

/*
 * The completion rule (điều kiện hoàn thành khoá học), judged in this one place: course delivery
 * answers with it what a trainee stands at, certification decides with it whom MOFA may certify.
 */

const SHARE_SCALE = 10_000;

/** Rounded DOWN to four places, on integers: a certificate must never rest on a share rounded up past its threshold. */
export function decimalShareOf(attended: number, held: number): string {
  if (held === 0) return '0.0000';
  const tenThousandths = Math.floor((attended * SHARE_SCALE) / held);
  return `${Math.floor(tenThousandths / SHARE_SCALE)}.${String(tenThousandths % SHARE_SCALE).padStart(4, '0')}`;
}

/** A four-place share as an integer count of ten-thousandths, so that shares compare without floats. */
export function shareInTenThousandths(share: string): number {
  const [whole = '0', fraction = '0'] = share.split('.');
  return Number(whole) * SHARE_SCALE + Number(fraction.padEnd(4, '0').slice(0, 4));
}

/** Present and late always count; an excused absence (vắng có phép) only when the rule says so. */
export function countsAsAttended(rule: Pick<CompletionRule, 'excusedCountsAsAttended'>, status: AttendanceStatus | undefined): boolean {
  switch (status) {
    case 'present':
    case 'late':
      return true;
    case 'excused':
      return rule.excusedCountsAsAttended;
    case 'absent':
    case undefined:
      return false;
    default:
      return assertNoOtherStatus(status);
  }
}

/** A score passes when it reaches the pass mark. */
export function reachesPassMark(score: number, passMark: number): boolean {
  return score >= passMark;
}

/** What a trainee's completion is judged on. */
export interface CompletionEvidence {
  /** The sessions of the run that were held, by id. */
  readonly sessionsHeld: readonly string[];
  readonly statusOf: (sessionId: string) => AttendanceStatus | undefined;
  /** The recorded assessment's result; undefined while none is recorded. */
  readonly assessmentPassed: boolean | undefined;
  readonly nominationApproved: boolean;
  readonly runCancelled: boolean;
}

export interface CompletionJudgement {
  readonly ruleVersion: number;
  readonly sessionsHeld: number;
  readonly sessionsAttended: number;
  /** Sessions attended over sessions held, as `decimalShare` writes it. */
  readonly share: string;
  readonly meetsAttendance: boolean;
  /** Null when the rule requires no assessment; false while a required one has no result. */
  readonly assessmentPassed: boolean | null;
  readonly completed: boolean;
  /** Why not completed, in words an officer reads; empty when completed. */
  readonly reasons: readonly string[];
}

/**
 * Completed: a run not cancelled, an approved nomination, enough of the held sessions attended
 * (none held is never enough), and the assessment passed when the rule requires one.
 */
export function judgeCompletion(rule: CompletionRule, evidence: CompletionEvidence): CompletionJudgement {
  const held = evidence.sessionsHeld.length;
  const sessionsAttended = evidence.sessionsHeld.filter((sessionId) => countsAsAttended(rule, evidence.statusOf(sessionId))).length;
  const share = decimalShareOf(sessionsAttended, held);
  const meetsAttendance = held > 0 && shareInTenThousandths(share) >= shareInTenThousandths(rule.minAttendanceShare);
  const reasons: string[] = [];
  if (evidence.runCancelled) reasons.push('the run was cancelled');
  if (!evidence.nominationApproved) reasons.push('the nomination is no longer approved');
  if (held === 0) reasons.push('no session of the run was held');
  else if (!meetsAttendance) {
    reasons.push(`attended ${sessionsAttended} of ${held} sessions (${share}), below the required ${rule.minAttendanceShare}`);
  }
  if (rule.assessmentRequired) {
    if (evidence.assessmentPassed === undefined) reasons.push('the required assessment has no result');
    else if (!evidence.assessmentPassed) reasons.push('the required assessment was not passed');
  }
  return {
    ruleVersion: rule.ruleVersion,
    sessionsHeld: held,
    sessionsAttended,
    share,
    meetsAttendance,
    assessmentPassed: rule.assessmentRequired ? (evidence.assessmentPassed ?? false) : null,
    completed: reasons.length === 0,
    reasons,
  };
}

function assertNoOtherStatus(status: never): never {
  throw new Error(`Unknown attendance status ${String(status)}`);
}
