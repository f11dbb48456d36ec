import type { Rank, TargetGroup } from '@training-ledger/contracts';
import { attendanceCorrected, attendanceRecorded, type Fact, topics } from './evaluation-log.fixture';

/** Test-only builders for the facts evaluation/2.0.0 reads beyond 1.0.0. */

export interface Learner {
  readonly agencyId: string;
  readonly rank?: Rank;
  readonly targetGroup?: TargetGroup;
  readonly leadership?: boolean;
}

export function runScheduled(runId: string, sessions: readonly { sessionId: string; date: string }[], eligibleRanks: readonly Rank[] = ['specialist']): Fact {
  return {
    topic: topics.courseDelivery,
    stream: `run-${runId}`,
    type: 'CourseRunScheduled.v1',
    data: {
      runId,
      courseId: 'COURSE-1',
      courseCode: 'DN-PQ-01',
      level: 'universal',
      trainingGroup: 'expertise',
      format: 'in-person',
      providerInstitutionId: 'HVNG',
      hostAgencyId: null,
      venue: null,
      startDate: sessions[0]?.date ?? '2027-06-01',
      endDate: sessions.at(-1)?.date ?? '2027-06-05',
      nominationDeadline: '2027-05-01',
      capacity: 100,
      agencyQuotas: [],
      waitlistPolicy: 'auto-approve',
      eligibleTargetGroups: ['regular', 'non-regular'],
      eligibleRanks,
      completionRule: { ruleVersion: 1, minAttendanceShare: '0.8000', excusedCountsAsAttended: false, assessmentRequired: false, passMark: null },
      sessions: sessions.map(({ sessionId, date }) => ({ sessionId, date, startsAt: `${date}T08:00:00+07:00`, endsAt: `${date}T11:30:00+07:00` })),
      lecturers: [],
    },
    occurredOn: '2027-04-01',
  };
}

export function nominationApproved(runId: string, traineeId: string, learner: Learner, occurredOn = '2027-05-02'): Fact {
  return {
    topic: topics.enrolment,
    stream: `nominations-${runId}`,
    type: 'NominationApproved.v1',
    data: {
      nominationId: `N-${runId}-${traineeId}`,
      runId,
      traineeId,
      agencyId: learner.agencyId,
      targetGroup: learner.targetGroup ?? 'regular',
      rank: learner.rank ?? 'specialist',
      leadership: learner.leadership ?? false,
      fromWaitlist: false,
    },
    occurredOn,
  };
}

export function nominationWithdrawn(runId: string, traineeId: string, agencyId: string, occurredOn: string): Fact {
  return {
    topic: topics.enrolment,
    stream: `nominations-${runId}`,
    type: 'NominationWithdrawn.v1',
    data: { nominationId: `N-${runId}-${traineeId}`, runId, traineeId, agencyId },
    occurredOn,
  };
}

export function feedbackSubmitted(
  runId: string,
  feedbackId: string,
  from: 'trainee' | 'agency',
  agencyId: string,
  ratings: { content: number; lecturers: number; organisation: number },
  occurredOn = '2027-10-01',
): Fact {
  return {
    topic: topics.courseDelivery,
    stream: `results-${runId}`,
    type: 'FeedbackSubmitted.v1',
    data: { runId, feedbackId, from, agencyId, ratings },
    occurredOn,
  };
}

/** A mark posted on `occurredOn`, about a session held on `sessionDate` (left out: a mark from before the field). */
export function markOf(runId: string, sessionId: string, traineeId: string, status: Status, occurredOn: string, sessionDate?: string): Fact {
  return withSessionDate(attendanceRecorded(runId, sessionId, traineeId, status, occurredOn), sessionDate);
}

export function correctionOf(
  runId: string,
  sessionId: string,
  traineeId: string,
  change: readonly [Status, Status],
  occurredOn: string,
  sessionDate?: string,
): Fact {
  return withSessionDate(attendanceCorrected(runId, sessionId, traineeId, change[0], change[1], occurredOn), sessionDate);
}

type Status = 'present' | 'late' | 'absent' | 'excused';

const withSessionDate = (fact: Fact, sessionDate: string | undefined): Fact =>
  sessionDate ? { ...fact, data: { ...fact.data, sessionDate } } : fact;
