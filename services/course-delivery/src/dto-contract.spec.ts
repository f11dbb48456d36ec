import type { AuthenticatedActor } from '@training-ledger/auth';
import {
  attendanceStatuses,
  courseFormats,
  courseLevels,
  ranks,
  requirementGroups,
  targetGroups,
  trainingGroups,
} from '@training-ledger/contracts';
import { decideEach, DomainRuleViolation, fold, type MessageMetadata } from '@training-ledger/decider';
import { commandMetadata } from '@training-ledger/platform';
import {
  appendedTo,
  assertAcceptedBodiesPublish,
  bodyOf,
  booleanValue,
  calendarDateText,
  identifierText,
  instantText,
  listOf,
  nested,
  numberValue,
  merged,
  nullable,
  oneOfValues,
  programmeDay,
  text,
  values,
  writtenInstant,
  type DtoContractCase,
  type Values,
} from '@training-ledger/service-runtime/testing';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import {
  AttendanceCorrectionsDto,
  CorrectAttendanceDto,
  PostAttendanceDto,
  RecordAssessmentDto,
  RecordAssessmentsDto,
  SubmitFeedbackDto,
} from './attendance/attendance-requests.dto';
import { attendanceMarkCommands, type AttendanceRunView, attendanceSheetDecider, attendanceSheetStreamName } from './attendance/attendance-sheet.decider';
import { correctAttendanceCommand, recordAssessmentCommand, recordAttendanceCommand, submitFeedbackCommand } from './attendance/attendance.service';
import { runResultsDecider, runResultsStreamName } from './attendance/run-results.decider';
import { courseDecider, type CourseEvent, courseStreamName } from './catalogue/course.decider';
import { defineCourseCommand, DefineCourseDto, versionCompletionRuleCommand, VersionCompletionRuleDto } from './catalogue/course.dto';
import { courseRunDecider } from './course-runs/course-run.decider';
import type { ScheduledCourse } from './course-runs/course-run.plan';
import { type CourseRun, type CourseRunEvent, type CourseRunState, courseRunStreamName } from './course-runs/course-run.state';
import {
  addSessionCommand,
  assignLecturerCommand,
  CancellationDto,
  cancelCourseRunCommand,
  cancelSessionCommand,
  LecturerDto,
  rescheduleCourseRunCommand,
  RunDatesDto,
  scheduleCourseRunCommand,
  ScheduleCourseRunDto,
  SessionDto,
} from './course-runs/course-run.dto';
import { courseDeliveryPublishedEvents } from './published-events';

const office: AuthenticatedActor = { id: 'mofa-programme-office', roles: ['programme-admin'], agencyId: null };
const academySystem: AuthenticatedActor = { id: 'svc:dav-attendance', roles: ['institution-integration'], agencyId: null, institutionId: 'DAV' };
const metadataOf = (actor: AuthenticatedActor): MessageMetadata => commandMetadata(actor, randomUUID());

async function expectPublishable<TDto>(testCase: DtoContractCase<TDto>) {
  const tally = await assertAcceptedBodiesPublish('course-delivery', courseDeliveryPublishedEvents, testCase);
  expect(tally.published).toBeGreaterThan(0);
}

const id = (...examples: [string, ...string[]]) => identifierText(128, fc.constantFrom(...examples));
const reason = text([1, 1000], fc.constantFrom('Giảng viên ốm — lecturer taken ill', 'Typhoon warning for Hà Nội'));
const share = values(fc.constantFrom('0.8000', '1.0000', '0.0000', '0.7500'), fc.oneof(text([6]).odd, fc.constantFrom('0.8', '1.0001', '0,8000', 0.8)));
const dayAfter = (day: string, days: number) => new Date(Date.parse(day) + days * 86_400_000).toISOString().slice(0, 10);

/** A pass mark exactly when an assessment is required, as a rule that hangs together has it. */
const assessment: Values = {
  realistic: fc.oneof(
    fc.record({ assessmentRequired: fc.constant(true), passMark: fc.integer({ min: 0, max: 100 }) }),
    fc.record({ assessmentRequired: fc.constant(false), passMark: fc.constant(null) }),
  ),
  odd: bodyOf({ assessmentRequired: booleanValue, passMark: nullable(numberValue({ min: 0, max: 100 })) }).odd,
  leaves: 2,
};
const completionRule = merged(bodyOf({ minAttendanceShare: share, excusedCountsAsAttended: booleanValue }), assessment);

