import { grown, Interned, TripleIndex } from './compact-sets';

/*
 * The final attendance mark of every (run, session, person), folded as the marks stream in.
 *
 * Whether a mark counts depends on its date, and under evaluation/2.0.0 a mark that carries no
 * session date is dated by the run's timetable, which may come later in the log than the mark. So
 * for each mark the table keeps the last mark (in log order) of each kind the date could turn out
 * to be, and settles which one stands once the whole log, timetable included, has been read:
 *
 *   dated     a mark carrying its session date, on or before the as-of date;
 *   undated   a mark without one: it counts, if the timetable dates its session on or before the
 *             as-of date, whatever day it was recorded;
 *   recorded  a mark without one, recorded on or before the as-of date: it counts if the timetable
 *             does not date its session (and, under 1.0.0, always: 1.0.0 dates marks by recording).
 *
 * Marks are recorded in log order, so the latest of a mark's slots is the one written last. Each
 * mark is therefore one 16-bit word (`MarkState`): each slot's status, and the order the slots were
 * last written in.
 */

const statuses = ['present', 'late', 'absent', 'excused'] as const;
const attendedStatuses: ReadonlySet<string> = new Set(['present', 'late']);

const enum Slot {
  Dated = 0,
  Undated = 1,
  Recorded = 2,
}
const SLOTS = 3;
/** The slots a mark's final status is chosen from, by what dates its session. */
const RECORDED_ONLY: readonly Slot[] = [Slot.Recorded];
const UNTIMETABLED: readonly Slot[] = [Slot.Dated, Slot.Recorded];
const TIMETABLED_BY_AS_OF: readonly Slot[] = [Slot.Dated, Slot.Undated, Slot.Recorded];
const TIMETABLED_LATER: readonly Slot[] = [Slot.Dated];

export interface MarkDating {
  /** The session date the mark carries, if any. */
  readonly sessionDate: string | undefined;
  readonly recordedOn: string;
}

export interface AttendedRun<Run> {
  readonly run: Run;
  readonly traineeId: string;
}

export class AttendanceMarks {
  private readonly runs = new Interned();
  private readonly sessions = new Interned();
  private readonly trainees = new Interned();
  private marks = new TripleIndex();
  private states = new Uint16Array(1 << 10);
  /** Set once `attended` has read the marks: their tables are let go, the largest part of a fold's memory. */
  private settled = false;
  private lastPlace = 0;

  /**
   * @param asOf the evaluation's as-of date
   * @param byTimetable false under 1.0.0: every mark is dated by the day it was recorded
   */
  constructor(
    private readonly asOf: string,
    private readonly byTimetable: boolean,
  ) {}

  /** A mark or correction, at its 1-based place in the log. */
  record(place: number, runId: string, sessionId: string, traineeId: string, status: string, dating: MarkDating): void {
    if (this.settled) throw new Error('Attendance marks were settled: no mark can be recorded after them');
    const slot = this.slotFor(dating);
    if (slot === null) return;
    const mark = this.marks.numberOf(this.runs.numberOf(runId), this.sessions.numberOf(sessionId), this.trainees.numberOf(traineeId));
    if (place <= this.lastPlace) throw new RangeError(`a mark at place ${place} does not come after the last one recorded, at place ${this.lastPlace}`);
    this.lastPlace = place;
    if (mark >= this.states.length) this.states = grown(this.states, mark + 1);
    this.states[mark] = MarkState.written(this.states[mark], slot, statusCode(status));
  }

  private slotFor({ sessionDate, recordedOn }: MarkDating): Slot | null {
    if (this.byTimetable && sessionDate !== undefined) return sessionDate <= this.asOf ? Slot.Dated : null;
    if (this.byTimetable) return recordedOn <= this.asOf ? Slot.Recorded : Slot.Undated;
    return recordedOn <= this.asOf ? Slot.Recorded : null;
  }

