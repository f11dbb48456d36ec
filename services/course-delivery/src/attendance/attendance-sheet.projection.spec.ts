import { type AttendanceStatus, courseDeliveryContract } from '@training-ledger/contracts';
import { applyUpdate, hasApplied, planWrites, type ProjectableEvent } from '@training-ledger/read-models';
import type { AttendanceSheetEvent } from './attendance-sheet.decider';
import { attendanceCellId, type AttendanceSheetEntry, attendanceSheetProjection } from './attendance-sheet.projection';
import { attendanceCellView, attendanceHistory } from './attendance-sheet.queries';

const runId = 'RUN-2027-NEG-01';
const metadata = {
  correlationId: 'c0ffee00-0000-4000-8000-000000000801',
  actor: { id: 'hvng-attendance-system', roles: ['institution-integration'] },
  occurredAt: '2027-05-10T02:00:00.000Z',
};
const recorded = (traineeId: string, sessionId: string, status: 'present' | 'absent'): AttendanceSheetEvent => ({
  type: 'AttendanceRecorded.v1',
  data: {
    runId,
    sessionId,
    traineeId,
    status,
    observedAt: '2027-05-10T08:05:00+07:00',
    recordId: `${traineeId}/${sessionId}`,
    postedBy: 'hvng-attendance-system',
  },
  metadata,
});
type StatusChange = { previousStatus: AttendanceStatus; newStatus: AttendanceStatus; reason: string };
const corrected = (
  traineeId: string,
  sessionId: string,
  change: StatusChange = { previousStatus: 'absent', newStatus: 'excused', reason: 'Summoned to a ministry meeting' },
): AttendanceSheetEvent => ({
  type: 'AttendanceCorrected.v1',
  data: { runId, sessionId, traineeId, ...change, correctedBy: 'mofa-programme-office' },
  metadata,
});

function logged(events: readonly AttendanceSheetEvent[]): ProjectableEvent[] {
  return events.map((event, position) => ({
    eventId: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
    type: event.type,
    data: event.data,
    metadata: { ...metadata, causationId: null, agencyId: null, recordedAt: metadata.occurredAt },
    source: { service: 'course-delivery', streamName: `attendance-${runId}`, streamPosition: BigInt(position) },
    feedPosition: { kind: 'kafka', topic: 'course-delivery.events.v1', partition: 0, offset: BigInt(position) },
  }));
}

function project(events: readonly ProjectableEvent[], documents = new Map<string, Record<string, unknown>>()) {
  for (const wave of planWrites(attendanceSheetProjection, events).waves) {
    for (const write of wave) {
      const current = documents.get(write.id);
      if (current && hasApplied(current, write.sourceKey, write.encodedPosition)) continue;
      documents.set(write.id, applyUpdate(current ?? { _id: write.id }, write.update, current === undefined));
    }
  }
  return documents;
}

const cell = (documents: Map<string, Record<string, unknown>>, traineeId: string, sessionId: string) =>
  documents.get(attendanceCellId(runId, sessionId, traineeId)) as unknown as AttendanceSheetEntry | undefined;

