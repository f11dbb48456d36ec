import { checkEventData, courseDeliveryContract } from '@training-ledger/contracts';
import fc from 'fast-check';
import { plainAttendance } from './attendance-reads';

const topic = courseDeliveryContract.topic;
const recorded = { runId: 'RUN-1', sessionId: 'S1', traineeId: 'T-1', status: 'present', observedAt: '2027-06-02T08:00:00+07:00', recordId: 'RUN-1/S1/T-1', postedBy: 'HVNG' };
const corrected = { runId: 'RUN-1', sessionId: 'S1', traineeId: 'T-1', previousStatus: 'absent', newStatus: 'excused', correctedBy: 'programme-office' };

/** A value near or past the bounds of the contract's fields, or of another type. */
const anyValue = fc.oneof(
  fc.constantFrom('present', 'late', 'absent', 'excused', 'Present', '', 'x'.repeat(128), 'x'.repeat(129), '2027-02-29', '2028-02-29', '2027-06-02', '2027-06-02T08:00:00Z', '2027-06-02T08:00:00.123+07:00', '2027-06-02 08:00', 'T-1'),
  fc.string({ maxLength: 140 }),
  fc.integer(),
  fc.constant(null),
  fc.boolean(),
  fc.array(fc.string(), { maxLength: 2 }),
);

/** The data of a mark or correction, changed field by field: removed, replaced, added. */
const changed = (base: Record<string, unknown>) =>
  fc
    .array(fc.tuple(fc.constantFrom(...Object.keys(base), 'sessionDate', 'unlisted'), fc.option(anyValue, { nil: undefined }), fc.boolean()), { maxLength: 3 })
    .map((changes) => {
      const data: Record<string, unknown> = { ...base };
      for (const [field, value, remove] of changes) {
        if (remove && value === undefined) delete data[field];
        else if (value !== undefined) data[field] = value;
      }
      return data;
    });

describe('marks and corrections read without the schema parser', () => {
  it('reads plain data as it is, and leaves the rest to the contract’s schema, which gives the same answer', () => {
    expect(plainAttendance(topic, 'AttendanceRecorded.v1', recorded)).toBe(recorded);
    expect(plainAttendance(topic, 'AttendanceCorrected.v1', { ...corrected, sessionDate: '2027-06-01' })).toEqual({ ...corrected, sessionDate: '2027-06-01' });
    expect(plainAttendance(topic, 'AttendanceRecorded.v1', { ...recorded, extra: 1 })).toBeUndefined();
    expect(plainAttendance('enrolment.events.v1', 'AttendanceRecorded.v1', recorded)).toBeUndefined();
    expect(plainAttendance(topic, 'CourseRunCompleted.v1', recorded)).toBeUndefined();
    const cases = fc.oneof(
      changed(recorded).map((data) => ({ type: 'AttendanceRecorded.v1', data })),
      changed(corrected).map((data) => ({ type: 'AttendanceCorrected.v1', data })),
    );
    fc.assert(
      fc.property(cases, ({ type, data }) => {
        const plain = plainAttendance(topic, type, data);
        const checked = checkEventData(topic, type, data);
        if (plain !== undefined) expect(checked).toEqual({ ok: true, data: plain });
        if (checked.ok && Object.keys(checked.data as object).length === Object.keys(data).length) expect(plain).toEqual(checked.data);
      }),
      { numRuns: 3_000 },
    );
  });
});
