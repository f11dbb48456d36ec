import {
  type AgencyKind,
  agencyKinds,
  type CourseFormat,
  courseFormats,
  type CourseLevel,
  courseLevels,
  isCalendarDate,
  type Rank,
  ranks,
  type TrainingGroup,
  trainingGroups,
} from '@training-ledger/contracts';
import { assertNever, DomainRuleViolation } from '@training-ledger/decider';
import { canonicalJson, compareCodeUnits, sha256Hex } from './canonical-json';
import {
  effectiveDate,
  isReadType,
  positionEvents,
  readEvent,
  type EvaluationEvent,
  type PositionedEvent,
} from './evaluation-events';
import {
  parseCoverageRulePolicy,
  parsePhaseTargetsPolicy,
  phaseInForce,
  type Band,
  type CoverageRule,
  type CoverageRulePolicy,
  type Phase,
  type PhaseTargetsPolicy,
  type PolicyParse,
} from './policy';
import { Choice, compareTuples } from './choice';
import { evaluationRulesV2 } from './evaluation-rules';
import { comparePositions } from './offsets';
import { collectProgrammeFacts, type ProgrammeFacts, validDate } from './programme-facts';
import { computeProgrammeFigures, type LearnerTime, type ProgrammeFigures } from './programme-figures';
import { compareFractions, fourPlaceShare, parseDecimal } from './shares';

/**
 * Changes whenever the same inputs could give different bytes; quoted in every evaluation issued.
 * Every version ever issued stays computable, so that its evaluations replay byte for byte.
 */
export const reportCodeVersions = ['evaluation/1.0.0', 'evaluation/2.0.0'] as const;
export type ReportCodeVersion = (typeof reportCodeVersions)[number];
/** The version new evaluations are issued under. */
export const reportCodeVersion: ReportCodeVersion = 'evaluation/2.0.0';

export function isReportCodeVersion(version: string): version is ReportCodeVersion {
  return (reportCodeVersions as readonly string[]).includes(version);
}

export const evaluationKinds = ['mid-term', 'final', 'annual', 'ad-hoc'] as const;
export type EvaluationKind = (typeof evaluationKinds)[number];

export interface EvaluationInput {
  /** YYYY-MM-DD: facts that take effect after this date are left out. */
  readonly asOf: string;
  readonly kind: EvaluationKind;
  readonly coverageRule: CoverageRulePolicy;
  readonly phaseTargets: PhaseTargetsPolicy;
  readonly events: readonly EvaluationEvent[];
  /** The code to compute with; the current version when left out. */
  readonly reportCodeVersion?: ReportCodeVersion;
}

export interface ByTargetGroup<T> {
  readonly regular: T;
  readonly nonRegular: T;
}

/** Four-place decimal share, or null where the roster is zero. */
export type Share = string | null;
export type BandStatus = 'below' | 'within' | 'above' | 'no-roster' | 'no-phase';

export interface Figures {
  /** Staff declared on the roster in force on the as-of date. */
  readonly roster: ByTargetGroup<number>;
  /** Distinct people who count as trained under the coverage rule. */
  readonly trained: ByTargetGroup<number>;
  readonly share: ByTargetGroup<Share>;
  readonly band: ByTargetGroup<BandStatus>;
  /** Distinct people holding a certificate in force. */
  readonly peopleCertified: number;
  /** Lượt học viên: distinct (person, course run) pairs with a certificate in force. */
  readonly learnerTimesCertified: number;
  readonly certificatesIssued: number;
  readonly certificatesInForce: number;
  readonly certificatesRevoked: number;
  readonly runsHosted: number;
  readonly runsHostedWithForeignLecturer: number;
}

export interface GroupFigures extends Figures {
  readonly agencies: number;
  readonly agenciesWithRoster: number;
}

