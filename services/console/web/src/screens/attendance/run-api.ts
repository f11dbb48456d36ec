import { problemText, type ApiClients } from '../../api/clients';
import type { MarkToPost } from './marks';
import type {
  AssessmentsView,
  AttendanceSheetView,
  AttendanceStatus,
  BulkAttendanceResultView,
  HistoryView,
  MarkItemResultView,
  RosterView,
  RunView,
} from './views';

/** Everything the grid shows of a run, read together. */
export interface RunAttendance {
  readonly run: RunView;
  readonly sheet: AttendanceSheetView;
  readonly roster: RosterView;
  readonly assessments: AssessmentsView;
}

/** The body of an answer, or an error naming the service's problem. */
async function answered<T>(call: Promise<{ data?: unknown; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (error !== undefined || !response.ok) throw new Error(problemText(error, response));
  return data as T;
}

const FRESH_ATTEMPTS = 20;
const FRESH_PAUSE_MS = 250;

/**
 * The read models follow the log a moment behind a write: reads again, for a few seconds at most,
 * until the answer shows what was just recorded, and gives the last answer either way.
 */
export async function untilFresh<T>(load: () => Promise<T>, isFresh: (value: T) => boolean): Promise<T> {
  let value = await load();
  for (let attempt = 1; attempt < FRESH_ATTEMPTS && !isFresh(value); attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, FRESH_PAUSE_MS));
    value = await load();
  }
  return value;
}

export function loadSheet(api: ApiClients, runId: string): Promise<AttendanceSheetView> {
  return answered(api['course-delivery'].GET('/runs/{runId}/attendance', { params: { path: { runId } } }));
}

export async function loadRunAttendance(api: ApiClients, runId: string): Promise<RunAttendance> {
  const delivery = api['course-delivery'];
  const path = { params: { path: { runId } } };
  const [run, sheet, roster, assessments] = await Promise.all([
    answered<RunView>(delivery.GET('/runs/{runId}', path)),
    loadSheet(api, runId),
    answered<RosterView>(delivery.GET('/runs/{runId}/roster', path)),
    answered<AssessmentsView>(delivery.GET('/runs/{runId}/assessments', path)),
  ]);
  return { run, sheet, roster, assessments };
}

/** How the sheet names a mark's result: a refusal in conflict with what is recorded is told apart from the others. */
export type MarkVerdict = 'accepted' | 'already-recorded' | 'conflict' | 'rejected';

export function markVerdict(item: MarkItemResultView): MarkVerdict {
  if (item.result !== 'refused') return item.result;
  return item.kind === 'conflict' ? 'conflict' : 'rejected';
}

/** How many marks of a posting got each verdict. */
export function verdictCounts(answer: BulkAttendanceResultView): Record<MarkVerdict, number> {
  const counts: Record<MarkVerdict, number> = { accepted: 0, 'already-recorded': 0, conflict: 0, rejected: 0 };
  for (const item of answer.items) counts[markVerdict(item)] += 1;
  return counts;
}

/** One batch of marks, sent once under `idempotencyKey` however often it is retried. */
export function postMarks(api: ApiClients, runId: string, marks: readonly MarkToPost[], idempotencyKey: string): Promise<BulkAttendanceResultView> {
  return answered(
    api['course-delivery'].POST('/runs/{runId}/attendance', {
      params: { path: { runId }, header: { 'Idempotency-Key': idempotencyKey } },
      body: {
        marks: marks.map(({ recordId, traineeId, sessionId, status, observedAt }) => ({ recordId, traineeId, sessionId, status, observedAt })),
      },
    }),
  );
}

export function loadHistory(api: ApiClients, runId: string, sessionId: string, traineeId: string): Promise<HistoryView> {
  return answered(api['course-delivery'].GET('/runs/{runId}/attendance/history', { params: { path: { runId }, query: { sessionId, traineeId } } }));
}

export function postCorrection(
  api: ApiClients,
  runId: string,
  correction: { sessionId: string; traineeId: string; newStatus: AttendanceStatus; reason: string },
): Promise<{ recorded: readonly string[] }> {
  return answered(api['course-delivery'].POST('/runs/{runId}/attendance/corrections', { params: { path: { runId } }, body: correction }));
}

export function postAssessment(
  api: ApiClients,
  runId: string,
  assessment: { traineeId: string; score: number; maxScore: number; passed: boolean },
): Promise<{ recorded: readonly string[] }> {
  return answered(api['course-delivery'].POST('/runs/{runId}/assessments', { params: { path: { runId } }, body: assessment }));
}