/** The day the sessions of a scheduled run are held on. */
const sessionDay = '2027-05-10';
/** Dates that hang together: the nomination deadline, then the first day, then the last, the session day between them. */
const runDates: Values = {
  realistic: fc
    .tuple(fc.nat(10), fc.nat(20), fc.nat(40))
    .map(([before, after, notice]) => ({ startDate: dayAfter(sessionDay, -before), endDate: dayAfter(sessionDay, after), nominationDeadline: dayAfter(sessionDay, -before - notice) })),
  odd: bodyOf({ startDate: calendarDateText(), endDate: calendarDateText(), nominationDeadline: calendarDateText() }).odd,
  leaves: 3,
};
const quota = bodyOf({ agencyId: id('BTP', 'HN'), seats: numberValue({ min: 0, max: 100_000, integer: true }, fc.integer({ min: 0, max: 10 })) });
const datesBody = (extra: Record<string, Values> = {}, optional: string[] = []) =>
  merged(runDates, bodyOf({ capacity: numberValue({ min: 1, max: 100_000, integer: true }, fc.integer({ min: 10, max: 100 })), agencyQuotas: listOf(quota), ...extra }, ['agencyQuotas', ...optional]));

/** A session: realistic, on one of the days from 08:00 to 11:30 in Hà Nội, written as integrations write it. */
const sessionOn = (days: fc.Arbitrary<string>): Values => ({
  realistic: days.chain((date) =>
    fc.record({
      sessionId: fc.constantFrom('S01', 'S-2027-05-10-AM'),
      date: fc.constant(date),
      startsAt: writtenInstant(fc.constant({ day: date, hour: 8, minute: 0 })).filter((written) => /^[^+]*\+07:?00$/.test(written) && !/:60|,/.test(written)),
      endsAt: fc.constantFrom(`${date}T11:30:00+07:00`, `${date}T11:30+07:00`, `${date} 04:30Z`),
    }),
  ),
  odd: bodyOf({ sessionId: id('S01'), date: calendarDateText(), startsAt: instantText(), endsAt: instantText() }).odd,
  leaves: 4,
});
const lecturer = bodyOf(
  {
    lecturerId: id('L-ASEAN-07', 'L-01'),
    name: text([1, 200], fc.constantFrom('Nguyễn Văn An', 'Jane Doe')),
    origin: oneOfValues(['vietnamese', 'foreign'] as const),
    affiliation: nullable(text([300], fc.constantFrom('ASEAN Secretariat', 'Học viện Ngoại giao'))),
  },
  ['affiliation'],
);

/** The course the runs below are of, as the catalogue holds it. */
const courseOf = (courseId: string): ScheduledCourse => ({
  courseId,
  code: courseId,
  level: 'universal',
  trainingGroup: 'skills-and-style',
  format: 'online',
  eligibleTargetGroups: ['regular'],
  eligibleRanks: ['specialist'],
  completionRule: { ruleVersion: 1, minAttendanceShare: '0.8000', excusedCountsAsAttended: true, assessmentRequired: false, passMark: null },
});
const runId = 'RUN-2027-NEG-01';
/** A run over the programme's years, with one session, and whatever happened to it since. */
function runState(...later: ((metadata: MessageMetadata) => CourseRunEvent)[]): CourseRun {
  const metadata = metadataOf(office);
  const history: CourseRunEvent[] = [
    ...courseRunDecider.decide(
      {
        type: 'ScheduleCourseRun',
        data: {
          runId,
          course: courseOf('NEG-101'),
          providerInstitutionId: 'DAV',
          hostAgencyId: 'HN',
          venue: null,
          waitlistPolicy: 'auto-approve',
          startDate: '2026-01-01',
          endDate: '2032-12-31',
          nominationDeadline: '2026-01-01',
          capacity: 40,
          agencyQuotas: [],
          sessions: [{ sessionId: 'S1', date: '2027-05-10', startsAt: '2027-05-10T08:00:00+07:00', endsAt: '2027-05-10T11:30:00+07:00' }],
          lecturers: [],
        },
        metadata,
      },
      courseRunDecider.initialState(),
    ),
    ...later.map((event) => event(metadata)),
  ];
  const state: CourseRunState = fold(courseRunDecider, history);
  if (state.status === 'unscheduled') throw new Error('the fixture run is scheduled');
  return state;
}
const started = (metadata: MessageMetadata): CourseRunEvent => ({ type: 'CourseRunStarted.v1', data: { runId, startedOn: '2027-05-10' }, metadata });