export interface AgencyFigures extends Figures {
  readonly agencyId: string;
  readonly code: string | null;
  readonly nameVi: string | null;
  readonly nameEn: string | null;
  readonly kind: AgencyKind | 'unregistered';
  readonly rosterDeclaration: { readonly declarationId: string; readonly asOf: string } | null;
}

export interface DeliveryFigures {
  readonly runsCompleted: number;
  readonly runsWithForeignLecturer: number;
  readonly learnerTimesCertified: number;
  /** Distinct (course run, person) pairs with a present or late mark in a held session of a completed run. */
  readonly learnerTimesAttended: number;
}

export const agencyGroups = ['ministries', 'localities', 'unregistered'] as const;
export type AgencyGroup = (typeof agencyGroups)[number];

export interface InputPartitionSummary {
  readonly topic: string;
  readonly partition: number;
  readonly events: number;
  readonly firstOffset: string;
  readonly lastOffset: string;
}

export interface RejectedEvent {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly eventId: string;
  readonly type: string;
  readonly reason: 'data-does-not-match-contract';
}

export interface EvaluationReport {
  readonly reportCodeVersion: string;
  readonly kind: EvaluationKind;
  readonly asOf: string;
  readonly coverageRule: CoverageRulePolicy;
  readonly phaseTargets: {
    readonly version: number;
    readonly phase: (Phase & { readonly relation: 'current' | 'ended' }) | null;
  };
  readonly inputs: {
    readonly events: number;
    readonly duplicateEvents: number;
    readonly rejectedEvents: readonly RejectedEvent[];
    readonly partitions: readonly InputPartitionSummary[];
  };
  readonly national: GroupFigures;
  readonly agencyGroups: Readonly<Record<AgencyGroup, GroupFigures>>;
  readonly agencyKinds: Readonly<Record<AgencyKind | 'unregistered', GroupFigures>>;
  /** Ordered by agency id. */
  readonly agencies: readonly AgencyFigures[];
  readonly courses: DeliveryFigures & { readonly peopleAttended: number };
  readonly byRank: Readonly<Record<Rank, { readonly learnerTimesCertified: number; readonly peopleCertified: number }>>;
  readonly byLevel: Readonly<Record<CourseLevel, DeliveryFigures>>;
  readonly byTrainingGroup: Readonly<Record<TrainingGroup, DeliveryFigures>>;
  readonly byFormat: Readonly<Record<CourseFormat, DeliveryFigures>>;
  /** Since evaluation/2.0.0: the rules the figures follow, as the report states them. */
  readonly rules?: readonly string[];
  /** Since evaluation/2.0.0: the figures the reviews publish, per scope. */
  readonly programme?: ProgrammeFigures;
}

/**
 * Computes an evaluation from the events read and the policies in force. The result depends only
 * on the set of events, never on how partitions and topics were interleaved: events are first put
 * in (topic, partition, offset) order, and every rule that relates events (a revocation and its
 * certificate, a reissue and the certificate it replaces, the latest roster) is decided by the facts'
 * own dates and identifiers, not by which arrived first.
 */
