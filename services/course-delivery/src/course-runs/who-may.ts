import { ROLES, type Role } from '@training-ledger/auth';

/*
 * Who may plan and read course runs (khóa bồi dưỡng), in one place: the routes admit these roles.
 * Nothing about a run narrows them further; who may post a run's attendance is the attendance slice's.
 */

/** Scheduling, rescheduling, the timetable, lecturers, cancelling, opening and closing a run are MOFA's programme office's. */
export const RUN_PLANNERS = ['programme-admin'] as const satisfies readonly Role[];

/** Every role reads the runs: agencies nominate to them, institutions deliver them, the overseers count them. */
export const RUN_READERS: readonly Role[] = ROLES;
