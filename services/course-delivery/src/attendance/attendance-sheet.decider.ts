import type { AttendanceStatus } from '@training-ledger/contracts';
import {
  assertNever,
  type Command,
  type Decider,
  type DomainEvent,
  DomainRuleViolation,
} from '@training-ledger/decider';
import type { CourseRunState } from '../course-runs/course-run.state';
import { MarkSheet } from './mark-sheet';

/** One mark as an integration posts it; `recordId` is the caller's own id for it. */
export interface AttendanceMark {
  readonly recordId: string;
  readonly traineeId: string;
  readonly sessionId: string;
  readonly status: AttendanceStatus;
  /** ISO-8601 with offset: when the integration observed the trainee. */
  readonly observedAt: string;
}

export interface SessionWindow {
  readonly sessionId: string;
  /** YYYY-MM-DD: the day the session is held, the date its marks are about. */
  readonly date: string;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly cancelled: boolean;
}

/** The run as the course-run stream holds it when the marks are decided. */
export interface AttendanceRunView {
  readonly status: 'scheduled' | 'started' | 'cancelled' | 'completed';
  readonly sessions: readonly SessionWindow[];
}

/** The attendance view of a run as its own stream holds it; null for a run never scheduled. */
export function attendanceRunView(run: CourseRunState): AttendanceRunView | null {
  if (run.status === 'unscheduled') return null;
  return {
    status: run.status,
    sessions: run.sessions.map(({ sessionId, date, startsAt, endsAt, cancelled }) => ({
      sessionId,
      date,
      startsAt,
      endsAt,
      cancelled,
    })),
  };
}

/** What every mark of one posting is judged against, read once per request. */
interface MarkContext {
  readonly runId: string;
  /** The integration that posts: its record ids are unique only among its own. */
  readonly postedBy: string;
  readonly run: AttendanceRunView;
  /** Trainees whose nomination to this run is approved, as enrolment published it (at least those the posting names). */
  readonly approvedTrainees: readonly string[];
  /** How far before a session starts or after it ends an observation is still taken as of that session. */
  readonly toleranceMinutes: number;
}

/**
 * A bulk posting. It is not decided as one: `attendanceMarkCommands` splits it into one command per
 * mark, and the application decides them with `decideEach`, so that each mark gets its own outcome
 * and the accepted ones are appended as one batch.
 */
export type RecordAttendance = Command<'RecordAttendance', MarkContext & { marks: readonly AttendanceMark[] }>;

export type RecordAttendanceMark = Command<'RecordAttendanceMark', MarkContext & { mark: AttendanceMark }>;
/**
 * A mark once recorded is never edited nor posted over: a change of status is a correction, which
 * says what the status was, what it becomes, who changed it and why.
 */
export type CorrectAttendance = Command<
  'CorrectAttendance',
  {
    runId: string;
    sessionId: string;
    traineeId: string;
    newStatus: AttendanceStatus;
    correctedBy: string;
    reason: string;
    /** The corrected session's date, from the run's timetable; absent when the session is not in it. */
    sessionDate?: string;
  }
>;
export type AttendanceSheetCommand = RecordAttendanceMark | CorrectAttendance;

export type AttendanceRecorded = DomainEvent<
  'AttendanceRecorded.v1',
  {
    runId: string;
    sessionId: string;
    traineeId: string;
    status: AttendanceStatus;
    observedAt: string;
    recordId: string;
    postedBy: string;
    /** The session's date: what the mark is about. Absent on marks recorded before it was carried. */
    sessionDate?: string;
  }
>;
export type AttendanceCorrected = DomainEvent<
  'AttendanceCorrected.v1',
  {
    runId: string;
    sessionId: string;
    traineeId: string;
    previousStatus: AttendanceStatus;
    newStatus: AttendanceStatus;
    correctedBy: string;
    reason: string;
    /** The corrected session's date: what the correction is about. Absent on corrections recorded before it was carried. */
    sessionDate?: string;
  }
>;
export type AttendanceSheetEvent = AttendanceRecorded | AttendanceCorrected;