export function computeEvaluation(input: EvaluationInput): EvaluationReport {
  if (typeof input.asOf !== 'string' || !isCalendarDate(input.asOf)) {
    throw new DomainRuleViolation('as-of-is-a-date', `as-of date ${String(input.asOf)} is not a calendar date`, 'asOf');
  }
  if (!evaluationKinds.includes(input.kind)) {
    throw new DomainRuleViolation('evaluation-kind-known', `${String(input.kind)} is not a kind of evaluation`, 'kind');
  }
  const version = input.reportCodeVersion ?? reportCodeVersion;
  if (!isReportCodeVersion(version)) {
    throw new DomainRuleViolation('report-code-version-known', `${String(version)} is not a report code version`, 'reportCodeVersion');
  }
  const coverageRule = requirePolicy(parseCoverageRulePolicy(input.coverageRule), 'coverageRule');
  const phaseTargets = requirePolicy(parsePhaseTargetsPolicy(input.phaseTargets), 'phaseTargets');
  const inForce = phaseInForce(phaseTargets.targets, input.asOf);

  const events = positionEvents(input.events);
  const { firstDeliveries, duplicateEvents } = dropRedeliveries(events);
  const programmeFacts = version === 'evaluation/1.0.0' ? null : collectProgrammeFacts(firstDeliveries, input.asOf);
  const dateOf: DateOf = programmeFacts ? (event) => validDate(event, programmeFacts.sessionDate) : effectiveDate;
  const facts = collectFacts(firstDeliveries, input.asOf, dateOf);
  const bands = inForce?.phase.bands ?? null;
  const figures = countFigures(facts, coverageRule.rule, bands);
  const rejectedEvents = programmeFacts ? mergeRejected(facts.rejected, programmeFacts.rejected.map(rejection)) : facts.rejected;

  return {
    reportCodeVersion: version,
    kind: input.kind,
    asOf: input.asOf,
    coverageRule,
    phaseTargets: { version: phaseTargets.version, phase: inForce ? { ...inForce.phase, relation: inForce.relation } : null },
    inputs: {
      events: events.length,
      duplicateEvents,
      rejectedEvents,
      partitions: summarisePartitions(events),
    },
    ...figures,
    ...(programmeFacts ? { rules: evaluationRulesV2, programme: programmeFiguresOf(facts, programmeFacts) } : {}),
  };
}

type DateOf = (event: { readonly type: string; readonly data: unknown; readonly occurredOn: string }) => string;

function mergeRejected(a: readonly RejectedEvent[], b: readonly RejectedEvent[]): RejectedEvent[] {
  const at = (event: RejectedEvent) => ({ topic: event.topic, partition: event.partition, offset: BigInt(event.offset) });
  return [...a, ...b].sort((x, y) => comparePositions(at(x), at(y)));
}

function rejection(event: PositionedEvent): RejectedEvent {
  return {
    topic: event.topic,
    partition: event.partition,
    offset: event.offset.toString(),
    eventId: event.eventId,
    type: event.type,
    // A fixed reason: the wording of validation messages changes with library versions, the report must not.
    reason: 'data-does-not-match-contract',
  };
}

/** The runs, learner-times and feedback of evaluation/2.0.0's programme figures, from the facts in force. */
function programmeFiguresOf(facts: Facts, programme: ProgrammeFacts): ProgrammeFigures {
  const certified = [...groupBy(certificatesInForce(facts), (certificate) => JSON.stringify([certificate.traineeId, certificate.runId])).values()]
    .map(latestCertificate)
    .map((certificate): LearnerTime => ({
      runId: certificate.runId,
      traineeId: certificate.traineeId,
      who: certificate,
      order: [certificate.issuedOn, certificate.certificateId],
    }));
  return computeProgrammeFigures({
    runs: [...facts.runs.values()].map((run) => ({ ...run, eligibleRanks: programme.eligibleRanks(run.runId) })),
    attended: attendedLearnerTimes(facts).map(({ run, traineeId }) => ({
      runId: run.runId,
      traineeId,
      who: programme.attribution(run.runId, traineeId),
      order: [run.completedOn, run.runId],
    })),
    certified,
    feedback: programme.feedback,
    listedAgencies: facts.listedAgencies,
    kindOf: (agencyId) => facts.registrations.get(agencyId)?.kind ?? 'unregistered',
    groupOf: agencyGroupOf,
  });
}

function certificatesInForce(facts: Facts): Certificate[] {
  return [...facts.certificates.values()].filter(
    (certificate) => !facts.revoked.has(certificate.certificateId) && !facts.superseded.has(certificate.certificateId),
  );
}

