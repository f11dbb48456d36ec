import { type AttendanceStatus, type CompletionJudgement, judgeCompletion } from '@training-ledger/contracts';
import type { CourseRun } from '../course-runs/course-run.state';

/** Where a trainee stands against the run's completion rule, judged as certification will judge it. */
export interface AttendanceShare extends CompletionJudgement {
  readonly minAttendanceShare: string;
  readonly excusedCountsAsAttended: boolean;
  readonly assessmentRequired: boolean;
}

export interface TraineeRecord {
  readonly marks: readonly { readonly sessionId: string; readonly status: AttendanceStatus }[];
  /** Undefined while no assessment is recorded. */
  readonly assessmentPassed: boolean | undefined;
  readonly nominationApproved: boolean;
}

/**
 * The sessions held: once the run is completed, those it was completed with (every session not
 * cancelled, as `CourseRunCompleted.v1` states them); before, those not cancelled that have begun by `now`.
 */
export function heldSessionIds(run: Pick<CourseRun, 'status' | 'sessions'>, now: number): string[] {
  return run.sessions
    .filter((session) => !session.cancelled && (run.status === 'completed' || Date.parse(session.startsAt) <= now))
    .map((session) => session.sessionId);
}

/** A trainee's attendance share and completion so far, by the completion rule the run was scheduled under. */
export function attendanceShare(
  run: Pick<CourseRun, 'status' | 'sessions' | 'completionRule'>,
  trainee: TraineeRecord,
  now: number,
): AttendanceShare {
  const statusBySession = new Map(trainee.marks.map((mark) => [mark.sessionId, mark.status]));
  const rule = run.completionRule;
  return {
    ...judgeCompletion(rule, {
      sessionsHeld: heldSessionIds(run, now),
      statusOf: (sessionId) => statusBySession.get(sessionId),
      assessmentPassed: trainee.assessmentPassed,
      nominationApproved: trainee.nominationApproved,
      runCancelled: run.status === 'cancelled',
    }),
    minAttendanceShare: rule.minAttendanceShare,
    excusedCountsAsAttended: rule.excusedCountsAsAttended,
    assessmentRequired: rule.assessmentRequired,
  };
}
