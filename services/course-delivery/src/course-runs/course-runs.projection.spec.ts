import { globalPosition } from '@training-ledger/event-store';
import { applyUpdate, type ProjectableEvent } from '@training-ledger/read-models';
import type { CourseRunEvent, CourseRunScheduled } from './course-run.state';
import { courseRunsProjection } from './course-runs.projection';

const scheduled: CourseRunScheduled['data'] = {
  runId: 'R1',
  courseId: 'NV-DP-01',
  courseCode: 'NV-DP-01',
  level: 'advanced',
  trainingGroup: 'expertise',
  format: 'in-person',
  providerInstitutionId: 'HVNG',
  hostAgencyId: 'BTP',
  venue: 'Hà Nội',
  startDate: '2027-03-15',
  endDate: '2027-03-16',
  nominationDeadline: '2027-03-01',
  capacity: 20,
  agencyQuotas: [],
  waitlistPolicy: 'auto-approve',
  eligibleTargetGroups: ['regular'],
  eligibleRanks: ['specialist'],
  completionRule: { ruleVersion: 1, minAttendanceShare: '0.8000', excusedCountsAsAttended: true, assessmentRequired: false, passMark: null },
  sessions: [{ sessionId: 'S1', date: '2027-03-15', startsAt: '2027-03-15T08:00:00+07:00', endsAt: '2027-03-15T11:00:00+07:00' }],
  lecturers: [],
};

function projected(events: ReadonlyArray<Pick<CourseRunEvent, 'type' | 'data'>>): Record<string, Record<string, unknown>> {
  const documents: Record<string, Record<string, unknown>> = {};
  events.forEach((event, index) => {
    const projectable: ProjectableEvent = {
      eventId: `e${index}`,
      type: event.type,
      data: event.data,
      metadata: {
        correlationId: 'c',
        causationId: null,
        actor: { id: 'admin', roles: ['programme-admin'] },
        occurredAt: `2027-03-0${index + 1}T01:00:00.000Z`,
        recordedAt: `2027-03-0${index + 1}T01:00:00.000Z`,
      },
      source: { service: 'course-delivery', streamName: 'course-run-R1', streamPosition: BigInt(index) },
      feedPosition: { kind: 'event-log', globalPosition: globalPosition(1n, BigInt(index)) },
    };
    for (const operation of courseRunsProjection.operationsFor(projectable)) {
      const existing = documents[operation.id];
      documents[operation.id] = applyUpdate(existing ?? { _id: operation.id }, { ...operation.update }, existing === undefined);
    }
  });
  return documents;
}

describe('the course-runs read model', () => {
  it('keeps a cancelled session in the timetable and lists its cancellation beside it', () => {
    const session2 = { sessionId: 'S2', date: '2027-03-16', startsAt: '2027-03-16T08:00:00+07:00', endsAt: '2027-03-16T11:00:00+07:00' };
    const { R1: run } = projected([
      { type: 'CourseRunScheduled.v1', data: scheduled },
      { type: 'SessionAdded.v1', data: { runId: 'R1', session: session2 } },
      { type: 'SessionCancelled.v1', data: { runId: 'R1', sessionId: 'S1', reason: 'storm' } },
    ]);
    expect(run.sessions).toEqual([scheduled.sessions[0], session2]);
    expect(run.sessionCancellations).toEqual([{ sessionId: 'S1', reason: 'storm', cancelledAt: '2027-03-03T01:00:00.000Z' }]);
    expect(run.status).toBe('scheduled');
  });

  it('follows the run through rescheduling, a new lecturer, start and completion', () => {
    const lecturer = { lecturerId: 'L1', name: 'Maria Santos', origin: 'foreign' as const, affiliation: null };
    const { R1: run } = projected([
      { type: 'CourseRunScheduled.v1', data: scheduled },
      {
        type: 'CourseRunRescheduled.v1',
        data: { runId: 'R1', startDate: '2027-03-15', endDate: '2027-03-17', nominationDeadline: '2027-03-05', capacity: 25, agencyQuotas: [{ agencyId: 'BTP', seats: 5 }] },
      },
      { type: 'LecturerAssigned.v1', data: { runId: 'R1', lecturer } },
      { type: 'CourseRunStarted.v1', data: { runId: 'R1', startedOn: '2027-03-15' } },
      {
        type: 'CourseRunCompleted.v1',
        data: {
          runId: 'R1',
          courseId: 'NV-DP-01',
          courseCode: 'NV-DP-01',
          level: 'advanced',
          trainingGroup: 'expertise',
          format: 'in-person',
          completedOn: '2027-03-17',
          sessionsHeld: ['S1'],
          hasForeignLecturer: true,
          hostAgencyId: 'BTP',
          completionRule: scheduled.completionRule,
        },
      },
    ]);
    expect(run).toMatchObject({
      endDate: '2027-03-17',
      nominationDeadline: '2027-03-05',
      capacity: 25,
      agencyQuotas: [{ agencyId: 'BTP', seats: 5 }],
      lecturers: [lecturer],
      status: 'completed',
      startedOn: '2027-03-15',
      completedOn: '2027-03-17',
      sessionsHeld: ['S1'],
      hasForeignLecturer: true,
    });
  });

  it('marks a cancelled run with its reason', () => {
    const { R1: run } = projected([
      { type: 'CourseRunScheduled.v1', data: scheduled },
      { type: 'CourseRunCancelled.v1', data: { runId: 'R1', reason: 'too few nominations' } },
    ]);
    expect(run).toMatchObject({ status: 'cancelled', cancellationReason: 'too few nominations' });
  });
});