/** Distinct (run, person) with a final mark of present or late in a session the completed run held. */
function attendedLearnerTimes(facts: Facts): { readonly run: CompletedRun; readonly traineeId: string }[] {
  const attended = new Map<string, { readonly run: CompletedRun; readonly traineeId: string }>();
  for (const mark of facts.marks) {
    const run = facts.runs.get(mark.runId);
    if (!run || !run.sessionsHeld.has(mark.sessionId) || !attendedStatuses.has(mark.status)) continue;
    attended.set(JSON.stringify([mark.runId, mark.traineeId]), { run, traineeId: mark.traineeId });
  }
  return [...attended.values()];
}

export function renderReport(report: EvaluationReport): { readonly canonicalJson: string; readonly sha256: string } {
  const text = canonicalJson(report);
  return { canonicalJson: text, sha256: sha256Hex(text) };
}

function requirePolicy<T>(parsed: PolicyParse<T>, field: string): T {
  if (!parsed.ok) throw new DomainRuleViolation('policy-valid', `${field}: ${parsed.reason}`, field);
  return parsed.policy;
}

/**
 * Kafka may deliver one event more than once, at different offsets: the copy at the earliest
 * position counts, the others are only counted as duplicates.
 */
function dropRedeliveries(events: readonly PositionedEvent[]): {
  readonly firstDeliveries: readonly PositionedEvent[];
  readonly duplicateEvents: number;
} {
  const seen = new Set<string>();
  const firstDeliveries = events.filter((event) => {
    if (seen.has(event.eventId)) return false;
    seen.add(event.eventId);
    return true;
  });
  return { firstDeliveries, duplicateEvents: events.length - firstDeliveries.length };
}

function summarisePartitions(events: readonly PositionedEvent[]): InputPartitionSummary[] {
  const summaries: InputPartitionSummary[] = [];
  for (const event of events) {
    const last = summaries.at(-1);
    if (last && last.topic === event.topic && last.partition === event.partition) {
      summaries[summaries.length - 1] = { ...last, events: last.events + 1, lastOffset: event.offset.toString() };
    } else {
      const offset = event.offset.toString();
      summaries.push({ topic: event.topic, partition: event.partition, events: 1, firstOffset: offset, lastOffset: offset });
    }
  }
  return summaries;
}

interface Registration {
  readonly code: string;
  readonly kind: AgencyKind;
  readonly nameVi: string;
  readonly nameEn: string;
}

interface Certificate {
  readonly certificateId: string;
  readonly traineeId: string;
  readonly agencyId: string;
  readonly targetGroup: 'regular' | 'non-regular';
  readonly rank: Rank;
  readonly runId: string;
  readonly level: CourseLevel;
  readonly trainingGroup: TrainingGroup;
  readonly format: CourseFormat;
  readonly issuedOn: string;
  readonly leadership: boolean;
}

interface CompletedRun {
  readonly runId: string;
  readonly level: CourseLevel;
  readonly trainingGroup: TrainingGroup;
  readonly format: CourseFormat;
  readonly hasForeignLecturer: boolean;
  readonly hostAgencyId: string | null;
  readonly sessionsHeld: ReadonlySet<string>;
  readonly completedOn: string;
}

interface RosterInForce {
  readonly declarationId: string;
  readonly asOf: string;
  readonly regular: number;
  readonly nonRegular: number;
}

interface AttendanceMark {
  readonly runId: string;
  readonly sessionId: string;
  readonly traineeId: string;
  readonly status: string;
}

interface Facts {
  readonly registrations: ReadonlyMap<string, Registration>;
  readonly listedAgencies: ReadonlySet<string>;
  readonly names: ReadonlyMap<string, { readonly nameVi: string; readonly nameEn: string }>;
  readonly rosters: ReadonlyMap<string, RosterInForce>;
  readonly certificates: ReadonlyMap<string, Certificate>;
  readonly superseded: ReadonlySet<string>;
  readonly revoked: ReadonlySet<string>;
  readonly runs: ReadonlyMap<string, CompletedRun>;
  readonly marks: readonly AttendanceMark[];
  readonly rejected: readonly RejectedEvent[];
}