  /**
   * Distinct (run, person) with a final mark of present or late in a session the completed run
   * held, once the whole log has been read. Answered once: the marks are let go after it.
   */
  attended<Run>(
    completedRun: (runId: string) => Run | undefined,
    held: (run: Run, sessionId: string) => boolean,
    timetabled: (runId: string, sessionId: string) => string | undefined,
  ): AttendedRun<Run>[] {
    if (this.settled) throw new Error('Attendance marks were settled already');
    const attended: AttendedRun<Run>[] = [];
    const counted = new Set<number>();
    const trainees = this.trainees.values.length;
    const sessions = this.sessions.values.length;
    // Many marks share a (run, session): its timetabled date is looked up once.
    const dates = new Map<number, string | undefined>();
    const dateOf = (runNumber: number, sessionNumber: number): string | undefined => {
      const pair = runNumber * sessions + sessionNumber;
      if (dates.has(pair)) return dates.get(pair);
      const date = timetabled(this.runs.values[runNumber], this.sessions.values[sessionNumber]);
      dates.set(pair, date);
      return date;
    };
    for (let mark = 0; mark < this.marks.size; mark += 1) {
      const runNumber = this.marks.part(mark, 0);
      const sessionNumber = this.marks.part(mark, 1);
      const runId = this.runs.values[runNumber];
      const sessionId = this.sessions.values[sessionNumber];
      const status = this.finalStatus(mark, this.byTimetable ? dateOf(runNumber, sessionNumber) : undefined);
      if (status === undefined || !attendedStatuses.has(status)) continue;
      const run = completedRun(runId);
      if (run === undefined || !held(run, sessionId)) continue;
      const traineeNumber = this.marks.part(mark, 2);
      const learnerTime = this.marks.part(mark, 0) * trainees + traineeNumber;
      if (counted.has(learnerTime)) continue;
      counted.add(learnerTime);
      attended.push({ run, traineeId: this.trainees.values[traineeNumber] });
    }
    this.settled = true;
    this.marks = new TripleIndex();
    this.states = new Uint16Array(0);
    return attended;
  }

  /** `date` is the timetable's date of the mark's session, looked up only when marks are dated by the timetable. */
  private finalStatus(mark: number, date: string | undefined): string | undefined {
    let candidates = RECORDED_ONLY;
    if (this.byTimetable) candidates = date === undefined ? UNTIMETABLED : date <= this.asOf ? TIMETABLED_BY_AS_OF : TIMETABLED_LATER;
    const code = MarkState.latestCode(this.states[mark], candidates);
    return code < 0 ? undefined : statuses[code];
  }
}

/**
 * One mark as a 16-bit word: bits 0–8 hold each slot's status code plus one (0 where the slot was
 * never written), three bits a slot; bits 9–14 the slots in the order they were last written, most
 * recent first, two bits each (a free place holds 3, which names no slot).
 */
export const MarkState = {
  empty: 0b111111 << 9,

  written(state: number, slot: number, code: number): number {
    const withStatus = (state & ~(0b111 << (slot * 3))) | ((code + 1) << (slot * 3));
    const order = state === 0 ? MarkState.empty >> 9 : (state >> 9) & 0b111111;
    let reordered = slot;
    let places = 1;
    for (let at = 0; at < SLOTS; at += 1) {
      const written = (order >> (at * 2)) & 0b11;
      if (written === 3 || written === slot) continue;
      reordered |= written << (places * 2);
      places += 1;
    }
    for (; places < SLOTS; places += 1) reordered |= 0b11 << (places * 2);
    return (withStatus & 0b111111111) | (reordered << 9);
  },

  /** The status code of the slot written last among `candidates`; -1 when none was written. */
  latestCode(state: number, candidates: readonly number[]): number {
    for (let at = 0; at < SLOTS; at += 1) {
      const slot = (state >> (9 + at * 2)) & 0b11;
      if (slot === 3) return -1;
      if (candidates.includes(slot)) return ((state >> (slot * 3)) & 0b111) - 1;
    }
    return -1;
  },
} as const;

function statusCode(status: string): number {
  const code = statuses.indexOf(status as (typeof statuses)[number]);
  if (code < 0) throw new RangeError(`attendance status ${status} is not one of ${statuses.join(', ')}`);
  return code;
}
