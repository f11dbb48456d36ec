/**
 * Cost of the attendance sheet of one run as it grows: folding its history, and deciding one bulk
 * posting mark by mark with decideEach on top of it.
 *
 *   npx tsx --tsconfig tsconfig.json services/course-delivery/src/attendance/bench/attendance-sheet.bench.ts \
 *     [trainees=100] [sessions=30] [rounds=5]
 *
 * The history holds a mark for every trainee in every session but the last, plus a correction for
 * one trainee in ten; the posting brings the last session's marks.
 */
import { decideEach, fold, type MessageMetadata } from '@training-ledger/decider';
import {
  type AttendanceMark,
  attendanceMarkCommands,
  type AttendanceRunView,
  attendanceSheetDecider,
  type AttendanceSheetEvent,
} from '../src/attendance/attendance-sheet.decider';

const trainees = Number(process.argv[2] ?? 100);
const sessions = Number(process.argv[3] ?? 30);
const rounds = Number(process.argv[4] ?? 5);

const runId = 'RUN-BENCH';
const postedBy = 'svc:bench';
const metadata: MessageMetadata = {
  correlationId: 'bench',
  actor: { id: postedBy, roles: ['institution-integration'] },
  occurredAt: '2027-05-10T00:00:00.000Z',
};
const traineeIds = Array.from({ length: trainees }, (_, index) => `T-${index}`);
const run: AttendanceRunView = {
  status: 'started',
  sessions: Array.from({ length: sessions }, (_, index) => ({
    sessionId: `S-${index}`,
    date: '2027-05-10',
    startsAt: '2027-05-10T08:00:00+07:00',
    endsAt: '2027-05-10T11:30:00+07:00',
    cancelled: false,
  })),
};
const markOf = (session: number, trainee: number): AttendanceMark => ({
  recordId: `${session}-${trainee}`,
  traineeId: `T-${trainee}`,
  sessionId: `S-${session}`,
  status: 'present',
  observedAt: '2027-05-10T08:00:00+07:00',
});

function history(): AttendanceSheetEvent[] {
  const events: AttendanceSheetEvent[] = [];
  for (let session = 0; session < sessions - 1; session++) {
    for (let trainee = 0; trainee < trainees; trainee++) {
      events.push({ type: 'AttendanceRecorded.v1', data: { runId, postedBy, ...markOf(session, trainee) }, metadata });
      if (trainee % 10 === 0) {
        events.push({
          type: 'AttendanceCorrected.v1',
          data: {
            runId,
            sessionId: `S-${session}`,
            traineeId: `T-${trainee}`,
            previousStatus: 'present',
            newStatus: 'late',
            correctedBy: 'bench',
            reason: 'bench',
          },
          metadata,
        });
      }
    }
  }
  return events;
}

function timed<T>(work: () => T): { result: T; ms: number } {
  const started = process.hrtime.bigint();
  const result = work();
  return { result, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

function main(): void {
  const events = history();
  const posting = attendanceMarkCommands({
    type: 'RecordAttendance',
    data: {
      runId,
      postedBy,
      run,
      approvedTrainees: traineeIds,
      toleranceMinutes: 15,
      marks: traineeIds.map((_, trainee) => markOf(sessions - 1, trainee)),
    },
    metadata,
  });
  console.log(
    `trainees=${trainees} sessions=${sessions} history=${events.length} events posting=${posting.length} marks`,
  );
  for (let round = 1; round <= rounds; round++) {
    const folded = timed(() => fold(attendanceSheetDecider, events));
    const decided = timed(() => decideEach(attendanceSheetDecider, folded.result, posting));
    const accepted = decided.result.outcomes.filter((outcome) => outcome.accepted).length;
    console.log(
      `round ${round}: fold ${folded.ms.toFixed(1)} ms, decideEach ${decided.ms.toFixed(1)} ms ` +
        `(${accepted}/${posting.length} accepted)`,
    );
  }
}

main();