/** Collects the facts in force on `asOf`; events arrive in (topic, partition, offset) order. */
function collectFacts(events: readonly PositionedEvent[], asOf: string, dateOf: DateOf): Facts {
  const registrations = new Choice<Registration>('first');
  const listedAgencies = new Set<string>();
  const renames = new Map<string, { nameVi: string; nameEn: string; occurredOn: string }>();
  const rosters = new Choice<RosterInForce>('last');
  const certificates = new Choice<Certificate>('first');
  const superseded = new Set<string>();
  const revoked = new Set<string>();
  const runs = new Choice<CompletedRun>('first');
  const marks = new Map<string, AttendanceMark>();
  const rejected: RejectedEvent[] = [];

  for (const event of events) {
    if (!isReadType(event.topic, event.type)) continue;
    const read = readEvent(event);
    if (!read) {
      rejected.push(rejection(event));
      continue;
    }
    const takesEffect = dateOf({ type: read.type, data: read.data, occurredOn: event.occurredOn }) <= asOf;
    const { occurredOn, eventId } = event;
    switch (read.type) {
      case 'AgencyRegistered.v1': {
        const { agencyId, code, kind, nameVi, nameEn } = read.data;
        registrations.offer(agencyId, { code, kind, nameVi, nameEn }, [occurredOn, eventId]);
        if (takesEffect) listedAgencies.add(agencyId);
        break;
      }
      case 'AgencyRenamed.v1': {
        const current = renames.get(read.data.agencyId);
        // On the same day the rename later in the log wins, whichever partition it sits in.
        if (takesEffect && (!current || current.occurredOn <= occurredOn)) {
          renames.set(read.data.agencyId, { nameVi: read.data.nameVi, nameEn: read.data.nameEn, occurredOn });
        }
        break;
      }
      case 'StaffRosterDeclared.v1': {
        const { agencyId, declarationId, regular, nonRegular } = read.data;
        if (takesEffect) {
          rosters.offer(agencyId, { declarationId, asOf: read.data.asOf, regular, nonRegular }, [
            read.data.asOf,
            occurredOn,
            eventId,
          ]);
        }
        break;
      }
      case 'CertificateIssued.v1':
      case 'CertificateReissued.v1': {
        if (!takesEffect) break;
        const { certificateId, traineeId, agencyId, targetGroup, rank, runId, level, trainingGroup, format, issuedOn, leadership } =
          read.data;
        certificates.offer(
          certificateId,
          { certificateId, traineeId, agencyId, targetGroup, rank, runId, level, trainingGroup, format, issuedOn, leadership },
          [issuedOn, eventId],
        );
        if (read.type === 'CertificateReissued.v1') superseded.add(read.data.replacesCertificateId);
        break;
      }
      case 'CertificateRevoked.v1':
        if (takesEffect) revoked.add(read.data.certificateId);
        break;
      case 'CourseRunCompleted.v1': {
        if (!takesEffect) break;
        const { runId, level, trainingGroup, format, hasForeignLecturer, hostAgencyId, sessionsHeld, completedOn } =
          read.data;
        runs.offer(
          runId,
          { runId, level, trainingGroup, format, hasForeignLecturer, hostAgencyId, sessionsHeld: new Set(sessionsHeld), completedOn },
          [completedOn, eventId],
        );
        break;
      }
      case 'AttendanceRecorded.v1':
      case 'AttendanceCorrected.v1': {
        if (!takesEffect) break;
        const { runId, sessionId, traineeId } = read.data;
        const status = read.type === 'AttendanceRecorded.v1' ? read.data.status : read.data.newStatus;
        // The last mark in log order stands: within a partition, offset order.
        marks.set(JSON.stringify([runId, sessionId, traineeId]), { runId, sessionId, traineeId, status });
        break;
      }
      default:
        assertNever(read, 'event read by evaluations');
    }
  }

  const names = new Map<string, { readonly nameVi: string; readonly nameEn: string }>();
  for (const [agencyId, registration] of registrations.chosen()) names.set(agencyId, registration);
  for (const [agencyId, rename] of renames) names.set(agencyId, rename);
  return {
    registrations: registrations.chosen(),
    listedAgencies,
    names,
    rosters: rosters.chosen(),
    certificates: certificates.chosen(),
    superseded,
    revoked,
    runs: runs.chosen(),
    marks: [...marks.values()],
    rejected,
  };
}