describe('course delivery: every body a command DTO accepts records events its published contract carries', () => {
  it('DefineCourseDto (POST /courses)', async () => {
    const generalLevels = courseLevels.filter((level) => level !== 'sector-specific');
    /** A sector-specific course names its sector; every other names none. */
    const levelAndSector: Values = {
      realistic: fc.oneof(
        fc.record({ level: fc.constant('sector-specific'), sector: fc.constantFrom('ASEAN', 'WTO') }),
        fc.record({ level: fc.constantFrom(...generalLevels), sector: fc.constant(null) }, { requiredKeys: ['level'] }),
      ),
      odd: bodyOf({ level: oneOfValues(courseLevels), sector: nullable(text([300])) }, ['sector']).odd,
      leaves: 2,
    };
    const course = bodyOf({
      courseId: identifierText(100, fc.constantFrom('NV-DP-01', 'NEG-101')),
      code: id('NV-DP-01'),
      titleVi: text([1, 300], fc.constantFrom('Nghiệp vụ đối ngoại cơ bản')),
      titleEn: text([1, 300], fc.constantFrom('Foundations of foreign affairs practice')),
      trainingGroup: oneOfValues(trainingGroups),
      requirementGroups: listOf(oneOfValues(requirementGroups), { minLength: 1, maxLength: 1 }),
      format: oneOfValues(courseFormats),
      lengthDays: numberValue({ min: 0, max: 365 }),
      lengthHours: numberValue({ min: 0, max: 2000 }),
      languages: listOf(text([2, 35], fc.constantFrom('vi', 'en', 'zh', 'lo', 'km')), { minLength: 1, maxLength: 1 }),
      eligibleTargetGroups: listOf(oneOfValues(targetGroups), { minLength: 1, maxLength: 1 }),
      eligibleRanks: listOf(oneOfValues(ranks), { minLength: 1, maxLength: 1 }),
      completionRule: nested(completionRule),
    });
    await expectPublishable<DefineCourseDto>({
      dto: DefineCourseDto,
      bodies: merged(course, levelAndSector),
      appended: (body) => {
        const command = defineCourseCommand(body, metadataOf(office));
        return appendedTo(courseStreamName(body.courseId), command.metadata, courseDecider.decide(command, courseDecider.initialState()));
      },
    });
  });

  it('VersionCompletionRuleDto (POST /courses/{courseId}/completion-rules)', async () => {
    const defined: CourseEvent = {
      type: 'CourseDefined.v1',
      data: {
        ...courseOf('NEG-101'),
        titleVi: 'Kỹ năng đàm phán',
        titleEn: 'Negotiation skills',
        sector: null,
        requirementGroups: ['skills-and-style'],
        lengthDays: 5,
        lengthHours: 40,
        languages: ['vi'],
      },
      metadata: metadataOf(office),
    };
    await expectPublishable<VersionCompletionRuleDto>({
      dto: VersionCompletionRuleDto,
      bodies: completionRule,
      appended: (body) => {
        const command = versionCompletionRuleCommand('NEG-101', body, metadataOf(office));
        return appendedTo(courseStreamName('NEG-101'), command.metadata, courseDecider.decide(command, fold(courseDecider, [defined])));
      },
    });
  });

  it('ScheduleCourseRunDto (POST /runs)', async () => {
    const bodies = datesBody(
      {
        runId: identifierText(100, fc.constantFrom('NV-DP-01-2027-1')),
        courseId: id('NV-DP-01'),
        providerInstitutionId: id('HVNG', 'DAV'),
        hostAgencyId: nullable(id('BTP', 'HN')),
        venue: nullable(text([1, 300], fc.constantFrom('Học viện Ngoại giao, 69 Chùa Láng, Hà Nội'))),
        waitlistPolicy: oneOfValues(['auto-approve', 'flag-for-review'] as const),
        sessions: listOf(sessionOn(fc.constant(sessionDay)), { maxLength: 2 }),
        lecturers: listOf(lecturer, { maxLength: 2 }),
      },
      ['runId', 'hostAgencyId', 'venue', 'sessions', 'lecturers'],
    );
    await expectPublishable<ScheduleCourseRunDto>({
      dto: ScheduleCourseRunDto,
      bodies,
      appended: (body) => {
        const scheduledRunId = body.runId ?? randomUUID();
        const command = scheduleCourseRunCommand(scheduledRunId, body, courseOf(body.courseId), metadataOf(office));
        return appendedTo(courseRunStreamName(scheduledRunId), command.metadata, courseRunDecider.decide(command, courseRunDecider.initialState()));
      },
    });
  });

  it('RunDatesDto (POST /runs/{runId}/reschedule)', async () => {
    await expectPublishable<RunDatesDto>({
      dto: RunDatesDto,
      bodies: datesBody(),
      appended: (body) => {
        const command = rescheduleCourseRunCommand(runId, body, metadataOf(office));
        const unTimetabled = { ...runState(), sessions: [] };
        return appendedTo(courseRunStreamName(runId), command.metadata, courseRunDecider.decide(command, unTimetabled));
      },
    });
  });

  it('SessionDto (POST /runs/{runId}/sessions)', async () => {
    await expectPublishable<SessionDto>({
      dto: SessionDto,
      bodies: sessionOn(programmeDay),
      appended: (body) => {
        const command = addSessionCommand(runId, body, metadataOf(office));
        return appendedTo(courseRunStreamName(runId), command.metadata, courseRunDecider.decide(command, runState()));
      },
    });
  });

  it('LecturerDto (POST /runs/{runId}/lecturers)', async () => {
    await expectPublishable<LecturerDto>({
      dto: LecturerDto,
      bodies: lecturer,
      appended: (body) => {
        const command = assignLecturerCommand(runId, body, metadataOf(office));
        return appendedTo(courseRunStreamName(runId), command.metadata, courseRunDecider.decide(command, runState()));
      },
    });
  });

  it('CancellationDto (POST /runs/{runId}/sessions/{sessionId}/cancel and /runs/{runId}/cancel)', async () => {
    await expectPublishable<CancellationDto>({
      dto: CancellationDto,
      bodies: bodyOf({ reason }),
      appended: (body) => {
        const sessionCancelled = cancelSessionCommand(runId, 'S1', body, metadataOf(office));
        const runCancelled = cancelCourseRunCommand(runId, body, metadataOf(office));
        return [
          ...appendedTo(courseRunStreamName(runId), sessionCancelled.metadata, courseRunDecider.decide(sessionCancelled, runState())),
          ...appendedTo(courseRunStreamName(runId), runCancelled.metadata, courseRunDecider.decide(runCancelled, runState())),
        ];
      },
    });
  });
});

