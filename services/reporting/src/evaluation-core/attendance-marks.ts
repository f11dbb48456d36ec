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
 * Each slot holds the mark's place in the log (1-based, 0 for none) and its status, in typed arrays.
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
  private places = new Uint32Array(SLOTS << 10);
  private codes = new Uint8Array(SLOTS << 10);
  /** Set once `attended` has read the marks: their tables are let go, the largest part of a fold's memory. */
  private settled = false;

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
    if ((mark + 1) * SLOTS > this.places.length) {
      this.places = grown(this.places, (mark + 1) * SLOTS);
      this.codes = grown(this.codes, (mark + 1) * SLOTS);
    }
    this.places[mark * SLOTS + slot] = place;
    this.codes[mark * SLOTS + slot] = statusCode(status);
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
    this.places = new Uint32Array(0);
    this.codes = new Uint8Array(0);
    return attended;
  }

  /** `date` is the timetable's date of the mark's session, looked up only when marks are dated by the timetable. */
  private finalStatus(mark: number, date: string | undefined): string | undefined {
    const at = mark * SLOTS;
    let candidates = RECORDED_ONLY;
    if (this.byTimetable) candidates = date === undefined ? UNTIMETABLED : date <= this.asOf ? TIMETABLED_BY_AS_OF : TIMETABLED_LATER;
    let latest = 0;
    let code = -1;
    for (const slot of candidates) {
      if (this.places[at + slot] > latest) {
        latest = this.places[at + slot];
        code = this.codes[at + slot];
      }
    }
    return code < 0 ? undefined : statuses[code];
  }
}

function statusCode(status: string): number {
  const code = statuses.indexOf(status as (typeof statuses)[number]);
  if (code < 0) throw new RangeError(`attendance status ${status} is not one of ${statuses.join(', ')}`);
  return code;
}
