import { DomainRuleViolation } from '@training-ledger/decider';
import { type CancelCourseRun, type CompleteCourseRun, type CourseRunEvent, type CourseRunState, existingRun, type StartCourseRun } from './course-run.state';

export function cancelCourseRun(command: CancelCourseRun, state: CourseRunState): CourseRunEvent[] {
  const { runId, reason } = command.data;
  const run = existingRun(state, runId);
  requireReason(reason);
  if (run.status === 'cancelled') return [];
  if (run.status === 'completed') {
    throw new DomainRuleViolation(
      'completed-run-not-cancelled',
      `Run ${runId} is completed; its record stands`,
      'runId',
      'conflict',
    );
  }
  return [{ type: 'CourseRunCancelled.v1', data: { runId, reason }, metadata: command.metadata }];
}

export function startCourseRun(command: StartCourseRun, state: CourseRunState): CourseRunEvent[] {
  const { runId, today } = command.data;
  const run = existingRun(state, runId);
  if (run.status === 'started') return [];
  if (run.status !== 'scheduled') {
    throw new DomainRuleViolation(
      'only-scheduled-run-starts',
      `Run ${runId} is ${run.status} and cannot start`,
      'runId',
      'conflict',
    );
  }
  if (today < run.dates.startDate) {
    throw new DomainRuleViolation(
      'run-starts-on-its-start-date',
      `Run ${runId} starts on ${run.dates.startDate}, not before`,
      'today',
      'conflict',
    );
  }
  return [{ type: 'CourseRunStarted.v1', data: { runId, startedOn: today }, metadata: command.metadata }];
}

export function completeCourseRun(command: CompleteCourseRun, state: CourseRunState): CourseRunEvent[] {
  const { runId, today } = command.data;
  const run = existingRun(state, runId);
  if (run.status === 'completed') return [];
  if (run.status !== 'started') {
    throw new DomainRuleViolation(
      'only-started-run-completes',
      `Run ${runId} is ${run.status}; only a started run can be completed`,
      'runId',
      'conflict',
    );
  }
  const held = run.sessions.filter((session) => !session.cancelled);
  if (held.length === 0) {
    throw new DomainRuleViolation(
      'completed-run-held-sessions',
      `Run ${runId} has no session that was not cancelled; cancel the run instead`,
      'runId',
      'conflict',
    );
  }
  const lastDay = held.reduce((latest, session) => (session.date > latest ? session.date : latest), '');
  if (today < lastDay) {
    throw new DomainRuleViolation(
      'completed-after-last-session',
      `Run ${runId} still has a session on ${lastDay}`,
      'today',
      'conflict',
    );
  }
  return [
    {
      type: 'CourseRunCompleted.v1',
      data: {
        ...run.facts,
        completedOn: today,
        sessionsHeld: held.map((session) => session.sessionId),
        hasForeignLecturer: run.lecturers.some((lecturer) => lecturer.origin === 'foreign'),
        hostAgencyId: run.hostAgencyId,
        completionRule: run.completionRule,
      },
      metadata: command.metadata,
    },
  ];
}

export function requireReason(reason: string): void {
  if (reason.trim() === '') {
    throw new DomainRuleViolation('cancellation-states-reason', 'A cancellation must state its reason', 'reason');
  }
}
