import { courseDeliveryContract } from '@training-ledger/contracts';
import { applyUpdate, hasApplied, planWrites, type ProjectableEvent } from '@training-ledger/read-models';
import { courseRunEventTypes, type CourseRunEvent, type CourseRunView, evolveCourseRunView } from './course-run-view';
import {
  courseRunViewFromDocument,
  courseRunViewProjection,
  type StoredCourseRun,
} from './course-run-view.projection';

const runId = 'RUN-2027-ASEAN-02';

const scheduled: CourseRunEvent = {
  type: 'CourseRunScheduled.v1',
  data: {
    runId,
    courseId: 'ASEAN-201',
    courseCode: 'ASEAN-201',
    level: 'advanced',
    trainingGroup: 'expertise',
    format: 'in-person',
    providerInstitutionId: 'HVNG',
    hostAgencyId: 'QN',
    venue: 'Trường Chính trị tỉnh Quảng Ninh',
    startDate: '2027-09-06',
    endDate: '2027-09-10',
    nominationDeadline: '2027-08-20',
    capacity: 35,
    agencyQuotas: [
      { agencyId: 'QN', seats: 10 },
      { agencyId: 'BNG', seats: 5 },
    ],
    waitlistPolicy: 'flag-for-review',
    eligibleTargetGroups: ['regular', 'non-regular'],
    eligibleRanks: ['deputy-director-general', 'division-level'],
    completionRule: {
      ruleVersion: 2,
      minAttendanceShare: '0.9000',
      excusedCountsAsAttended: true,
      assessmentRequired: false,
      passMark: null,
    },
    sessions: [],
    lecturers: [],
  },
};

const rescheduled: CourseRunEvent = {
  type: 'CourseRunRescheduled.v1',
  data: {
    runId,
    startDate: '2027-10-04',
    endDate: '2027-10-08',
    nominationDeadline: '2027-09-17',
    capacity: 40,
    agencyQuotas: [{ agencyId: 'QN', seats: 12 }],
  },
};

const started: CourseRunEvent = { type: 'CourseRunStarted.v1', data: { runId, startedOn: '2027-10-04' } };
const cancelled: CourseRunEvent = { type: 'CourseRunCancelled.v1', data: { runId } };
const completed: CourseRunEvent = {
  type: 'CourseRunCompleted.v1',
  data: {
    runId,
    courseId: 'ASEAN-201',
    courseCode: 'ASEAN-201',
    level: 'advanced',
    trainingGroup: 'expertise',
    format: 'in-person',
    completedOn: '2027-10-08',
    sessionsHeld: ['S1', 'S2', 'S3'],
    hasForeignLecturer: false,
    hostAgencyId: 'QN',
    completionRule: scheduled.data.completionRule,
  },
};

/** Events of one course-delivery stream, at consecutive positions from 0. */
function delivered(events: readonly CourseRunEvent[]): ProjectableEvent[] {
  return events.map((event, position) => ({
    eventId: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
    type: event.type,
    data: event.data,
    metadata: {
      correlationId: 'c0ffee00-0000-4000-8000-000000000901',
      causationId: null,
      actor: { id: 'mofa-programme-office', roles: ['programme-admin'], agencyId: null },
      occurredAt: `2027-0${position + 1}-01T08:00:00.000Z`,
      recordedAt: `2027-0${position + 1}-01T08:00:00.100Z`,
    },
    source: { service: 'course-delivery', streamName: `course-run-${runId}`, streamPosition: BigInt(position) },
    feedPosition: { kind: 'kafka', topic: 'course-delivery.events.v1', partition: 0, offset: BigInt(position) },
  }));
}

/** Applies events the way the projector does: each write only if the document has not taken its position yet. */
function project(events: readonly ProjectableEvent[], documents = new Map<string, Record<string, unknown>>()) {
  for (const wave of planWrites(courseRunViewProjection, events).waves) {
    for (const write of wave) {
      const current = documents.get(write.id);
      if (current && hasApplied(current, write.sourceKey, write.encodedPosition)) continue;
      documents.set(write.id, applyUpdate(current ?? { _id: write.id }, write.update, current === undefined));
    }
  }
  return documents;
}

const storedRun = (documents: Map<string, Record<string, unknown>>) => documents.get(runId) as StoredCourseRun;
const projectedView = (events: readonly CourseRunEvent[]) => courseRunViewFromDocument(storedRun(project(delivered(events))));
const evolvedView = (events: readonly CourseRunEvent[]): CourseRunView | null => events.reduce(evolveCourseRunView, null);

describe('Read model of course runs (lớp bồi dưỡng) kept from course-delivery', () => {
  it('is fed only by course-delivery run events, every one of them', () => {
    expect([...courseRunViewProjection.eventTypes].sort()).toEqual([...courseRunEventTypes].sort());
    for (const event of [scheduled, rescheduled, started, cancelled, completed]) {
      expect(courseDeliveryContract.schemas[event.type].safeParse(event.data).success).toBe(true);
    }
  });

  it.each([
    ['scheduled', [scheduled]],
    ['rescheduled', [scheduled, rescheduled]],
    ['cancelled', [scheduled, cancelled]],
    ['cancelled after a rescheduling', [scheduled, rescheduled, cancelled]],
    ['started', [scheduled, started]],
    ['completed', [scheduled, rescheduled, started, completed]],
  ] as const)('gives the same view as the run view evolves to once %s', (_, events) => {
    const view = projectedView(events);
    expect(view).not.toBeNull();
    expect(view).toEqual(evolvedView(events));
  });

  it('keeps the end date from the scheduling, then from each rescheduling', () => {
    expect(storedRun(project(delivered([scheduled])))).toMatchObject({ endDate: '2027-09-10', scheduledAt: '2027-01-01T08:00:00.000Z' });
    expect(storedRun(project(delivered([scheduled, rescheduled])))).toMatchObject({ endDate: '2027-10-08' });
  });

  it('knows no run whose scheduling has not arrived, as the run view does not', () => {
    expect(evolvedView([started])).toBeNull();
    const documents = project(delivered([started]));
    expect(documents.has(runId)).toBe(true);
    expect(courseRunViewFromDocument(storedRun(documents))).toBeNull();
  });

  it('changes nothing when a message is delivered again, even one older than the last applied', () => {
    const events = delivered([scheduled, rescheduled, cancelled]);
    const documents = project(events);
    const before = structuredClone(storedRun(documents));
    project([events[0]!, events[1]!, events[2]!], documents);
    project([events[0]!], documents);
    expect(storedRun(documents)).toEqual(before);
    expect(courseRunViewFromDocument(storedRun(documents))).toMatchObject({ status: 'cancelled', capacity: 40 });
  });
});
