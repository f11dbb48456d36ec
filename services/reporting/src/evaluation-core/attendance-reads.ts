import { attendanceStatuses, courseDeliveryContract, isCalendarDate, isoDateTime } from '@training-ledger/contracts';

/*
 * Marks and corrections are most of what an evaluation reads (two million of them in a national
 * programme). When their data is plainly within the contract (exactly its fields, each of its type
 * and bounds), it is read as it is, without the schema parser building a copy of it; anything else
 * is left to the contract's schema, which decides. `attendance-reads.spec.ts` holds the two to the
 * same answers.
 */

const identifierFields = {
  'AttendanceRecorded.v1': ['runId', 'sessionId', 'traineeId', 'recordId', 'postedBy'],
  'AttendanceCorrected.v1': ['runId', 'sessionId', 'traineeId', 'correctedBy'],
} as const;
const statusFields = {
  'AttendanceRecorded.v1': ['status'],
  'AttendanceCorrected.v1': ['previousStatus', 'newStatus'],
} as const;
const fieldCounts = { 'AttendanceRecorded.v1': 7, 'AttendanceCorrected.v1': 6 } as const;

type AttendanceType = keyof typeof fieldCounts;

const isIdentifier = (value: unknown): boolean => typeof value === 'string' && value.length >= 1 && value.length <= 128;
const statuses: readonly unknown[] = attendanceStatuses;

/** Marks come in runs of one observation instant: the last one found valid is not checked again. */
let lastObservedAt = '';
function isObservedAt(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  if (value === lastObservedAt) return true;
  if (!isoDateTime.safeParse(value).success) return false;
  lastObservedAt = value;
  return true;
}

/** The data, when it is plainly that of a mark or correction; undefined when the contract's schema must decide. */
export function plainAttendance(topic: string, type: string, data: unknown): Readonly<Record<string, unknown>> | undefined {
  if (topic !== courseDeliveryContract.topic || (type !== 'AttendanceRecorded.v1' && type !== 'AttendanceCorrected.v1')) return undefined;
  if (typeof data !== 'object' || data === null || Array.isArray(data) || Object.getPrototypeOf(data) !== Object.prototype) return undefined;
  const fields = data as Record<string, unknown>;
  const attendance = type as AttendanceType;
  let count = 0;
  for (const field in fields) {
    if (!Object.hasOwn(fields, field)) return undefined;
    count += 1;
  }
  const sessionDate = fields.sessionDate;
  if (sessionDate !== undefined) {
    if (typeof sessionDate !== 'string' || !isCalendarDate(sessionDate)) return undefined;
    count -= 1;
  }
  if (count !== fieldCounts[attendance]) return undefined;
  for (const field of identifierFields[attendance]) if (!isIdentifier(fields[field])) return undefined;
  for (const field of statusFields[attendance]) if (!statuses.includes(fields[field])) return undefined;
  if (attendance === 'AttendanceRecorded.v1' && !isObservedAt(fields.observedAt)) return undefined;
  return fields;
}