interface Tally {
  agencies: number;
  agenciesWithRoster: number;
  rosterRegular: number;
  rosterNonRegular: number;
  trainedRegular: number;
  trainedNonRegular: number;
  peopleCertified: number;
  learnerTimesCertified: number;
  certificatesIssued: number;
  certificatesInForce: number;
  certificatesRevoked: number;
  runsHosted: number;
  runsHostedWithForeignLecturer: number;
}

interface DeliveryTally {
  runsCompleted: number;
  runsWithForeignLecturer: number;
  learnerTimesCertified: number;
  learnerTimesAttended: number;
}

type CountedFigures = Pick<
  EvaluationReport,
  'national' | 'agencyGroups' | 'agencyKinds' | 'agencies' | 'courses' | 'byRank' | 'byLevel' | 'byTrainingGroup' | 'byFormat'
>;

function countFigures(facts: Facts, rule: CoverageRule, bands: Phase['bands'] | null): CountedFigures {
  const tallies = new Map<string, Tally>();
  const tallyOf = (agencyId: string): Tally => {
    let tally = tallies.get(agencyId);
    if (!tally) {
      tally = { ...emptyTally(), agencies: 1 };
      tallies.set(agencyId, tally);
    }
    return tally;
  };
  for (const agencyId of facts.listedAgencies) tallyOf(agencyId);

  for (const [agencyId, roster] of facts.rosters) {
    const tally = tallyOf(agencyId);
    tally.agenciesWithRoster = 1;
    tally.rosterRegular = roster.regular;
    tally.rosterNonRegular = roster.nonRegular;
  }

  const inForce: Certificate[] = [];
  for (const certificate of facts.certificates.values()) {
    const tally = tallyOf(certificate.agencyId);
    tally.certificatesIssued += 1;
    if (facts.revoked.has(certificate.certificateId)) tally.certificatesRevoked += 1;
    else if (!facts.superseded.has(certificate.certificateId)) {
      tally.certificatesInForce += 1;
      inForce.push(certificate);
    }
  }

  const byRank = recordOf(ranks, () => ({ learnerTimesCertified: 0, peopleCertified: 0 }));
  const byLevel = recordOf(courseLevels, emptyDelivery);
  const byTrainingGroup = recordOf(trainingGroups, emptyDelivery);
  const byFormat = recordOf(courseFormats, emptyDelivery);
  const deliveryTallies = (of: { level: CourseLevel; trainingGroup: TrainingGroup; format: CourseFormat }) => [
    byLevel[of.level],
    byTrainingGroup[of.trainingGroup],
    byFormat[of.format],
  ];

  for (const certificates of groupBy(inForce, (certificate) => certificate.traineeId).values()) {
    const latest = latestCertificate(certificates);
    tallyOf(latest.agencyId).peopleCertified += 1;
    byRank[latest.rank].peopleCertified += 1;
    const qualifying = certificatesThatTrain(rule, certificates);
    if (qualifying.length > 0) {
      const attributed = latestCertificate(qualifying);
      const tally = tallyOf(attributed.agencyId);
      if (attributed.targetGroup === 'regular') tally.trainedRegular += 1;
      else tally.trainedNonRegular += 1;
    }
  }

  const learnerTimes = groupBy(inForce, (certificate) => JSON.stringify([certificate.traineeId, certificate.runId]));
  for (const certificates of learnerTimes.values()) {
    const latest = latestCertificate(certificates);
    tallyOf(latest.agencyId).learnerTimesCertified += 1;
    byRank[latest.rank].learnerTimesCertified += 1;
    for (const tally of deliveryTallies(latest)) tally.learnerTimesCertified += 1;
  }

  const courses = { ...emptyDelivery(), peopleAttended: 0 };
  for (const run of facts.runs.values()) {
    const foreign = run.hasForeignLecturer ? 1 : 0;
    for (const tally of [courses, ...deliveryTallies(run)]) {
      tally.runsCompleted += 1;
      tally.runsWithForeignLecturer += foreign;
    }
    if (run.hostAgencyId !== null) {
      const tally = tallyOf(run.hostAgencyId);
      tally.runsHosted += 1;
      tally.runsHostedWithForeignLecturer += foreign;
    }
  }
  courses.learnerTimesCertified = learnerTimes.size;

  const attended = attendedLearnerTimes(facts);
  for (const { run } of attended) {
    for (const tally of [courses, ...deliveryTallies(run)]) tally.learnerTimesAttended += 1;
  }
  courses.peopleAttended = new Set(attended.map((learnerTime) => learnerTime.traineeId)).size;

  const national = emptyTally();
  const groups = recordOf(agencyGroups, emptyTally);
  const kinds = recordOf([...agencyKinds, 'unregistered'] as const, emptyTally);
  const agencies: AgencyFigures[] = [];
  for (const agencyId of [...tallies.keys()].sort(compareCodeUnits)) {
    const tally = tallies.get(agencyId) as Tally;
    const registration = facts.registrations.get(agencyId);
    const kind = registration?.kind ?? 'unregistered';
    for (const total of [national, groups[agencyGroupOf(kind)], kinds[kind]]) addTally(total, tally);
    const names = facts.names.get(agencyId);
    const roster = facts.rosters.get(agencyId);
    agencies.push({
      agencyId,
      code: registration?.code ?? null,
      nameVi: names?.nameVi ?? null,
      nameEn: names?.nameEn ?? null,
      kind,
      rosterDeclaration: roster ? { declarationId: roster.declarationId, asOf: roster.asOf } : null,
      ...figuresOf(tally, bands),
    });
  }

  return {
    national: groupFiguresOf(national, bands),
    agencyGroups: mapRecord(groups, (tally) => groupFiguresOf(tally, bands)),
    agencyKinds: mapRecord(kinds, (tally) => groupFiguresOf(tally, bands)),
    agencies,
    courses,
    byRank,
    byLevel,
    byTrainingGroup,
    byFormat,
  };
}

