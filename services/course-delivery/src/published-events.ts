import { courseDeliveryContract } from '@training-ledger/contracts';
import { publishedEvents } from '@training-ledger/service-runtime';
import type { AttendanceSheetEvent } from './attendance/attendance-sheet.decider';
import type { RunResultsEvent } from './attendance/run-results.decider';
import type { CourseEvent } from './catalogue/course.decider';
import type { CourseRunCompleted, CourseRunEvent, CourseRunScheduled } from './course-runs/course-run.state';

/** Every event course-delivery's deciders record. */
export type CourseDeliveryDomainEvent = CourseEvent | CourseRunEvent | AttendanceSheetEvent | RunResultsEvent;

/** What consumers need of a run so that none of them ever calls back. */
const runFacts = (data: CourseRunScheduled['data'] | CourseRunCompleted['data']) => ({
  runId: data.runId,
  courseId: data.courseId,
  courseCode: data.courseCode,
  level: data.level,
  trainingGroup: data.trainingGroup,
  format: data.format,
});

/**
 * What course-delivery publishes on course-delivery.events.v1, event by event. The reasons and
 * comments people write stay in the log: they are simply not mapped.
 */
export const courseDeliveryPublishedEvents = publishedEvents<CourseDeliveryDomainEvent, typeof courseDeliveryContract>(
  courseDeliveryContract,
  {
    'CourseDefined.v1': (data) => ({
      type: 'CourseDefined.v1',
      data: {
        courseId: data.courseId,
        code: data.code,
        titleVi: data.titleVi,
        titleEn: data.titleEn,
        trainingGroup: data.trainingGroup,
        level: data.level,
        sector: data.sector,
        requirementGroups: data.requirementGroups,
        format: data.format,
        lengthDays: data.lengthDays,
        lengthHours: data.lengthHours,
        languages: data.languages,
        eligibleTargetGroups: data.eligibleTargetGroups,
        eligibleRanks: data.eligibleRanks,
        completionRule: data.completionRule,
      },
    }),
    'CompletionRuleVersioned.v1': (data) => ({
      type: 'CompletionRuleVersioned.v1',
      data: { courseId: data.courseId, completionRule: data.completionRule },
    }),
    'CourseRunScheduled.v1': (data) => ({
      type: 'CourseRunScheduled.v1',
      data: {
        ...runFacts(data),
        providerInstitutionId: data.providerInstitutionId,
        hostAgencyId: data.hostAgencyId,
        venue: data.venue,
        startDate: data.startDate,
        endDate: data.endDate,
        nominationDeadline: data.nominationDeadline,
        capacity: data.capacity,
        agencyQuotas: data.agencyQuotas,
        waitlistPolicy: data.waitlistPolicy,
        eligibleTargetGroups: data.eligibleTargetGroups,
        eligibleRanks: data.eligibleRanks,
        completionRule: data.completionRule,
        sessions: data.sessions,
        lecturers: data.lecturers,
      },
    }),
    'CourseRunRescheduled.v1': (data) => ({
      type: 'CourseRunRescheduled.v1',
      data: {
        runId: data.runId,
        startDate: data.startDate,
        endDate: data.endDate,
        nominationDeadline: data.nominationDeadline,
        capacity: data.capacity,
        agencyQuotas: data.agencyQuotas,
      },
    }),
    'SessionAdded.v1': (data) => ({ type: 'SessionAdded.v1', data: { runId: data.runId, session: data.session } }),
    'SessionCancelled.v1': (data) => ({ type: 'SessionCancelled.v1', data: { runId: data.runId, sessionId: data.sessionId } }),
    'LecturerAssigned.v1': (data) => ({ type: 'LecturerAssigned.v1', data: { runId: data.runId, lecturer: data.lecturer } }),
    'CourseRunCancelled.v1': (data) => ({ type: 'CourseRunCancelled.v1', data: { runId: data.runId } }),
    'CourseRunStarted.v1': (data) => ({ type: 'CourseRunStarted.v1', data: { runId: data.runId, startedOn: data.startedOn } }),
    'CourseRunCompleted.v1': (data) => ({
      type: 'CourseRunCompleted.v1',
      data: {
        ...runFacts(data),
        completedOn: data.completedOn,
        sessionsHeld: data.sessionsHeld,
        hasForeignLecturer: data.hasForeignLecturer,
        hostAgencyId: data.hostAgencyId,
        completionRule: data.completionRule,
      },
    }),
    'AttendanceRecorded.v1': (data) => ({
      type: 'AttendanceRecorded.v1',
      data: {
        runId: data.runId,
        sessionId: data.sessionId,
        traineeId: data.traineeId,
        status: data.status,
        observedAt: data.observedAt,
        recordId: data.recordId,
        postedBy: data.postedBy,
        sessionDate: data.sessionDate,
      },
    }),
    'AttendanceCorrected.v1': (data) => ({
      type: 'AttendanceCorrected.v1',
      data: {
        runId: data.runId,
        sessionId: data.sessionId,
        traineeId: data.traineeId,
        previousStatus: data.previousStatus,
        newStatus: data.newStatus,
        correctedBy: data.correctedBy,
        sessionDate: data.sessionDate,
      },
    }),
    'AssessmentRecorded.v1': (data) => ({
      type: 'AssessmentRecorded.v1',
      data: { runId: data.runId, traineeId: data.traineeId, score: data.score, maxScore: data.maxScore, passed: data.passed },
    }),
    'FeedbackSubmitted.v1': (data) => ({
      type: 'FeedbackSubmitted.v1',
      data: { runId: data.runId, feedbackId: data.feedbackId, from: data.from, agencyId: data.agencyId, ratings: data.ratings },
    }),
  },
);