/**
 * An immutable sheet that grows by one entry per mark, so that evolving a sheet of thousands of
 * marks neither copies it for every new mark nor rebuilds a persistent map's path per mark.
 */
export interface AttendanceSheetState {
  /** Null until the first mark of the run. */
  readonly runId: string | null;
  /**
   * Every mark as first posted, by poster and record id, so that a repeated posting is recognised;
   * and the status in force per session and trainee: the latest correction's, or else the mark's as posted.
   */
  readonly sheet: MarkSheet<AttendanceRecorded['data']>;
}

/** A posting's approved trainees as a set, made once for all its marks rather than searched per mark. */
const approvedSets = new WeakMap<readonly string[], ReadonlySet<string>>();
function approvedSet(approvedTrainees: readonly string[]): ReadonlySet<string> {
  let approved = approvedSets.get(approvedTrainees);
  if (!approved) {
    approved = new Set(approvedTrainees);
    approvedSets.set(approvedTrainees, approved);
  }
  return approved;
}

interface TimedSession {
  readonly session: SessionWindow;
  readonly startsAtMs: number;
  readonly endsAtMs: number;
}

/** A posting's timetable by session id with its times read, made once for all its marks. */
const timetables = new WeakMap<readonly SessionWindow[], ReadonlyMap<string, TimedSession>>();
function timedSessions(sessions: readonly SessionWindow[]): ReadonlyMap<string, TimedSession> {
  let timetable = timetables.get(sessions);
  if (!timetable) {
    timetable = new Map(
      [...sessions].reverse().map((session) => [session.sessionId, { session, startsAtMs: Date.parse(session.startsAt), endsAtMs: Date.parse(session.endsAt) }]),
    );
    timetables.set(sessions, timetable);
  }
  return timetable;
}

const recordKey = (postedBy: string, recordId: string): string => `${postedBy}\u0000${recordId}`;
const cellKey = (sessionId: string, traineeId: string): string => `${sessionId}\u0000${traineeId}`;

export const attendanceSheetStreamName = (runId: string): string => `attendance-${runId}`;

export function attendanceMarkCommands(posting: RecordAttendance): RecordAttendanceMark[] {
  const { runId, postedBy, run, approvedTrainees, toleranceMinutes, marks } = posting.data;
  return marks.map((mark) => ({
    type: 'RecordAttendanceMark',
    data: { runId, postedBy, run, approvedTrainees, toleranceMinutes, mark },
    metadata: posting.metadata,
  }));
}

export const attendanceSheetDecider: Decider<AttendanceSheetCommand, AttendanceSheetEvent, AttendanceSheetState> = {
  initialState: () => ({ runId: null, sheet: MarkSheet.empty() }),

  decide(command, state) {
    switch (command.type) {
      case 'RecordAttendanceMark':
        return recordMark(command, state);
      case 'CorrectAttendance':
        return correctAttendance(command, state);
      default:
        return assertNever(command, 'attendance sheet command');
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'AttendanceRecorded.v1':
        return {
          runId: event.data.runId,
          sheet: state.sheet.withMark(
            recordKey(event.data.postedBy, event.data.recordId),
            event.data,
            cellKey(event.data.sessionId, event.data.traineeId),
            event.data.status,
          ),
        };
      case 'AttendanceCorrected.v1':
        return {
          runId: event.data.runId,
          sheet: state.sheet.withStatus(cellKey(event.data.sessionId, event.data.traineeId), event.data.newStatus),
        };
      default:
        return assertNever(event, 'attendance sheet event');
    }
  },
};

