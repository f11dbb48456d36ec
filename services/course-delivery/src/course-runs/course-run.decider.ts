import { assertNever, type Decider } from '@training-ledger/decider';
import { cancelCourseRun, completeCourseRun, startCourseRun } from './course-run.lifecycle';
import { rescheduleCourseRun, scheduleCourseRun } from './course-run.scheduling';
import { type CourseRunCommand, type CourseRunEvent, type CourseRunState, evolveCourseRun } from './course-run.state';
import { addSession, assignLecturer, cancelSession } from './course-run.timetable';

export const courseRunDecider: Decider<CourseRunCommand, CourseRunEvent, CourseRunState> = {
  initialState: () => ({ status: 'unscheduled' }),

  decide(command, state) {
    switch (command.type) {
      case 'ScheduleCourseRun':
        return scheduleCourseRun(command, state);
      case 'RescheduleCourseRun':
        return rescheduleCourseRun(command, state);
      case 'AddSession':
        return addSession(command, state);
      case 'CancelSession':
        return cancelSession(command, state);
      case 'AssignLecturer':
        return assignLecturer(command, state);
      case 'CancelCourseRun':
        return cancelCourseRun(command, state);
      case 'StartCourseRun':
        return startCourseRun(command, state);
      case 'CompleteCourseRun':
        return completeCourseRun(command, state);
      default:
        return assertNever(command, 'course run command');
    }
  },

  evolve: evolveCourseRun,
};
