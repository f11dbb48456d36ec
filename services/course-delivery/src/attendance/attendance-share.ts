import type { AttendanceStatus } from '@training-ledger/contracts';
import type { TimetabledSession } from '../course-runs/course-run.decider';

export interface AttendanceShare {
  readonly sessionsHeld: number;
  readonly sessionsAttended: number;
  /** Present or late over sessions held, a decimal with four places as completion rules state shares. */
  readonly share: string;
}

/**
 * A trainee's attendance over the sessions held so far: those not cancelled that have started by
 * `now`. Excused absences are not attended here; whether they count is the completion rule's call.
 */
export function attendanceShare(
  sessions: readonly TimetabledSession[],
  marks: readonly { readonly sessionId: string; readonly status: AttendanceStatus }[],
  now: number,
): AttendanceShare {
  const held = new Set(
    sessions.filter((session) => !session.cancelled && Date.parse(session.startsAt) <= now).map((session) => session.sessionId),
  );
  const attended = new Set(
    marks.filter((mark) => held.has(mark.sessionId) && (mark.status === 'present' || mark.status === 'late')).map((mark) => mark.sessionId),
  );
  return { sessionsHeld: held.size, sessionsAttended: attended.size, share: fourPlaces(attended.size, held.size) };
}

/** attended / held rounded half up to four places, in integers so that no float rounding creeps in. */
export function fourPlaces(attended: number, held: number): string {
  if (held === 0) return '0.0000';
  const tenThousandths = Math.floor((attended * 20_000 + held) / (2 * held));
  return `${Math.floor(tenThousandths / 10_000)}.${String(tenThousandths % 10_000).padStart(4, '0')}`;
}
