import { isAgencyBound, type Role } from '@training-ledger/auth';
import type { Actor, Refusal } from '@training-ledger/decider';
import type { CourseRunState } from '../course-runs/course-run.state';

/*
 * Who may post, correct and read a run's attendance (điểm danh), record its assessments and give
 * feedback on it, in one place: the routes admit these roles, and the controller and service ask
 * these predicates about the actor and the run in hand.
 */

/** MOFA's office and those who oversee the programme read every run whole. */
export const OFFICE_READERS = ['programme-admin', 'evaluator', 'monitor', 'auditor'] as const satisfies readonly Role[];

/** The institution's and the host agency's systems; which run they may post for is `mayPostAttendance`. */
export const ATTENDANCE_POSTERS = ['institution-integration', 'agency-integration'] as const satisfies readonly Role[];

/** Whoever may post, and MOFA's programme office, which may correct any run's marks. */
export const ATTENDANCE_CORRECTORS = [...ATTENDANCE_POSTERS, 'programme-admin'] as const satisfies readonly Role[];

/** MOFA's programme office, and the institution delivering the run (`mayRecordAssessment`). */
export const ASSESSMENT_RECORDERS = ['programme-admin', 'institution-integration'] as const satisfies readonly Role[];

/** A sending agency's system, for itself, or MOFA's programme office on an agency's behalf. */
export const FEEDBACK_GIVERS = ['agency-integration', 'programme-admin'] as const satisfies readonly Role[];

/** Who may read a run's sheet, roster, assessments and feedback at all; how much is `attendanceReadScope`. */
export const ATTENDANCE_READERS = ['institution-integration', 'agency-integration', ...OFFICE_READERS] as const satisfies readonly Role[];

/** What an integration presents when it posts attendance: its roles and the agency or institution it is bound to. */
export interface AttendancePoster {
  readonly roles: readonly string[];
  readonly agencyId?: string | null;
  readonly institutionId?: string | null;
}

/**
 * Who may post attendance (điểm danh) for a run is part of the run: the system of the training
 * institution that delivers it, and the system of the agency that hosts it.
 */
export function mayPostAttendance(state: CourseRunState, actor: AttendancePoster): boolean {
  if (state.status === 'unscheduled') return false;
  const provider =
    actor.roles.includes('institution-integration') &&
    actor.institutionId != null &&
    actor.institutionId === state.providerInstitutionId;
  const host =
    actor.roles.includes('agency-integration') &&
    state.hostAgencyId !== null &&
    actor.agencyId != null &&
    actor.agencyId === state.hostAgencyId;
  return provider || host;
}

/** Null when `actor` may post the run's marks, else why not. */
export function mayPostMarks(run: CourseRunState, runId: string, actor: AttendancePoster): Refusal | null {
  if (mayPostAttendance(run, actor)) return null;
  return {
    rule: 'attendance-poster-of-run',
    field: 'runId',
    kind: 'forbidden',
    reason: `Only the system of the institution delivering run ${runId} or of the agency hosting it posts its attendance`,
  };
}

/** Null when `actor` may correct the run's marks: whoever may post them, or MOFA's programme office. */
export function mayCorrectMarks(run: CourseRunState, runId: string, actor: AttendancePoster): Refusal | null {
  if (actor.roles.includes('programme-admin')) return null;
  return mayPostMarks(run, runId, actor);
}

/** Null when `actor` may record the run's assessments: the programme office, or the institution delivering the run. */
export function mayRecordAssessment(
  run: { readonly providerInstitutionId: string },
  runId: string,
  actor: AttendancePoster,
): Refusal | null {
  if (actor.roles.includes('programme-admin') || actor.institutionId === run.providerInstitutionId) return null;
  return {
    rule: 'assessor-of-run',
    field: 'runId',
    kind: 'forbidden',
    reason: `Only the programme office or the institution delivering run ${runId} records its assessments`,
  };
}

/** The agency a feedback comes from: an agency's own system speaks for its agency, the office names the agency. */
export function feedbackAgencyOf(actor: Actor, namedAgencyId: string | undefined): string | null | undefined {
  return isAgencyBound(actor) ? actor.agencyId : namedAgencyId;
}

/** Null when an agency-bound `actor` names no agency but its own as the feedback's sender. */
export function mayGiveFeedbackAs(actor: Actor, namedAgencyId: string | undefined): Refusal | null {
  if (!isAgencyBound(actor) || namedAgencyId === undefined || namedAgencyId === actor.agencyId) return null;
  return { rule: 'agency-access', field: 'agencyId', kind: 'forbidden', reason: `This token acts for agency ${actor.agencyId} only` };
}

/** Null when `agencyId` sent an approved trainee to the run, which makes it one that gives feedback on it. */
export function mayGiveFeedbackOn(runId: string, agencyId: string, sendingAgencies: readonly string[]): Refusal | null {
  if (sendingAgencies.includes(agencyId)) return null;
  return {
    rule: 'feedback-from-sending-agency',
    field: 'agencyId',
    kind: 'forbidden',
    reason: `Agency ${agencyId} sent no approved trainee to run ${runId}`,
  };
}

/** Whose attendance of a run a caller may read. */
export type AttendanceReadScope =
  | { readonly kind: 'whole-run' }
  | { readonly kind: 'own-agency'; readonly agencyId: string }
  | { readonly kind: 'none' };

/**
 * Who may read a run's attendance (bảng điểm danh): the office, and the institution that delivers
 * the run and takes it in class, read every trainee's marks; an agency reads its own trainees'
 * marks only, whether it sends them or hosts the run (hosting lets it post for the whole class,
 * not read other agencies' people); anyone else nothing.
 */
export function attendanceReadScope(run: CourseRunState, actor: AttendancePoster, sendingAgencies: readonly string[]): AttendanceReadScope {
  if (OFFICE_READERS.some((role) => actor.roles.includes(role))) return { kind: 'whole-run' };
  if (actor.roles.includes('institution-integration') && mayPostAttendance(run, actor)) return { kind: 'whole-run' };
  const agencyId = actor.roles.includes('agency-integration') ? actor.agencyId : null;
  if (agencyId && (sendingAgencies.includes(agencyId) || mayPostAttendance(run, actor))) return { kind: 'own-agency', agencyId };
  return { kind: 'none' };
}

/** The roster a caller may see: the whole class for whoever may post its attendance, else whom it may read. */
export function rosterReadScope(run: CourseRunState, actor: AttendancePoster, sendingAgencies: readonly string[]): AttendanceReadScope {
  if (mayPostAttendance(run, actor)) return { kind: 'whole-run' };
  return attendanceReadScope(run, actor, sendingAgencies);
}

/** Why a caller whose read scope is none reads nothing of the run. */
export function noTraineeToRead(runId: string): Refusal {
  return { rule: 'attendance-reader-of-run', field: 'runId', kind: 'forbidden', reason: `Run ${runId} has no trainee of this caller's to read` };
}