describe('attendance: every body a command DTO accepts records events its published contract carries', () => {
  const mark = bodyOf({
    recordId: id('HVNG-2027-000123'),
    traineeId: id('T-0001', '7c9e6679-7425-40de-944b-e07fc1f90ae7'),
    sessionId: id('S1'),
    status: oneOfValues(attendanceStatuses),
    observedAt: instantText(),
  });
  /** A started run whose timetable holds a session around each observation, every trainee named approved. */
  const runAround = (marks: readonly { sessionId: string; observedAt: string }[]): AttendanceRunView => ({
    status: 'started',
    sessions: marks.map(({ sessionId, observedAt }) => ({
      sessionId,
      date: observedAt.slice(0, 10),
      startsAt: new Date(Date.parse(observedAt) - 3_600_000).toISOString(),
      endsAt: new Date(Date.parse(observedAt) + 3_600_000).toISOString(),
      cancelled: false,
    })),
  });

  it('PostAttendanceDto (POST /runs/{runId}/attendance)', async () => {
    await expectPublishable<PostAttendanceDto>({
      dto: PostAttendanceDto,
      bodies: bodyOf({ marks: listOf(mark, { minLength: 1, maxLength: 3 }) }),
      appended: (body) => {
        const metadata = metadataOf(academySystem);
        const approved = body.marks.map((posted) => posted.traineeId);
        const posting = recordAttendanceCommand(runId, runAround(body.marks), body.marks, academySystem.id, approved, metadata);
        const { events } = decideEach(attendanceSheetDecider, attendanceSheetDecider.initialState(), attendanceMarkCommands(posting));
        return appendedTo(attendanceSheetStreamName(runId), metadata, events);
      },
    });
  });

  const correctionBody = bodyOf({ sessionId: id('S1'), traineeId: id('T-0001'), newStatus: oneOfValues(attendanceStatuses), reason });
  /** A sheet on which every cell the corrections name was marked absent, as a correction requires a mark. */
  const markedFor = (cells: readonly { sessionId: string; traineeId: string }[], metadata: MessageMetadata) => {
    const observed = [...new Map(cells.map(({ sessionId, traineeId }) => [`${sessionId}/${traineeId}`, { sessionId, traineeId }])).values()].map(
      ({ sessionId, traineeId }, index) => ({ recordId: `R-${index}`, traineeId, sessionId, status: 'absent' as const, observedAt: '2027-05-10T08:05:00+07:00' }),
    );
    const approved = observed.map((mark) => mark.traineeId);
    const posting = recordAttendanceCommand(runId, runAround(observed), observed, academySystem.id, approved, metadata);
    return decideEach(attendanceSheetDecider, attendanceSheetDecider.initialState(), attendanceMarkCommands(posting)).state;
  };
  const correctionOf = ({ sessionId, traineeId, newStatus, reason: why }: CorrectAttendanceDto) => ({ sessionId, traineeId, newStatus, reason: why });

  it('CorrectAttendanceDto (POST /runs/{runId}/attendance/corrections)', async () => {
    await expectPublishable<CorrectAttendanceDto>({
      dto: CorrectAttendanceDto,
      bodies: correctionBody,
      appended: (body) => {
        const metadata = metadataOf(academySystem);
        const command = correctAttendanceCommand(runId, correctionOf(body), metadata);
        return appendedTo(attendanceSheetStreamName(runId), metadata, attendanceSheetDecider.decide(command, markedFor([body], metadata)));
      },
    });
  });

  it('AttendanceCorrectionsDto (POST /runs/{runId}/attendance/corrections/bulk): each as one correction', async () => {
    await expectPublishable<AttendanceCorrectionsDto>({
      dto: AttendanceCorrectionsDto,
      bodies: bodyOf({ corrections: listOf(correctionBody, { minLength: 1 }) }),
      appended: (body) => {
        const metadata = metadataOf(academySystem);
        const commands = body.corrections.map((correction) => correctAttendanceCommand(runId, correctionOf(correction), metadata));
        return appendedTo(attendanceSheetStreamName(runId), metadata, decideEach(attendanceSheetDecider, markedFor(body.corrections, metadata), commands).events);
      },
    });
  });

  const score = numberValue({ min: 0, max: 1_000_000 }, fc.integer({ min: 0, max: 100 }));
  const assessmentBody = bodyOf({ traineeId: id('T-0001'), score, maxScore: numberValue({ min: 0, max: 1_000_000 }, fc.constantFrom(10, 100)), passed: booleanValue });

  it('RecordAssessmentDto (POST /runs/{runId}/assessments)', async () => {
    await expectPublishable<RecordAssessmentDto>({
      dto: RecordAssessmentDto,
      bodies: assessmentBody,
      appended: (body) => {
        const command = recordAssessmentCommand(runState(started), body, [body.traineeId], metadataOf(office));
        return appendedTo(runResultsStreamName(runId), command.metadata, runResultsDecider.decide(command, runResultsDecider.initialState()));
      },
    });
  });

  it('RecordAssessmentsDto (POST /runs/{runId}/assessments/bulk): each as one assessment', async () => {
    await expectPublishable<RecordAssessmentsDto>({
      dto: RecordAssessmentsDto,
      bodies: bodyOf({ assessments: listOf(assessmentBody, { minLength: 1 }) }),
      appended: (body) => {
        const metadata = metadataOf(office);
        const approved = body.assessments.map((assessment) => assessment.traineeId);
        const commands = body.assessments.map((assessment) => recordAssessmentCommand(runState(started), assessment, approved, metadata));
        return appendedTo(runResultsStreamName(runId), metadata, decideEach(runResultsDecider, runResultsDecider.initialState(), commands).events);
      },
    });
  });

  it('SubmitFeedbackDto (POST /runs/{runId}/feedback)', async () => {
    const rating = numberValue({ min: 1, max: 5, integer: true });
    await expectPublishable<SubmitFeedbackDto>({
      dto: SubmitFeedbackDto,
      bodies: bodyOf(
        {
          feedbackId: id('0f8fad5b-d9cb-469f-a165-70867728950e'),
          from: oneOfValues(['trainee', 'agency'] as const),
          agencyId: id('BNV', 'HN'),
          ratings: nested(bodyOf({ content: rating, lecturers: rating, organisation: rating })),
          comment: text([4000], fc.constantFrom('Useful simulation of a multilateral negotiation')),
        },
        ['agencyId', 'comment'],
      ),
      appended: (body) => {
        // The programme office names the sending agency, as the controller requires of a token bound to none.
        if (!body.agencyId) throw new DomainRuleViolation('feedback-agency-named', 'agencyId names the sending agency', 'agencyId');
        const command = submitFeedbackCommand(runState(started), body.agencyId, body, metadataOf(office));
        return appendedTo(runResultsStreamName(runId), command.metadata, runResultsDecider.decide(command, runResultsDecider.initialState()));
      },
    });
  });
});
