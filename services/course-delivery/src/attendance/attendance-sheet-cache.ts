import { StreamStateCache } from '@training-ledger/event-store';
import type { AttendanceSheetState } from './attendance-sheet.decider';

/** About 12 runs of national size: a run of 400 trainees over 30 sessions has 12,000 marks. */
export const SHEET_MARKS_CACHED = 150_000;

/**
 * Folded attendance sheets for the postings to come. A sheet holds every mark of its run, so the
 * cache is bounded by marks, not by runs: a ministry's whole history would otherwise stay in memory.
 */
export const newAttendanceSheetCache = (maxMarks = SHEET_MARKS_CACHED): StreamStateCache<AttendanceSheetState> =>
  new StreamStateCache<AttendanceSheetState>({ weigh: (state) => state.sheet.markCount, maxWeight: maxMarks });
