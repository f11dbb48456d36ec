import { courseDeliveryContract, logSealSchemas } from '@training-ledger/contracts';
import type { RecordedEvent } from '@training-ledger/event-store';
import { withoutWithheld } from '@training-ledger/service-runtime';
import { publicationsBeforeAndAfter } from '@training-ledger/service-runtime/testing';
import {
  type Command,
  type Decider,
  decideEach,
  type DomainEvent,
  given,
  type MessageMetadata,
} from '@training-ledger/decider';
import {
  attendanceMarkCommands,
  type AttendanceRunView,
  attendanceSheetDecider,
  type AttendanceSheetEvent,
} from './attendance/attendance-sheet.decider';
import { runResultsDecider } from './attendance/run-results.decider';
import { courseDecider } from './catalogue/course.decider';
import { courseRunDecider } from './course-runs/course-run.decider';
import type { Session } from './course-runs/course-run.plan';
import type { ScheduleCourseRun } from './course-runs/course-run.state';
import { courseDeliveryPublishedEvents } from './published-events';

const metadata: MessageMetadata = {
  correlationId: 'c0ffee00-0000-4000-8000-000000000901',
  actor: { id: 'mofa-programme-office', roles: ['programme-admin'] },
  occurredAt: '2027-04-20T08:00:00.000Z',
};

/** Decides each command on the events decided so far, as the service does stream by stream. */
function play<TCommand extends Command, TEvent extends DomainEvent, TState>(
  decider: Decider<TCommand, TEvent, TState>,
  commands: readonly TCommand[],
): TEvent[] {
  const history: TEvent[] = [];
  for (const command of commands) {
    const outcome = given(decider, history).when(command);
    if ('violation' in outcome) throw new Error(`${command.type} broke ${outcome.violation.rule}`);
    history.push(...outcome.events);
  }
  return history;
}

const courseEvents = play(courseDecider, [
  {
    type: 'DefineCourse',
    data: {
      courseId: 'ASEAN-201',
      code: 'ASEAN-201',
      titleVi: 'Đàm phán trong khuôn khổ ASEAN',
      titleEn: 'Negotiating within ASEAN',
      trainingGroup: 'expertise',
      level: 'sector-specific',
      sector: 'ASEAN',
      requirementGroups: ['expertise', 'skills-and-style'],
      format: 'in-person',
      lengthDays: 3,
      lengthHours: 24,
      languages: ['vi', 'en'],
      eligibleTargetGroups: ['regular'],
      eligibleRanks: ['deputy-director-general', 'division-level', 'specialist'],
      completionRule: {
        minAttendanceShare: '0.8000',
        excusedCountsAsAttended: false,
        assessmentRequired: false,
        passMark: null,
      },
    },
    metadata,
  },
  {
    type: 'VersionCompletionRule',
    data: {
      courseId: 'ASEAN-201',
      completionRule: {
        minAttendanceShare: '0.7500',
        excusedCountsAsAttended: true,
        assessmentRequired: true,
        passMark: 60,
      },
    },
    metadata,
  },
]);

const definedCourse = courseEvents[0]!;
if (definedCourse.type !== 'CourseDefined.v1') throw new Error('The course was not defined');
const ruleInForce = courseEvents[1]!.data.completionRule;

const session = (sessionId: string, date: string): Session => ({
  sessionId,
  date,
  startsAt: `${date}T08:00:00+07:00`,
  endsAt: `${date}T11:30:00+07:00`,
});
const runId = 'RUN-2027-ASEAN-01';
const aseanRun: ScheduleCourseRun['data'] = {
  runId,
  course: { ...definedCourse.data, completionRule: ruleInForce },
  providerInstitutionId: 'DAV',
  hostAgencyId: 'HN',
  venue: 'Hội trường UBND thành phố Hà Nội',
  startDate: '2027-05-10',
  endDate: '2027-05-12',
  nominationDeadline: '2027-04-25',
  capacity: 40,
  agencyQuotas: [{ agencyId: 'HN', seats: 10 }],
  waitlistPolicy: 'flag-for-review',
  sessions: [session('S1', '2027-05-10'), session('S2', '2027-05-11')],
  lecturers: [{ lecturerId: 'L-01', name: 'Trần Thị Bình', origin: 'vietnamese', affiliation: null }],
};

const runEvents = play(courseRunDecider, [
  { type: 'ScheduleCourseRun', data: aseanRun, metadata },
  {
    type: 'RescheduleCourseRun',
    data: {
      runId,
      startDate: '2027-05-10',
      endDate: '2027-05-12',
      nominationDeadline: '2027-04-28',
      capacity: 35,
      agencyQuotas: [],
    },
    metadata,
  },
  { type: 'AddSession', data: { runId, session: session('S3', '2027-05-12') }, metadata },
  { type: 'CancelSession', data: { runId, sessionId: 'S2', reason: 'Typhoon warning' }, metadata },
  {
    type: 'AssignLecturer',
    data: {
      runId,
      lecturer: { lecturerId: 'L-02', name: 'Kim Soo-jin', origin: 'foreign', affiliation: 'ASEAN Secretariat' },
    },
    metadata,
  },
  { type: 'StartCourseRun', data: { runId, today: '2027-05-10' }, metadata },
  { type: 'CompleteCourseRun', data: { runId, today: '2027-05-12' }, metadata },
]);

