import { DomainRuleViolation, sortedKeyJson } from '@training-ledger/decider';
import { requireNamedLecturer, requireSessionWithin, requireValidDates, sameDates } from './course-run.plan';
import { type CourseRunEvent, type CourseRunScheduled, type CourseRunState, existingRun, type RescheduleCourseRun, type ScheduleCourseRun } from './course-run.state';

export function scheduleCourseRun(command: ScheduleCourseRun, state: CourseRunState): CourseRunEvent[] {
  const { course, ...plan } = command.data;
  const scheduled: CourseRunScheduled['data'] = {
    runId: plan.runId,
    courseId: course.courseId,
    courseCode: course.code,
    level: course.level,
    trainingGroup: course.trainingGroup,
    format: course.format,
    providerInstitutionId: plan.providerInstitutionId,
    hostAgencyId: plan.hostAgencyId,
    venue: plan.venue,
    startDate: plan.startDate,
    endDate: plan.endDate,
    nominationDeadline: plan.nominationDeadline,
    capacity: plan.capacity,
    agencyQuotas: plan.agencyQuotas,
    waitlistPolicy: plan.waitlistPolicy,
    eligibleTargetGroups: course.eligibleTargetGroups,
    eligibleRanks: course.eligibleRanks,
    completionRule: course.completionRule,
    sessions: plan.sessions,
    lecturers: plan.lecturers,
  };
  if (state.status !== 'unscheduled') {
    if (sortedKeyJson(state.scheduled) === sortedKeyJson(scheduled)) return [];
    throw new DomainRuleViolation(
      'run-scheduled-once',
      `Run ${plan.runId} is already scheduled differently; change it by rescheduling`,
      'runId',
      'conflict',
    );
  }
  if (course.format === 'in-person' && (plan.venue === null || plan.venue.trim() === '')) {
    throw new DomainRuleViolation('in-person-run-has-venue', 'An in-person run must name its venue', 'venue');
  }
  requireValidDates(plan);
  const seen = new Set<string>();
  plan.sessions.forEach((session, index) => {
    if (seen.has(session.sessionId)) {
      throw new DomainRuleViolation(
        'session-id-used-once',
        `Session ${session.sessionId} appears twice in the timetable`,
        `sessions[${index}].sessionId`,
      );
    }
    seen.add(session.sessionId);
    requireSessionWithin(session, plan, `sessions[${index}]`);
  });
  const lecturerIds = plan.lecturers.map((lecturer) => lecturer.lecturerId);
  if (new Set(lecturerIds).size !== lecturerIds.length) {
    throw new DomainRuleViolation('lecturer-assigned-once', 'A lecturer appears twice', 'lecturers');
  }
  plan.lecturers.forEach((lecturer, index) => requireNamedLecturer(lecturer, `lecturers[${index}].name`));
  return [{ type: 'CourseRunScheduled.v1', data: scheduled, metadata: command.metadata }];
}

export function rescheduleCourseRun(command: RescheduleCourseRun, state: CourseRunState): CourseRunEvent[] {
  const run = existingRun(state, command.data.runId);
  const { runId, ...dates } = command.data;
  if (sameDates(run.dates, dates)) return [];
  if (run.status !== 'scheduled') {
    throw new DomainRuleViolation(
      'rescheduled-before-start',
      `Run ${runId} is ${run.status} and can no longer be rescheduled`,
      'runId',
      'conflict',
    );
  }
  requireValidDates(dates);
  run.sessions.forEach((session, index) => {
    if (!session.cancelled) requireSessionWithin(session, dates, `sessions[${index}]`);
  });
  return [
    {
      type: 'CourseRunRescheduled.v1',
      data: {
        runId,
        startDate: dates.startDate,
        endDate: dates.endDate,
        nominationDeadline: dates.nominationDeadline,
        capacity: dates.capacity,
        agencyQuotas: dates.agencyQuotas,
      },
      metadata: command.metadata,
    },
  ];
}
