import type { DraftMark } from './marks';
import { ATTENDANCE_STATUSES, type AttendanceStatus } from './views';

/** The first header cell of the spreadsheet; the others are session ids. */
export const TRAINEE_COLUMN = 'traineeId';

/** Words a spreadsheet may hold for each status: the code, and the Vietnamese and English labels. */
const STATUS_WORDS: Readonly<Record<AttendanceStatus, readonly string[]>> = {
  present: ['present', 'có mặt', 'co mat'],
  late: ['late', 'đi muộn', 'di muon', 'muộn'],
  absent: ['absent', 'vắng', 'vang', 'vắng không phép'],
  excused: ['excused', 'vắng có phép', 'vang co phep', 'có phép'],
};

const statusByWord = new Map<string, AttendanceStatus>(
  ATTENDANCE_STATUSES.flatMap((status) => STATUS_WORDS[status].map((word) => [word.normalize('NFC'), status] as const)),
);

export function statusOfWord(word: string): AttendanceStatus | null {
  return statusByWord.get(word.trim().toLowerCase().normalize('NFC')) ?? null;
}

/** The grid as a plain table: a header of session ids, then one row per trainee with the status code in force, or empty. */
export function gridToTable(
  sessionIds: readonly string[],
  traineeIds: readonly string[],
  statusOf: (sessionId: string, traineeId: string) => AttendanceStatus | undefined,
): string[][] {
  return [
    [TRAINEE_COLUMN, ...sessionIds],
    ...traineeIds.map((traineeId) => [traineeId, ...sessionIds.map((sessionId) => statusOf(sessionId, traineeId) ?? '')]),
  ];
}

/** A mark read from the spreadsheet, with the line it came from (1 is the header). */
export interface ImportedMark extends DraftMark {
  readonly line: number;
}

export interface MalformedRow {
  readonly line: number;
  readonly reason: MalformedReason;
  readonly detail: string;
}

export type MalformedReason = 'header' | 'cell-count' | 'unknown-trainee' | 'repeated-trainee' | 'unknown-status';

export interface ImportedTable {
  readonly marks: readonly ImportedMark[];
  readonly malformed: readonly MalformedRow[];
}

/**
 * Reads a table in the shape `gridToTable` writes. A row that cannot be read whole is named and
 * left out; the other rows still give their marks. An empty cell gives no mark; blank lines are skipped.
 */
export function tableToMarks(rows: readonly (readonly string[])[], known: { sessionIds: readonly string[]; traineeIds: readonly string[] }): ImportedTable {
  const [header, ...body] = rows;
  const sessionIds = (header ?? []).slice(1).map((cell) => cell.trim());
  const unknownSessions = sessionIds.filter((sessionId) => !known.sessionIds.includes(sessionId));
  if (!header || header[0]?.trim() !== TRAINEE_COLUMN || sessionIds.length === 0 || unknownSessions.length > 0) {
    return { marks: [], malformed: [{ line: 1, reason: 'header', detail: unknownSessions.join(', ') || (header ?? []).join(',') }] };
  }
  const marks: ImportedMark[] = [];
  const malformed: MalformedRow[] = [];
  const seen = new Set<string>();
  for (const [index, row] of body.entries()) {
    const line = index + 2;
    if (row.every((cell) => cell.trim() === '')) continue;
    const read = readRow(row, line, sessionIds, known.traineeIds, seen);
    if ('reason' in read) malformed.push(read);
    else marks.push(...read);
  }
  return { marks, malformed };
}

function readRow(row: readonly string[], line: number, sessionIds: readonly string[], knownTrainees: readonly string[], seen: Set<string>): ImportedMark[] | MalformedRow {
  const traineeId = (row[0] ?? '').trim();
  if (row.length !== sessionIds.length + 1) return { line, reason: 'cell-count', detail: `${row.length}/${sessionIds.length + 1}` };
  if (!knownTrainees.includes(traineeId)) return { line, reason: 'unknown-trainee', detail: traineeId };
  if (seen.has(traineeId)) return { line, reason: 'repeated-trainee', detail: traineeId };
  seen.add(traineeId);
  const cells = row.slice(1).map((cell, column) => ({ sessionId: sessionIds[column] as string, word: cell.trim(), status: statusOfWord(cell) }));
  const unreadable = cells.filter(({ word, status }) => word !== '' && status === null);
  if (unreadable.length > 0) {
    return { line, reason: 'unknown-status', detail: unreadable.map(({ sessionId, word }) => `${sessionId}: ${word}`).join('; ') };
  }
  return cells.flatMap(({ sessionId, status }) => (status ? [{ line, sessionId, traineeId, status }] : []));
}
