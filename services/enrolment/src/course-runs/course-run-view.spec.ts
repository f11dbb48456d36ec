import { courseDeliveryContract } from '@training-ledger/contracts';
import { type CourseRunEvent, type CourseRunView, evolveCourseRunView, isCourseRunEvent } from './course-run-view';

const negotiationCourseScheduled: CourseRunEvent = {
  type: 'CourseRunScheduled.v1',
  data: {
    runId: 'RUN-2027-NEG-01',
    courseId: 'NEG-101',
    courseCode: 'NEG-101',
    level: 'universal',
    trainingGroup: 'skills-and-style',
    format: 'in-person',
    providerInstitutionId: 'HVNG',
    hostAgencyId: null,
    venue: 'Học viện Ngoại giao, 69 Chùa Láng, Hà Nội',
    startDate: '2027-05-10',
    endDate: '2027-05-14',
    nominationDeadline: '2027-04-25',
    capacity: 40,
    agencyQuotas: [{ agencyId: 'HN', seats: 5 }],
    waitlistPolicy: 'auto-approve',
    eligibleTargetGroups: ['regular'],
    eligibleRanks: ['division-level', 'specialist'],
    completionRule: {
      ruleVersion: 1,
      minAttendanceShare: '0.8000',
      excusedCountsAsAttended: false,
      assessmentRequired: true,
      passMark: 5,
    },
    sessions: [],
    lecturers: [],
  },
};

const scheduledView: CourseRunView = {
  runId: 'RUN-2027-NEG-01',
  status: 'scheduled',
  capacity: 40,
  agencyQuotas: [{ agencyId: 'HN', seats: 5 }],
  eligibleTargetGroups: ['regular'],
  eligibleRanks: ['division-level', 'specialist'],
  nominationDeadline: '2027-04-25',
  startDate: '2027-05-10',
  waitlistPolicy: 'auto-approve',
};

const viewAfter = (...events: CourseRunEvent[]): CourseRunView | null => events.reduce(evolveCourseRunView, null);

describe('Course run (lớp bồi dưỡng) as enrolment sees it', () => {
  it('is built from the fixture as course-delivery would publish it', () => {
    expect(courseDeliveryContract.schemas['CourseRunScheduled.v1'].parse(negotiationCourseScheduled.data)).toEqual(
      negotiationCourseScheduled.data,
    );
  });

  it('takes capacity, quotas, eligibility, dates and waitlist policy from the scheduling', () => {
    expect(viewAfter(negotiationCourseScheduled)).toEqual(scheduledView);
  });

  it('takes new dates, capacity and quotas from a rescheduling', () => {
    const rescheduled: CourseRunEvent = {
      type: 'CourseRunRescheduled.v1',
      data: {
        runId: 'RUN-2027-NEG-01',
        startDate: '2027-06-07',
        endDate: '2027-06-11',
        nominationDeadline: '2027-05-20',
        capacity: 30,
        agencyQuotas: [],
      },
    };
    expect(viewAfter(negotiationCourseScheduled, rescheduled)).toEqual({
      ...scheduledView,
      startDate: '2027-06-07',
      nominationDeadline: '2027-05-20',
      capacity: 30,
      agencyQuotas: [],
    });
  });

  it.each([
    ['cancelled', { type: 'CourseRunCancelled.v1', data: { runId: 'RUN-2027-NEG-01', reason: 'Venue unavailable' } }],
    ['started', { type: 'CourseRunStarted.v1', data: { runId: 'RUN-2027-NEG-01', startedOn: '2027-05-10' } }],
  ] as const)('is %s when course-delivery says so', (status, event) => {
    expect(viewAfter(negotiationCourseScheduled, event)).toEqual({ ...scheduledView, status });
  });

  it('is completed when course-delivery says so', () => {
    const completed: CourseRunEvent = {
      type: 'CourseRunCompleted.v1',
      data: {
        runId: 'RUN-2027-NEG-01',
        courseId: 'NEG-101',
        courseCode: 'NEG-101',
        level: 'universal',
        trainingGroup: 'skills-and-style',
        format: 'in-person',
        completedOn: '2027-05-14',
        sessionsHeld: ['S1', 'S2'],
        hasForeignLecturer: true,
        hostAgencyId: null,
        completionRule: negotiationCourseScheduled.data.completionRule,
      },
    };
    expect(
      viewAfter(
        negotiationCourseScheduled,
        { type: 'CourseRunStarted.v1', data: { runId: 'RUN-2027-NEG-01', startedOn: '2027-05-10' } },
        completed,
      ),
    ).toEqual({ ...scheduledView, status: 'completed' });
  });

  it('stays unknown when an event arrives for a run it never saw scheduled', () => {
    expect(viewAfter({ type: 'CourseRunStarted.v1', data: { runId: 'RUN-X', startedOn: '2027-05-10' } })).toBeNull();
  });

  it('refuses an event of another run, which would mean events were routed to the wrong view', () => {
    expect(() =>
      evolveCourseRunView(scheduledView, { type: 'CourseRunCancelled.v1', data: { runId: 'RUN-X' } }),
    ).toThrow('RUN-X');
  });

  it('tells run events apart from other course-delivery events', () => {
    expect(isCourseRunEvent(negotiationCourseScheduled)).toBe(true);
    expect(isCourseRunEvent({ type: 'AttendanceRecorded.v1' })).toBe(false);
  });
});
