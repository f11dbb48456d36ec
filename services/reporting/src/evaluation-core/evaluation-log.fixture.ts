import type {
  AgencyKind,
  CourseFormat,
  CourseLevel,
  Rank,
  TargetGroup,
  TrainingGroup,
} from '@training-ledger/contracts';
import { computeEvaluation, type EvaluationKind, type EvaluationReport, type ReportCodeVersion } from './evaluation';
import type { EvaluationEvent } from './evaluation-events';
import { phaseTargetsV1, type CoverageRulePolicy, type PhaseTargetsPolicy } from './policy';

/** Test-only builders: facts as the three services publish them, placed in a log of Kafka partitions. */

export const topics = {
  enrolment: 'enrolment.events.v1',
  courseDelivery: 'course-delivery.events.v1',
  certification: 'certification.events.v1',
} as const;

export interface Fact {
  readonly topic: string;
  /** The stream the event belongs to; one stream always lands on one partition. */
  readonly stream: string;
  readonly type: string;
  readonly data: Record<string, unknown>;
  readonly occurredOn: string;
}

export const anyCertificate: CoverageRulePolicy = { version: 1, rule: { kind: 'any-certificate' } };
export const universalInBothGroups: CoverageRulePolicy = { version: 2, rule: { kind: 'universal-in-both-groups' } };

export function agencyRegistered(agencyId: string, kind: AgencyKind, nameVi = agencyId, nameEn = agencyId): Fact {
  return {
    topic: topics.enrolment,
    stream: `agency-${agencyId}`,
    type: 'AgencyRegistered.v1',
    data: { agencyId, code: agencyId, nameVi, nameEn, kind, parentAgencyId: null },
    occurredOn: '2026-06-01',
  };
}

export function agencyRenamed(agencyId: string, nameVi: string, nameEn: string, occurredOn: string): Fact {
  return {
    topic: topics.enrolment,
    stream: `agency-${agencyId}`,
    type: 'AgencyRenamed.v1',
    data: { agencyId, nameVi, nameEn },
    occurredOn,
  };
}

export function rosterDeclared(agencyId: string, asOf: string, regular: number, nonRegular: number): Fact {
  return {
    topic: topics.enrolment,
    stream: `roster-${agencyId}`,
    type: 'StaffRosterDeclared.v1',
    data: { agencyId, declarationId: `${agencyId}-${asOf}`, asOf, regular, nonRegular, byRank: [] },
    occurredOn: asOf,
  };
}

export interface CertificateOptions {
  readonly certificateId: string;
  readonly traineeId: string;
  readonly agencyId: string;
  readonly targetGroup?: TargetGroup;
  readonly rank?: Rank;
  readonly runId?: string;
  readonly level?: CourseLevel;
  readonly trainingGroup?: TrainingGroup;
  readonly format?: CourseFormat;
  readonly issuedOn?: string;
}

export function certificateIssued(options: CertificateOptions): Fact {
  const data = certificateFacts(options);
  const stream = `certificate-${options.certificateId}`;
  return { topic: topics.certification, stream, type: 'CertificateIssued.v1', data, occurredOn: data.issuedOn };
}

export function certificateReissued(options: CertificateOptions & { readonly replacesCertificateId: string }): Fact {
  const data = { ...certificateFacts(options), replacesCertificateId: options.replacesCertificateId };
  const stream = `certificate-${options.certificateId}`;
  return { topic: topics.certification, stream, type: 'CertificateReissued.v1', data, occurredOn: data.issuedOn };
}

export function certificateRevoked(
  certificate: Pick<CertificateOptions, 'certificateId' | 'traineeId' | 'agencyId' | 'runId'>,
  revokedOn: string,
  stream = `certificate-${certificate.certificateId}`,
): Fact {
  return {
    topic: topics.certification,
    stream,
    type: 'CertificateRevoked.v1',
    data: {
      certificateId: certificate.certificateId,
      certificateNumber: '2027/000001',
      traineeId: certificate.traineeId,
      agencyId: certificate.agencyId,
      runId: certificate.runId ?? 'RUN-1',
      revokedOn,
      revokedBy: 'mofa-certifying-officer',
      reason: 'did not attend fully',
    },
    occurredOn: revokedOn,
  };
}

function certificateFacts(options: CertificateOptions) {
  const issuedOn = options.issuedOn ?? '2027-06-30';
  return {
    certificateId: options.certificateId,
    certificateNumber: `${issuedOn.slice(0, 4)}/000001`,
    traineeId: options.traineeId,
    agencyId: options.agencyId,
    targetGroup: options.targetGroup ?? 'regular',
    rank: options.rank ?? 'specialist',
    leadership: false,
    runId: options.runId ?? 'RUN-1',
    courseId: 'COURSE-1',
    courseCode: 'DN-PQ-01',
    level: options.level ?? 'universal',
    trainingGroup: options.trainingGroup ?? 'expertise',
    format: options.format ?? 'in-person',
    runStartDate: '2027-06-01',
    runEndDate: '2027-06-05',
    issuedOn,
    issuedBy: 'mofa-certifying-officer',
    basis: { attendanceShare: '1.0000', assessmentPassed: true, ruleVersion: 1 },
  };
}