describe('attendance sheet read model', () => {
  const events = [recorded('T1', 'S1', 'present'), recorded('T1', 'S2', 'absent'), recorded('T2', 'S1', 'absent'), corrected('T1', 'S2')];

  it('is fed by events the contract publishes', () => {
    for (const event of events) expect(courseDeliveryContract.schemas[event.type].safeParse(event.data).success).toBe(true);
  });

  it('holds one cell per session and trainee with the status in force', () => {
    const documents = project(logged(events));
    expect(documents.size).toBe(3);
    const view = (traineeId: string, sessionId: string) => attendanceCellView(cell(documents, traineeId, sessionId)!);
    expect(view('T1', 'S1')).toMatchObject({ status: 'present', corrected: false, correctedBy: null, correctionReason: null, recordId: 'T1/S1' });
    expect(view('T1', 'S2')).toMatchObject({
      status: 'excused',
      corrected: true,
      correctedBy: 'mofa-programme-office',
      correctionReason: 'Summoned to a ministry meeting',
      recordId: 'T1/S2',
    });
    expect(view('T2', 'S1')).toMatchObject({ status: 'absent', corrected: false });
  });

  it('stores a mark once: an uncorrected cell holds its fields and nothing else', () => {
    const { _v: appliedPositions, ...stored } = cell(project(logged(events)), 'T1', 'S1') as unknown as Record<string, unknown>;
    expect(appliedPositions).toBeDefined();
    expect(stored).toEqual({
      _id: attendanceCellId(runId, 'S1', 'T1'),
      runId,
      sessionId: 'S1',
      traineeId: 'T1',
      status: 'present',
      observedAt: '2027-05-10T08:05:00+07:00',
      recordId: 'T1/S1',
      postedBy: 'hvng-attendance-system',
      recordedAt: metadata.occurredAt,
    });
  });

  it('keeps a correction when the original mark is delivered again', () => {
    const stream = logged(events);
    const documents = project(stream);
    project([stream[1]!], documents);
    expect(attendanceCellView(cell(documents, 'T1', 'S2')!)).toMatchObject({ status: 'excused', corrected: true });
  });

  it("keeps each cell's mark and every correction as steps, oldest first, with who and when", () => {
    const secondCorrection = corrected('T1', 'S2', { previousStatus: 'excused', newStatus: 'present', reason: 'Signed in late' });
    const documents = project(logged([...events, secondCorrection]));
    expect(attendanceHistory(cell(documents, 'T1', 'S2')!)).toEqual([
      { kind: 'recorded', status: 'absent', previousStatus: null, by: 'hvng-attendance-system', recordedAt: metadata.occurredAt, observedAt: '2027-05-10T08:05:00+07:00', reason: null },
      { kind: 'corrected', status: 'excused', previousStatus: 'absent', by: 'mofa-programme-office', recordedAt: metadata.occurredAt, observedAt: null, reason: 'Summoned to a ministry meeting' },
      { kind: 'corrected', status: 'present', previousStatus: 'excused', by: 'mofa-programme-office', recordedAt: metadata.occurredAt, observedAt: null, reason: 'Signed in late' },
    ]);
    expect(attendanceCellView(cell(documents, 'T1', 'S2')!)).toMatchObject({ status: 'present', correctedBy: 'mofa-programme-office', correctionReason: 'Signed in late' });
    expect(attendanceHistory(cell(documents, 'T1', 'S1')!)).toHaveLength(1);
  });

  it('adds no step when a correction is delivered again', () => {
    const stream = logged(events);
    const documents = project(stream);
    project([stream[3]!], documents);
    expect(attendanceHistory(cell(documents, 'T1', 'S2')!).map((step) => step.kind)).toEqual(['recorded', 'corrected']);
  });

  it('still reads the cells of version 2, served while version 3 is rebuilt', () => {
    const history = [
      { kind: 'recorded', status: 'absent', previousStatus: null, by: 'hvng-attendance-system', recordedAt: metadata.occurredAt, observedAt: '2027-05-10T08:05:00+07:00', reason: null },
      { kind: 'corrected', status: 'excused', previousStatus: 'absent', by: 'mofa-programme-office', recordedAt: metadata.occurredAt, observedAt: null, reason: 'Summoned' },
    ] as const;
    const shown = {
      sessionId: 'S2',
      traineeId: 'T1',
      status: 'excused',
      observedAt: '2027-05-10T08:05:00+07:00',
      recordId: 'T1/S2',
      postedBy: 'hvng-attendance-system',
      corrected: true,
      correctedBy: 'mofa-programme-office',
      correctionReason: 'Summoned',
    } as const;
    const version2 = { ...shown, history };
    expect(attendanceCellView(version2)).toEqual(shown);
    expect(attendanceHistory(version2)).toEqual(history);
  });

  it('keeps cells of ids that contain separators apart', () => {
    expect(attendanceCellId(runId, 'S-1', 'T')).not.toBe(attendanceCellId(runId, 'S', '1-T'));
  });
});