const attendedStatuses: ReadonlySet<string> = new Set(['present', 'late']);

function certificatesThatTrain(rule: CoverageRule, inForce: readonly Certificate[]): readonly Certificate[] {
  switch (rule.kind) {
    case 'any-certificate':
      return inForce;
    case 'universal-in-both-groups': {
      const universal = inForce.filter((certificate) => certificate.level === 'universal');
      const covers = (group: TrainingGroup) => universal.some((certificate) => certificate.trainingGroup === group);
      return covers('expertise') && covers('skills-and-style') ? universal : [];
    }
    default:
      return assertNever(rule, 'coverage rule');
  }
}

/** The certificate that speaks for a person: the latest issued, ties broken by certificate id. */
function latestCertificate(certificates: readonly Certificate[]): Certificate {
  return certificates.reduce((latest, certificate) =>
    compareTuples([certificate.issuedOn, certificate.certificateId], [latest.issuedOn, latest.certificateId]) > 0
      ? certificate
      : latest,
  );
}

function agencyGroupOf(kind: AgencyKind | 'unregistered'): AgencyGroup {
  switch (kind) {
    case 'ministry':
    case 'ministerial-level-agency':
    case 'government-agency':
      return 'ministries';
    case 'province':
    case 'commune':
      return 'localities';
    case 'unregistered':
      return 'unregistered';
    default:
      return assertNever(kind, 'agency kind');
  }
}