/** `count` people of one agency and target group, each with one certificate. */
export function certifiedStaff(
  agencyId: string,
  targetGroup: TargetGroup,
  count: number,
  options: Partial<CertificateOptions> = {},
): Fact[] {
  return Array.from({ length: count }, (_, index) => {
    const traineeId = `${agencyId}-${targetGroup}-${index + 1}`;
    const certificateId = `C-${traineeId}-${options.runId ?? 'RUN-1'}`;
    return certificateIssued({ certificateId, traineeId, agencyId, targetGroup, ...options });
  });
}

export interface RunOptions {
  readonly runId: string;
  readonly completedOn?: string;
  readonly hostAgencyId?: string | null;
  readonly hasForeignLecturer?: boolean;
  readonly level?: CourseLevel;
  readonly trainingGroup?: TrainingGroup;
  readonly format?: CourseFormat;
  readonly sessionsHeld?: readonly string[];
}

export function runCompleted(options: RunOptions): Fact {
  const completedOn = options.completedOn ?? '2027-06-05';
  return {
    topic: topics.courseDelivery,
    stream: `run-${options.runId}`,
    type: 'CourseRunCompleted.v1',
    data: {
      runId: options.runId,
      courseId: 'COURSE-1',
      courseCode: 'DN-PQ-01',
      level: options.level ?? 'universal',
      trainingGroup: options.trainingGroup ?? 'expertise',
      format: options.format ?? 'in-person',
      completedOn,
      sessionsHeld: options.sessionsHeld ?? ['S1', 'S2'],
      hasForeignLecturer: options.hasForeignLecturer ?? false,
      hostAgencyId: options.hostAgencyId ?? null,
      completionRule: {
        ruleVersion: 1,
        minAttendanceShare: '0.8000',
        excusedCountsAsAttended: false,
        assessmentRequired: false,
        passMark: null,
      },
    },
    occurredOn: completedOn,
  };
}

export function attendanceRecorded(
  runId: string,
  sessionId: string,
  traineeId: string,
  status: 'present' | 'late' | 'absent' | 'excused',
  occurredOn = '2027-06-02',
): Fact {
  return {
    topic: topics.courseDelivery,
    stream: `attendance-${runId}`,
    type: 'AttendanceRecorded.v1',
    data: {
      runId,
      sessionId,
      traineeId,
      status,
      observedAt: `${occurredOn}T08:00:00+07:00`,
      recordId: `${runId}-${sessionId}-${traineeId}`,
      postedBy: 'training-institution',
    },
    occurredOn,
  };
}

export function attendanceCorrected(
  runId: string,
  sessionId: string,
  traineeId: string,
  previousStatus: 'present' | 'late' | 'absent' | 'excused',
  newStatus: 'present' | 'late' | 'absent' | 'excused',
  occurredOn = '2027-06-10',
): Fact {
  return {
    topic: topics.courseDelivery,
    stream: `attendance-${runId}`,
    type: 'AttendanceCorrected.v1',
    data: { runId, sessionId, traineeId, previousStatus, newStatus, correctedBy: 'programme-office', reason: 'sheet misread' },
    occurredOn,
  };
}

export function eventIdFor(sequence: number): string {
  return `00000000-0000-4000-8000-${sequence.toString(16).padStart(12, '0')}`;
}

/** A stream's partition, as a keyed producer would pick it. */
export function partitionOf(stream: string, partitions: number): number {
  let hash = 0;
  for (const character of stream) hash = (hash * 31 + character.charCodeAt(0)) % 1_000_003;
  return hash % partitions;
}

/** Places facts in a log: each stream on one partition, offsets in the order the facts are listed. */
export function inLog(facts: readonly Fact[], partitions = 3, firstSequence = 1): EvaluationEvent[] {
  const nextOffsets = new Map<string, bigint>();
  return facts.map((fact, index) => {
    const partition = partitionOf(fact.stream, partitions);
    const place = `${fact.topic}/${partition}`;
    const offset = nextOffsets.get(place) ?? 0n;
    nextOffsets.set(place, offset + 1n);
    return {
      topic: fact.topic,
      partition,
      offset: offset.toString(),
      eventId: eventIdFor(firstSequence + index),
      type: fact.type,
      data: fact.data,
      occurredOn: fact.occurredOn,
    };
  });
}

export interface EvaluationOptions {
  readonly asOf: string;
  readonly kind?: EvaluationKind;
  readonly coverageRule?: CoverageRulePolicy;
  readonly phaseTargets?: PhaseTargetsPolicy;
  readonly reportCodeVersion?: ReportCodeVersion;
}

export function evaluate(events: readonly EvaluationEvent[], options: EvaluationOptions): EvaluationReport {
  return computeEvaluation({
    asOf: options.asOf,
    kind: options.kind ?? 'ad-hoc',
    coverageRule: options.coverageRule ?? anyCertificate,
    phaseTargets: options.phaseTargets ?? phaseTargetsV1,
    events,
    reportCodeVersion: options.reportCodeVersion,
  });
}

/** given(facts).whenEvaluated({ asOf }) — the evaluation of a log holding the facts. */
export function given(...facts: readonly (Fact | readonly Fact[])[]) {
  const events = inLog(facts.flat());
  return { events, whenEvaluated: (options: EvaluationOptions) => evaluate(events, options) };
}

export function agencyIn(report: EvaluationReport, agencyId: string) {
  const agency = report.agencies.find((candidate) => candidate.agencyId === agencyId);
  if (!agency) throw new Error(`agency ${agencyId} is not in the report`);
  return agency;
}
