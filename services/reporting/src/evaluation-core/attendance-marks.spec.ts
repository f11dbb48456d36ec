import fc from 'fast-check';
import { AttendanceMarks, MarkState } from './attendance-marks';

const SLOTS = 3;
const candidateSets: readonly (readonly number[])[] = [[2], [0, 2], [0, 1, 2], [0], [1], [0, 1], [1, 2]];

/** What the word replaces: each slot's place in the log and status, the latest place among the candidates winning. */
function latestByPlace(places: readonly number[], codes: readonly number[], candidates: readonly number[]): number {
  let latest = 0;
  let code = -1;
  for (const slot of candidates) {
    if (places[slot] > latest) {
      latest = places[slot];
      code = codes[slot];
    }
  }
  return code;
}

describe('a mark kept as one 16-bit word', () => {
  it('gives the status of the slot written last among any candidates, as places in the log would', () => {
    const write = fc.record({ slot: fc.integer({ min: 0, max: SLOTS - 1 }), code: fc.integer({ min: 0, max: 3 }) });
    fc.assert(
      fc.property(fc.array(write, { maxLength: 12 }), (writes) => {
        let state = 0;
        const places = [0, 0, 0];
        const codes = [0, 0, 0];
        const byWord: number[] = [];
        const byPlace: number[] = [];
        writes.forEach(({ slot, code }, index) => {
          state = MarkState.written(state, slot, code);
          places[slot] = index + 1;
          codes[slot] = code;
          byWord.push(state < 1 << 16 ? 1 : 0, ...candidateSets.map((candidates) => MarkState.latestCode(state, candidates)));
          byPlace.push(1, ...candidateSets.map((candidates) => latestByPlace(places, codes, candidates)));
        });
        expect(byWord).toEqual(byPlace);
      }),
      { numRuns: 2_000 },
    );
  });

  it('refuses a mark that does not come after the last one recorded', () => {
    const marks = new AttendanceMarks('2028-12-31', true);
    marks.record(5, 'RUN-1', 'S1', 'T-1', 'present', { sessionDate: '2028-01-02', recordedOn: '2028-01-02' });
    expect(() => marks.record(5, 'RUN-1', 'S2', 'T-1', 'present', { sessionDate: '2028-01-03', recordedOn: '2028-01-03' })).toThrow(RangeError);
  });

  it('settles the final status of each mark from its latest slot', () => {
    const marks = new AttendanceMarks('2028-12-31', true);
    const undated = (recordedOn: string) => ({ sessionDate: undefined, recordedOn });
    // Recorded before the as-of date, then corrected after it without a date: the timetable decides which stands.
    marks.record(1, 'RUN-1', 'S1', 'T-1', 'absent', undated('2028-06-01'));
    marks.record(2, 'RUN-1', 'S1', 'T-1', 'present', undated('2029-02-01'));
    marks.record(3, 'RUN-1', 'S1', 'T-2', 'late', { sessionDate: '2028-06-01', recordedOn: '2028-06-01' });
    marks.record(4, 'RUN-1', 'S1', 'T-3', 'present', { sessionDate: '2029-01-05', recordedOn: '2029-01-05' });
    const attended = marks.attended(
      (runId) => runId,
      () => true,
      () => '2028-06-01',
    );
    expect(attended).toEqual([
      { run: 'RUN-1', traineeId: 'T-1' },
      { run: 'RUN-1', traineeId: 'T-2' },
    ]);
  });
});
