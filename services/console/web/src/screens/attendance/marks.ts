import type { AttendanceStatus, AttendanceSheetView, SessionView } from './views';

/** A mark the grid is about to post, keyed by its cell. */
export interface DraftMark {
  readonly sessionId: string;
  readonly traineeId: string;
  readonly status: AttendanceStatus;
}

export interface MarkToPost extends DraftMark {
  readonly recordId: string;
  readonly observedAt: string;
}

const MAX_IDENTIFIER = 128;

export const cellKey = (sessionId: string, traineeId: string): string => JSON.stringify([sessionId, traineeId]);

/** The recorded status of every cell of the sheet, by `cellKey`. */
export function recordedStatuses(sheet: Pick<AttendanceSheetView, 'entries'>): ReadonlyMap<string, AttendanceStatus> {
  return new Map(sheet.entries.map((entry) => [cellKey(entry.sessionId, entry.traineeId), entry.status]));
}

/**
 * One record id per cell, the same on every save: posting a cell again with the same content is then
 * a duplicate the service recognises, never a second mark. Within a run, a poster's ids need only
 * tell its cells apart.
 */
export function recordIdFor(sessionId: string, traineeId: string): string {
  const id = `${sessionId}|${traineeId}`;
  return id.length <= MAX_IDENTIFIER ? id : id.slice(id.length - MAX_IDENTIFIER);
}

/**
 * When the trainee was seen: now, while the session is on (or not yet begun, which the service
 * refuses); for a session already over, its start, as the roll is called when the class begins and
 * the console only types in the paper sheet afterwards.
 */
export function observedAtFor(session: Pick<SessionView, 'startsAt' | 'endsAt'>, now: Date): string {
  return now.getTime() <= Date.parse(session.endsAt) ? now.toISOString() : session.startsAt;
}

/** The marks to post, in the order given; a cell of a session the sheet does not hold is dropped. */
export function marksToPost(drafts: readonly DraftMark[], sessions: readonly SessionView[], now: Date): MarkToPost[] {
  const bySession = new Map(sessions.map((session) => [session.sessionId, session]));
  return drafts.flatMap((draft) => {
    const session = bySession.get(draft.sessionId);
    if (!session) return [];
    return [{ ...draft, recordId: recordIdFor(draft.sessionId, draft.traineeId), observedAt: observedAtFor(session, now) }];
  });
}