function recordMark(command: RecordAttendanceMark, state: AttendanceSheetState): AttendanceSheetEvent[] {
  const { runId, postedBy, run, approvedTrainees, toleranceMinutes, mark } = command.data;
  requireThisRun(state, runId);
  const earlier = state.sheet.mark(recordKey(postedBy, mark.recordId));
  if (earlier) {
    if (sameMark(earlier, mark)) return [];
    throw new DomainRuleViolation(
      'record-id-used-once',
      `Record ${mark.recordId} was already posted with other content`,
      'recordId',
      'conflict',
    );
  }
  if (run.status === 'cancelled') {
    throw new DomainRuleViolation('run-not-cancelled', `Run ${runId} was cancelled`, 'runId');
  }
  if (!approvedSet(approvedTrainees).has(mark.traineeId)) {
    throw new DomainRuleViolation(
      'trainee-approved-for-run',
      `Trainee ${mark.traineeId} has no approved nomination to run ${runId}`,
      'traineeId',
    );
  }
  const timed = timedSessions(run.sessions).get(mark.sessionId);
  const session = timed?.session;
  if (!session) {
    throw new DomainRuleViolation(
      'session-of-this-run',
      `Session ${mark.sessionId} is not in the timetable of run ${runId}`,
      'sessionId',
      'not-found',
    );
  }
  if (session.cancelled) {
    throw new DomainRuleViolation('session-not-cancelled', `Session ${mark.sessionId} was cancelled`, 'sessionId');
  }
  const tolerance = Math.max(0, toleranceMinutes) * 60_000;
  const observedAt = Date.parse(mark.observedAt);
  if (!(
    timed && observedAt >= timed.startsAtMs - tolerance && observedAt <= timed.endsAtMs + tolerance
  )) {
    throw new DomainRuleViolation(
      'observed-within-session',
      `Observed at ${mark.observedAt}, outside session ${mark.sessionId} (${session.startsAt} to ${session.endsAt}) ` +
        `by more than ${toleranceMinutes} minutes`,
      'observedAt',
    );
  }
  const current = statusInForce(state, mark.sessionId, mark.traineeId);
  if (current !== undefined) {
    throw new DomainRuleViolation(
      'trainee-marked-once-per-session',
      `Trainee ${mark.traineeId} is already marked ${current} for session ${mark.sessionId}; send a correction instead`,
      'traineeId',
      'conflict',
    );
  }
  return [
    {
      type: 'AttendanceRecorded.v1',
      data: {
        runId,
        sessionId: mark.sessionId,
        traineeId: mark.traineeId,
        status: mark.status,
        observedAt: mark.observedAt,
        recordId: mark.recordId,
        postedBy,
        sessionDate: session.date,
      },
      metadata: command.metadata,
    },
  ];
}

function correctAttendance(command: CorrectAttendance, state: AttendanceSheetState): AttendanceSheetEvent[] {
  const { runId, sessionId, traineeId, newStatus, correctedBy, reason, sessionDate } = command.data;
  requireThisRun(state, runId);
  if (reason.trim() === '') {
    throw new DomainRuleViolation('correction-states-reason', 'A correction must state its reason', 'reason');
  }
  const previousStatus = statusInForce(state, sessionId, traineeId);
  if (previousStatus === undefined) {
    throw new DomainRuleViolation(
      'attendance-must-exist',
      `Trainee ${traineeId} has no mark for session ${sessionId} to correct`,
      'traineeId',
      'not-found',
    );
  }
  if (previousStatus === newStatus) return [];
  return [
    {
      type: 'AttendanceCorrected.v1',
      data: { runId, sessionId, traineeId, previousStatus, newStatus, correctedBy, reason, ...(sessionDate ? { sessionDate } : {}) },
      metadata: command.metadata,
    },
  ];
}

function requireThisRun(state: AttendanceSheetState, runId: string): void {
  if (state.runId !== null && state.runId !== runId) {
    throw new DomainRuleViolation('attendance-of-one-run', `Expected run ${state.runId}, got run ${runId}`, 'runId');
  }
}

/** The same observation, whatever offset the time was written in. */
function sameMark(recorded: AttendanceRecorded['data'], mark: AttendanceMark): boolean {
  return (
    recorded.traineeId === mark.traineeId &&
    recorded.sessionId === mark.sessionId &&
    recorded.status === mark.status &&
    Date.parse(recorded.observedAt) === Date.parse(mark.observedAt)
  );
}

function statusInForce(
  state: AttendanceSheetState,
  sessionId: string,
  traineeId: string,
): AttendanceStatus | undefined {
  return state.sheet.status(cellKey(sessionId, traineeId));
}
