/**
 * Memory the attendance service keeps for folded sheets once many runs have been posted to: every
 * run's sheet folded from events as the log returns them, stored in the cache the service uses,
 * next to a cache bounded only by its number of runs.
 *
 *   npm run bench:sheet-memory -- [runs=60] [trainees=400] [sessions=30]
 */
import type { MessageMetadata } from '@training-ledger/decider';
import { StreamStateCache } from '@training-ledger/event-store';
import { newAttendanceSheetCache, SHEET_MARKS_CACHED } from '../src/attendance/attendance-sheet-cache';
import {
  attendanceSheetDecider,
  type AttendanceSheetEvent,
  type AttendanceSheetState,
  attendanceSheetStreamName,
} from '../src/attendance/attendance-sheet.decider';

const runs = Number(process.argv[2] ?? 60);
const trainees = Number(process.argv[3] ?? 400);
const sessions = Number(process.argv[4] ?? 30);

const collectGarbage = (globalThis as { gc?: () => void }).gc;
if (!collectGarbage) throw new Error('Run with node --expose-gc (npm run bench:sheet-memory does)');

const metadata: MessageMetadata = {
  correlationId: 'bench',
  actor: { id: 'svc:bench', roles: ['institution-integration'] },
  occurredAt: '2027-05-10T00:00:00.000Z',
};

/** A run's sheet folded from its events, each decoded on its own as a read from the log would be. */
function foldedSheet(run: number): AttendanceSheetState {
  const runId = `RUN-2027-${String(run).padStart(3, '0')}`;
  let state = attendanceSheetDecider.initialState();
  for (let session = 0; session < sessions; session++) {
    for (let trainee = 0; trainee < trainees; trainee++) {
      const event: AttendanceSheetEvent = {
        type: 'AttendanceRecorded.v1',
        data: {
          runId,
          sessionId: `S${String(session).padStart(2, '0')}`,
          traineeId: `T-${run}-${trainee}`,
          status: trainee % 17 === 0 ? 'absent' : 'present',
          observedAt: '2027-05-10T08:04:00+07:00',
          recordId: `${runId}-${session}-${trainee}`,
          postedBy: 'svc:moha-hr',
        },
        metadata,
      };
      state = attendanceSheetDecider.evolve(state, JSON.parse(JSON.stringify(event)) as AttendanceSheetEvent);
    }
  }
  return state;
}

function retainedBy(cache: StreamStateCache<AttendanceSheetState>): { mib: number; streams: number } {
  collectGarbage?.();
  const before = process.memoryUsage().heapUsed;
  for (let run = 0; run < runs; run++) {
    const streamName = attendanceSheetStreamName(`RUN-2027-${String(run).padStart(3, '0')}`);
    cache.set(streamName, { revision: BigInt(trainees * sessions - 1), state: foldedSheet(run) });
  }
  collectGarbage?.();
  const retained = process.memoryUsage().heapUsed - before;
  return { mib: retained / 2 ** 20, streams: cache.size.streams };
}

const marksPerRun = trainees * sessions;
console.log(`${runs} runs of ${trainees} trainees × ${sessions} sessions (${marksPerRun.toLocaleString('en')} marks each)`);
const byRuns = new StreamStateCache<AttendanceSheetState>({ maxStreams: 500 });
const unbounded = retainedBy(byRuns);
console.log(
  `bounded by runs (500)      ${unbounded.streams} sheets kept, ${unbounded.mib.toFixed(0)} MiB, ` +
    `${Math.round((unbounded.mib * 2 ** 20) / (unbounded.streams * marksPerRun))} bytes per mark`,
);
const byMarks = newAttendanceSheetCache();
const bounded = retainedBy(byMarks);
console.log(
  `bounded by marks (${SHEET_MARKS_CACHED.toLocaleString('en')})  ${bounded.streams} sheets kept, ${bounded.mib.toFixed(0)} MiB`,
);
// Both caches stay reachable until both are measured.
console.log(`caches hold ${byRuns.size.streams + byMarks.size.streams} sheets`);
