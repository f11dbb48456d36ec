import { z } from 'zod';
import {
  AttendanceStatus,
  CourseFormat,
  CourseLevel,
  identifier,
  isoDate,
  isoDateTime,
  Rank,
  RequirementGroup,
  TargetGroup,
  TrainingGroup,
} from '../common';
import { logSealSchemas } from '../log-seal';
import { defineTopicContract, type EventUnion } from '../define';

export const CompletionRuleSchema = z.object({
  ruleVersion: z.number().int().min(1),
  /** Minimum share of held sessions attended, as a decimal string, e.g. "0.8000". */
  minAttendanceShare: z.string().regex(/^(0\.\d{4}|1\.0000)$/),
  excusedCountsAsAttended: z.boolean(),
  assessmentRequired: z.boolean(),
  passMark: z.number().min(0).nullable(),
});
export type CompletionRule = z.infer<typeof CompletionRuleSchema>;

const SessionSchema = z.object({
  sessionId: identifier,
  date: isoDate,
  startsAt: isoDateTime,
  endsAt: isoDateTime,
});

const LecturerSchema = z.object({
  lecturerId: identifier,
  name: z.string().min(1),
  origin: z.enum(['vietnamese', 'foreign']),
  affiliation: z.string().nullable(),
});

const AgencyQuotaSchema = z.object({ agencyId: identifier, seats: z.number().int().min(0) });

/** What consumers need of a run so that none of them ever calls back. */
const runFacts = {
  runId: identifier,
  courseId: identifier,
  courseCode: identifier,
  level: CourseLevel,
  trainingGroup: TrainingGroup,
  format: CourseFormat,
};

/** No free text (reasons, comments): it may name people, and Kafka and the reporting archive keep it for good. */
export const courseDeliveryContract = defineTopicContract('course-delivery', {
  ...logSealSchemas,
  'CourseDefined.v1': z.object({
    courseId: identifier,
    code: identifier,
    titleVi: z.string().min(1),
    titleEn: z.string().min(1),
    trainingGroup: TrainingGroup,
    level: CourseLevel,
    sector: z.string().nullable(),
    requirementGroups: z.array(RequirementGroup).min(1),
    format: CourseFormat,
    lengthDays: z.number().min(0),
    lengthHours: z.number().min(0),
    languages: z.array(z.string().min(2)).min(1),
    eligibleTargetGroups: z.array(TargetGroup).min(1),
    eligibleRanks: z.array(Rank).min(1),
    completionRule: CompletionRuleSchema,
  }),
  'CompletionRuleVersioned.v1': z.object({ courseId: identifier, completionRule: CompletionRuleSchema }),
  'CourseRunScheduled.v1': z.object({
    ...runFacts,
    providerInstitutionId: identifier,
    hostAgencyId: identifier.nullable(),
    venue: z.string().nullable(),
    startDate: isoDate,
    endDate: isoDate,
    nominationDeadline: isoDate,
    capacity: z.number().int().min(1),
    agencyQuotas: z.array(AgencyQuotaSchema),
    waitlistPolicy: z.enum(['auto-approve', 'flag-for-review']),
    eligibleTargetGroups: z.array(TargetGroup).min(1),
    eligibleRanks: z.array(Rank).min(1),
    completionRule: CompletionRuleSchema,
    sessions: z.array(SessionSchema),
    lecturers: z.array(LecturerSchema),
  }),
  'CourseRunRescheduled.v1': z.object({
    runId: identifier,
    startDate: isoDate,
    endDate: isoDate,
    nominationDeadline: isoDate,
    capacity: z.number().int().min(1),
    agencyQuotas: z.array(AgencyQuotaSchema),
  }),
  'SessionAdded.v1': z.object({ runId: identifier, session: SessionSchema }),
  'SessionCancelled.v1': z.object({ runId: identifier, sessionId: identifier }),
  'LecturerAssigned.v1': z.object({ runId: identifier, lecturer: LecturerSchema }),
  'CourseRunCancelled.v1': z.object({ runId: identifier }),
  'CourseRunStarted.v1': z.object({ runId: identifier, startedOn: isoDate }),
  'CourseRunCompleted.v1': z.object({
    ...runFacts,
    completedOn: isoDate,
    sessionsHeld: z.array(identifier),
    hasForeignLecturer: z.boolean(),
    hostAgencyId: identifier.nullable(),
    completionRule: CompletionRuleSchema,
  }),
  'AttendanceRecorded.v1': z.object({
    runId: identifier,
    sessionId: identifier,
    traineeId: identifier,
    status: AttendanceStatus,
    observedAt: isoDateTime,
    recordId: identifier,
    postedBy: identifier,
    /** The date of the session marked, the date the mark is about; absent on marks recorded before it was carried. */
    sessionDate: isoDate.optional(),
  }),
  'AttendanceCorrected.v1': z.object({
    runId: identifier,
    sessionId: identifier,
    traineeId: identifier,
    previousStatus: AttendanceStatus,
    newStatus: AttendanceStatus,
    correctedBy: identifier,
    /** The date of the session corrected, the date the correction is about; absent on corrections recorded before it was carried. */
    sessionDate: isoDate.optional(),
  }),
  'AssessmentRecorded.v1': z.object({
    runId: identifier,
    traineeId: identifier,
    score: z.number().min(0),
    maxScore: z.number().positive(),
    passed: z.boolean(),
  }),
  'FeedbackSubmitted.v1': z.object({
    runId: identifier,
    feedbackId: identifier,
    from: z.enum(['trainee', 'agency']),
    agencyId: identifier,
    ratings: z.object({
      content: z.number().int().min(1).max(5),
      lecturers: z.number().int().min(1).max(5),
      organisation: z.number().int().min(1).max(5),
    }),
  }),
}, {
  'SessionCancelled.v1': ['reason'],
  'CourseRunCancelled.v1': ['reason'],
  'AttendanceCorrected.v1': ['reason'],
  'FeedbackSubmitted.v1': ['comment'],
});

export type CourseDeliveryIntegrationEvent = EventUnion<typeof courseDeliveryContract.schemas>;

export * from './completion-rule';
