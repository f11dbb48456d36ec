import { DomainRuleViolation } from '@training-ledger/decider';
import { requireReason } from './course-run.lifecycle';
import { requireNamedLecturer, requireSessionWithin, sameLecturer, sameSession } from './course-run.plan';
import { type AddSession, type AssignLecturer, type CancelSession, type CourseRunEvent, type CourseRunState, existingRun, requireOpenForChanges } from './course-run.state';

export function addSession(command: AddSession, state: CourseRunState): CourseRunEvent[] {
  const { runId, session } = command.data;
  const run = existingRun(state, runId);
  const earlier = run.sessions.find((candidate) => candidate.sessionId === session.sessionId);
  if (earlier) {
    if (sameSession(earlier, session)) return [];
    throw new DomainRuleViolation(
      'session-id-used-once',
      `Session ${session.sessionId} is already in the timetable of run ${runId}`,
      'session.sessionId',
      'conflict',
    );
  }
  requireOpenForChanges(run, runId);
  requireSessionWithin(session, run.dates, 'session');
  return [{ type: 'SessionAdded.v1', data: { runId, session }, metadata: command.metadata }];
}

export function cancelSession(command: CancelSession, state: CourseRunState): CourseRunEvent[] {
  const { runId, sessionId, reason } = command.data;
  const run = existingRun(state, runId);
  requireReason(reason);
  const session = run.sessions.find((candidate) => candidate.sessionId === sessionId);
  if (!session) {
    throw new DomainRuleViolation(
      'session-must-exist',
      `Session ${sessionId} is not in the timetable of run ${runId}`,
      'sessionId',
      'not-found',
    );
  }
  if (session.cancelled) return [];
  requireOpenForChanges(run, runId);
  return [{ type: 'SessionCancelled.v1', data: { runId, sessionId, reason }, metadata: command.metadata }];
}

export function assignLecturer(command: AssignLecturer, state: CourseRunState): CourseRunEvent[] {
  const { runId, lecturer } = command.data;
  const run = existingRun(state, runId);
  const earlier = run.lecturers.find((candidate) => candidate.lecturerId === lecturer.lecturerId);
  if (earlier) {
    if (sameLecturer(earlier, lecturer)) return [];
    throw new DomainRuleViolation(
      'lecturer-assigned-once',
      `Lecturer ${lecturer.lecturerId} is already assigned to run ${runId} with other details`,
      'lecturer.lecturerId',
      'conflict',
    );
  }
  requireOpenForChanges(run, runId);
  requireNamedLecturer(lecturer, 'lecturer.name');
  return [{ type: 'LecturerAssigned.v1', data: { runId, lecturer }, metadata: command.metadata }];
}
