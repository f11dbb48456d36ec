import type { CourseRunState } from '../course-runs/course-run.decider';
import { mayPostAttendance, type AttendancePoster } from '../course-runs/course-run.decider';

/** MOFA's office and those who oversee the programme read every run whole. */
export const OFFICE_READERS = ['programme-admin', 'evaluator', 'monitor', 'auditor'] as const;

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