function figuresOf(tally: Tally, bands: Phase['bands'] | null): Figures {
  return {
    roster: { regular: tally.rosterRegular, nonRegular: tally.rosterNonRegular },
    trained: { regular: tally.trainedRegular, nonRegular: tally.trainedNonRegular },
    share: {
      regular: fourPlaceShare(tally.trainedRegular, tally.rosterRegular),
      nonRegular: fourPlaceShare(tally.trainedNonRegular, tally.rosterNonRegular),
    },
    band: {
      regular: bandStatus(tally.trainedRegular, tally.rosterRegular, bands?.regular ?? null),
      nonRegular: bandStatus(tally.trainedNonRegular, tally.rosterNonRegular, bands?.nonRegular ?? null),
    },
    peopleCertified: tally.peopleCertified,
    learnerTimesCertified: tally.learnerTimesCertified,
    certificatesIssued: tally.certificatesIssued,
    certificatesInForce: tally.certificatesInForce,
    certificatesRevoked: tally.certificatesRevoked,
    runsHosted: tally.runsHosted,
    runsHostedWithForeignLecturer: tally.runsHostedWithForeignLecturer,
  };
}

function groupFiguresOf(tally: Tally, bands: Phase['bands'] | null): GroupFigures {
  return { agencies: tally.agencies, agenciesWithRoster: tally.agenciesWithRoster, ...figuresOf(tally, bands) };
}

/** Judged on the exact fraction, not on the rounded share, so that 0.29996 is below a band starting at 0.30. */
export function bandStatus(trained: number, roster: number, band: Band | null): BandStatus {
  if (band === null) return 'no-phase';
  if (roster === 0) return 'no-roster';
  const share = { numerator: BigInt(trained), denominator: BigInt(roster) };
  if (compareFractions(share, parseDecimal(band.min)) < 0) return 'below';
  if (compareFractions(share, parseDecimal(band.max)) > 0) return 'above';
  return 'within';
}

function emptyTally(): Tally {
  return {
    agencies: 0,
    agenciesWithRoster: 0,
    rosterRegular: 0,
    rosterNonRegular: 0,
    trainedRegular: 0,
    trainedNonRegular: 0,
    peopleCertified: 0,
    learnerTimesCertified: 0,
    certificatesIssued: 0,
    certificatesInForce: 0,
    certificatesRevoked: 0,
    runsHosted: 0,
    runsHostedWithForeignLecturer: 0,
  };
}

function addTally(total: Tally, tally: Tally): void {
  for (const key of Object.keys(total) as (keyof Tally)[]) total[key] += tally[key];
}

function emptyDelivery(): DeliveryTally {
  return { runsCompleted: 0, runsWithForeignLecturer: 0, learnerTimesCertified: 0, learnerTimesAttended: 0 };
}

function recordOf<K extends string, V>(keys: readonly K[], make: () => V): Record<K, V> {
  return Object.fromEntries(keys.map((key) => [key, make()])) as Record<K, V>;
}

function mapRecord<K extends string, V, W>(record: Record<K, V>, map: (value: V) => W): Record<K, W> {
  return Object.fromEntries((Object.entries(record) as [K, V][]).map(([key, value]) => [key, map(value)])) as Record<K, W>;
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/** The date each event is about, as `version` dates it: what a restatement's late facts are judged by. */
export function datingFor(version: ReportCodeVersion, events: readonly EvaluationEvent[]): (event: EvaluationEvent) => string {
  if (version === 'evaluation/1.0.0') return effectiveDate;
  const { sessionDate } = collectProgrammeFacts(positionEvents(events), '9999-12-31');
  return (event) => validDate(event, sessionDate);
}