const cancelledRunEvents = play(courseRunDecider, [
  { type: 'ScheduleCourseRun', data: { ...aseanRun, runId: 'RUN-2027-ASEAN-02' }, metadata },
  { type: 'CancelCourseRun', data: { runId: 'RUN-2027-ASEAN-02', reason: 'Too few nominations' }, metadata },
]);

const heldRun: AttendanceRunView = {
  status: 'completed',
  sessions: [
    { ...session('S1', '2027-05-10'), cancelled: false },
    { ...session('S2', '2027-05-11'), cancelled: true },
    { ...session('S3', '2027-05-12'), cancelled: false },
  ],
};
const posted = decideEach(
  attendanceSheetDecider,
  attendanceSheetDecider.initialState(),
  attendanceMarkCommands({
    type: 'RecordAttendance',
    data: {
      runId,
      postedBy: 'svc:dav-attendance',
      run: heldRun,
      approvedTrainees: ['T-0001', 'T-0002'],
      toleranceMinutes: 15,
      marks: [
        {
          recordId: 'DAV-1',
          traineeId: 'T-0001',
          sessionId: 'S1',
          status: 'present',
          observedAt: '2027-05-10T07:55:00+07:00',
        },
        {
          recordId: 'DAV-2',
          traineeId: 'T-0002',
          sessionId: 'S1',
          status: 'absent',
          observedAt: '2027-05-10T11:30:00+07:00',
        },
      ],
    },
    metadata,
  }),
);
const correction = given(attendanceSheetDecider, posted.events).when({
  type: 'CorrectAttendance',
  data: {
    runId,
    sessionId: 'S1',
    traineeId: 'T-0002',
    newStatus: 'excused',
    correctedBy: 'mofa-programme-office',
    reason: 'Medical certificate received',
  },
  metadata,
});
if (!('events' in correction)) throw new Error(`The correction broke ${correction.violation.rule}`);
const attendanceEvents: readonly AttendanceSheetEvent[] = [...posted.events, ...correction.events];

const resultEvents = play(runResultsDecider, [
  {
    type: 'RecordAssessment',
    data: {
      runId,
      traineeId: 'T-0001',
      score: 8.5,
      maxScore: 10,
      passed: true,
      passMark: null,
      runStatus: 'completed',
      approvedTrainees: ['T-0001'],
    },
    metadata,
  },
  {
    type: 'SubmitFeedback',
    data: {
      runId,
      feedbackId: 'FB-HN-1',
      from: 'agency',
      agencyId: 'HN',
      ratings: { content: 5, lecturers: 5, organisation: 4 },
      comment: null,
      runStatus: 'completed',
    },
    metadata,
  },
]);

const decided: readonly DomainEvent[] = [
  ...courseEvents,
  ...runEvents,
  ...cancelledRunEvents,
  ...attendanceEvents,
  ...resultEvents,
];
const schemas: Readonly<Record<string, { parse(data: unknown): unknown }>> = courseDeliveryContract.schemas;

describe('Domain events of course-delivery, as the relay publishes them on course-delivery.events.v1', () => {
  const decidedTypes = [...new Set(decided.map((event) => event.type))];

  it.each(decidedTypes)('%s passes its contract schema unchanged but for the free text it withholds', (type) => {
    // Equal after parsing means no field would be stripped: nothing is published that the contract does not name.
    for (const event of decided.filter((candidate) => candidate.type === type)) {
      const publishable = withoutWithheld(courseDeliveryContract, type, event.data);
      expect(schemas[type]!.parse(publishable)).toEqual(publishable);
    }
  });

  it('publishes no free text: every reason and comment stays in course-delivery’s log', () => {
    const publish = courseDeliveryPublishedEvents;
    const withFreeText = decided.filter((event) => courseDeliveryContract.withheld[event.type] !== undefined);
    expect(withFreeText.length).toBeGreaterThan(0);
    for (const event of withFreeText) {
      const fields = courseDeliveryContract.withheld[event.type]!;
      expect(fields.some((field) => field in (event.data as object))).toBe(true);
      const publication = publish({ type: event.type, data: event.data } as RecordedEvent);
      for (const field of fields) expect(publication?.data).not.toHaveProperty(field);
    }
  });

  it('covers every event type the contract names', () => {
    // Seals of the log are published too, but no decider decides them.
    expect(new Set(decidedTypes)).toEqual(new Set(Object.keys(schemas).filter((type) => !Object.hasOwn(logSealSchemas, type))));
  });

  it('has no private events: every event course-delivery decides is published', () => {
    expect(decided.filter((event) => !(event.type in schemas)).map((event) => event.type)).toEqual([]);
  });
});

describe('course-delivery’s gateway, against publishing by the contract’s names', () => {
  it('publishes every shape of every event the log may hold in the bytes the contract’s names published', () => {
    const { before, after, publishedTypes, setAside } = publicationsBeforeAndAfter(courseDeliveryContract, courseDeliveryPublishedEvents, decided);
    expect(after).toEqual(before);
    expect(publishedTypes).toEqual(new Set(Object.keys(courseDeliveryContract.schemas)));
    expect(setAside).toBeGreaterThan(0);
  });
});
