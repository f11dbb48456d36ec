import {
  agencyKinds,
  courseFormats,
  courseLevels,
  ranks,
  trainingGroups,
  type AgencyKind,
  type AttendanceStatus,
  type CourseFormat,
  type CourseLevel,
  type Rank,
  type TrainingGroup,
} from '@training-ledger/contracts';
import type { PostedFacts } from './posted-facts';

/**
 * The figures an evaluation (sơ kết, tổng kết) must report, worked out from what the simulation
 * posted and the services accepted, without any of the reporting service's code: the independent
 * side of the end-to-end check. The result has the shape of the matching parts of the report, so a
 * test compares `reportFiguresToCompare(report)` with `expectedEvaluation(facts, options)` in one
 * `toEqual`.
 *
 * Assumptions the facts cannot check:
 * - every evaluation is computed after every posted fact reached the reporting service's log; the
 *   rules below choose by each fact's own dates, never by arrival, so a late roster or a late
 *   correction counts as soon as it is read;
 * - every agency in `facts.agencies` was registered by the as-of date; a rename takes effect on the
 *   day it was posted, and the report names an agency as it was named on the as-of date;
 * - `postedOn` is the Viet Nam calendar day of the event's `occurredAt`, which is what the
 *   report reads as `occurredOn`.
 */

export type EvaluationKind = 'mid-term' | 'final' | 'annual' | 'ad-hoc';

export type CoverageRule = { readonly kind: 'any-certificate' } | { readonly kind: 'universal-in-both-groups' };

/** A share band written as decimals, such as `{ min: '0.30', max: '0.40' }`; both ends belong to it. */
export interface ShareBand {
  readonly min: string;
  readonly max: string;
}

export interface PhaseBands {
  readonly regular: ShareBand;
  readonly nonRegular: ShareBand;
}

export interface GroundTruthOptions {
  readonly asOf: string;
  readonly kind: EvaluationKind;
  readonly coverageRule: CoverageRule;
  /** The bands of the phase the evaluation is judged against; null when there is none. */
  readonly bands: PhaseBands | null;
}

export interface ByTargetGroup<T> {
  readonly regular: T;
  readonly nonRegular: T;
}

export type Share = string | null;
export type BandStatus = 'below' | 'within' | 'above' | 'no-roster' | 'no-phase';

export interface ExpectedFigures {
  readonly roster: ByTargetGroup<number>;
  readonly trained: ByTargetGroup<number>;
  readonly share: ByTargetGroup<Share>;
  readonly band: ByTargetGroup<BandStatus>;
  readonly peopleCertified: number;
  readonly learnerTimesCertified: number;
  readonly certificatesIssued: number;
  readonly certificatesInForce: number;
  readonly certificatesRevoked: number;
  readonly runsHosted: number;
  readonly runsHostedWithForeignLecturer: number;
}

export interface ExpectedGroupFigures extends ExpectedFigures {
  readonly agencies: number;
  readonly agenciesWithRoster: number;
}

/** An agency's figures without `code` and `nameEn`, which the posted facts do not hold. */
export interface ExpectedAgencyFigures extends ExpectedFigures {
  readonly agencyId: string;
  readonly nameVi: string | null;
  readonly kind: AgencyKind | 'unregistered';
  readonly rosterDeclaration: { readonly declarationId: string; readonly asOf: string } | null;
}

export interface ExpectedDeliveryFigures {
  readonly runsCompleted: number;
  readonly runsWithForeignLecturer: number;
  readonly learnerTimesCertified: number;
  readonly learnerTimesAttended: number;
}

export type AgencyGroup = 'ministries' | 'localities' | 'unregistered';

export interface ExpectedEvaluation {
  readonly kind: EvaluationKind;
  readonly asOf: string;
  readonly national: ExpectedGroupFigures;
  readonly agencyGroups: Readonly<Record<AgencyGroup, ExpectedGroupFigures>>;
  readonly agencyKinds: Readonly<Record<AgencyKind | 'unregistered', ExpectedGroupFigures>>;
  /** Ordered by agency id, in UTF-16 code unit order. */
  readonly agencies: readonly ExpectedAgencyFigures[];
  readonly courses: ExpectedDeliveryFigures & { readonly peopleAttended: number };
  readonly byRank: Readonly<Record<Rank, { readonly learnerTimesCertified: number; readonly peopleCertified: number }>>;
  readonly byLevel: Readonly<Record<CourseLevel, ExpectedDeliveryFigures>>;
  readonly byTrainingGroup: Readonly<Record<TrainingGroup, ExpectedDeliveryFigures>>;
  readonly byFormat: Readonly<Record<CourseFormat, ExpectedDeliveryFigures>>;
}

/**
 * What the comparison leaves out of a report, and why:
 * - `reportCodeVersion`, `coverageRule` (its version number), `phaseTargets` (phase id, names, dates,
 *   relation) and `inputs` (event counts, duplicates, rejected events, partitions and offsets) describe
 *   the computation and the Kafka log, not the facts;
 * - per agency, `code` and `nameEn`, which registration carries but the posted facts do not keep.
 */
export const reportFieldsNotCompared = {
  report: ['reportCodeVersion', 'coverageRule', 'phaseTargets', 'inputs', 'rules', 'programme'],
  agency: ['code', 'nameEn'],
} as const;

/** The parts of an evaluation report that `expectedEvaluation` predicts; a full report fits this type. */
export type ComparableReport = Omit<ExpectedEvaluation, 'agencies'> & {
  readonly agencies: readonly (ExpectedAgencyFigures & { readonly code: string | null; readonly nameEn: string | null })[];
};

export function reportFiguresToCompare(report: ComparableReport): ExpectedEvaluation {
  return {
    kind: report.kind,
    asOf: report.asOf,
    national: report.national,
    agencyGroups: report.agencyGroups,
    agencyKinds: report.agencyKinds,
    agencies: report.agencies.map(({ code: _code, nameEn: _nameEn, ...compared }) => compared),
    courses: report.courses,
    byRank: report.byRank,
    byLevel: report.byLevel,
    byTrainingGroup: report.byTrainingGroup,
    byFormat: report.byFormat,
  };
}

/**
 * The bands of Decision 892/QĐ-TTg (Mục tiêu cụ thể) for an evaluation as of `asOf`: the phase whose
 * years hold the date, after 2031 the last phase, before 2026 none.
 */
export function decision892Bands(asOf: string): PhaseBands | null {
  if (asOf < '2026-01-01') return null;
  if (asOf <= '2028-12-31') return { regular: { min: '0.30', max: '0.40' }, nonRegular: { min: '0.30', max: '0.40' } };
  return { regular: { min: '0.70', max: '0.80' }, nonRegular: { min: '0.50', max: '0.60' } };
}

type PostedCertificate = PostedFacts['certificates'][number];
type PostedRun = PostedFacts['runs'][number];
type PostedRoster = PostedFacts['rosters'][number];

interface Counts {
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

interface DeliveryCounts {
  runsCompleted: number;
  runsWithForeignLecturer: number;
  learnerTimesCertified: number;
  learnerTimesAttended: number;
}

/** The agency's name on a day: its latest rename by then, else the name it was registered under. */
function nameOn(agency: PostedFacts['agencies'][number], day: string): string {
  return agency.renames.filter((rename) => rename.on <= day).at(-1)?.nameVi ?? agency.nameVi;
}

export function expectedEvaluation(facts: PostedFacts, options: GroundTruthOptions): ExpectedEvaluation {
  const { asOf } = options;
  const registrations = indexOnce(facts.agencies, (agency) => agency.agencyId, 'agency');
  indexOnce(facts.certificates, (certificate) => certificate.certificateId, 'certificate');
  indexOnce(facts.runs, (run) => run.runId, 'run');

  const countsByAgency = new Map<string, Counts>();
  const countsOf = (agencyId: string): Counts => {
    let counts = countsByAgency.get(agencyId);
    if (counts === undefined) {
      counts = { ...zeroCounts(), agencies: 1 };
      countsByAgency.set(agencyId, counts);
    }
    return counts;
  };
  for (const agencyId of registrations.keys()) countsOf(agencyId);

  const rosters = rostersInForce(facts.rosters, asOf);
  for (const [agencyId, roster] of rosters) {
    const counts = countsOf(agencyId);
    counts.agenciesWithRoster = 1;
    counts.rosterRegular = roster.regular;
    counts.rosterNonRegular = roster.nonRegular;
  }

  const issued = facts.certificates.filter((certificate) => certificate.issuedOn <= asOf);
  const replaced = new Set(issued.flatMap((certificate) => certificate.replacesCertificateId ?? []));
  const isRevoked = (certificate: PostedCertificate) => certificate.revokedOn !== null && certificate.revokedOn <= asOf;
  const inForce = issued.filter((certificate) => !isRevoked(certificate) && !replaced.has(certificate.certificateId));
  for (const certificate of issued) {
    const counts = countsOf(certificate.agencyId);
    counts.certificatesIssued += 1;
    // A revoked certificate counts as revoked even when a reissue also replaced it.
    if (isRevoked(certificate)) counts.certificatesRevoked += 1;
  }
  for (const certificate of inForce) countsOf(certificate.agencyId).certificatesInForce += 1;

  const byRank = recordOf(ranks, () => ({ learnerTimesCertified: 0, peopleCertified: 0 }));
  const byLevel = recordOf(courseLevels, zeroDelivery);
  const byTrainingGroup = recordOf(trainingGroups, zeroDelivery);
  const byFormat = recordOf(courseFormats, zeroDelivery);
  const breakdownsOf = (of: { level: CourseLevel; trainingGroup: TrainingGroup; format: CourseFormat }) => [
    byLevel[of.level],
    byTrainingGroup[of.trainingGroup],
    byFormat[of.format],
  ];

  for (const held of groupedBy(inForce, (certificate) => certificate.traineeId).values()) {
    const speaksForPerson = latestOf(held);
    countsOf(speaksForPerson.agencyId).peopleCertified += 1;
    byRank[speaksForPerson.rank].peopleCertified += 1;
    const reliedOn = certificatesTheRuleReliesOn(options.coverageRule, held);
    if (reliedOn.length > 0) {
      const attributed = latestOf(reliedOn);
      const counts = countsOf(attributed.agencyId);
      if (attributed.targetGroup === 'regular') counts.trainedRegular += 1;
      else counts.trainedNonRegular += 1;
    }
  }

  const learnerTimes = groupedBy(inForce, (certificate) => JSON.stringify([certificate.traineeId, certificate.runId]));
  for (const held of learnerTimes.values()) {
    const latest = latestOf(held);
    countsOf(latest.agencyId).learnerTimesCertified += 1;
    byRank[latest.rank].learnerTimesCertified += 1;
    for (const breakdown of breakdownsOf(latest)) breakdown.learnerTimesCertified += 1;
  }

  const courses = { ...zeroDelivery(), peopleAttended: 0 };
  courses.learnerTimesCertified = learnerTimes.size;
  const completedRuns = new Map(
    facts.runs.filter((run) => run.completedOn !== null && run.completedOn <= asOf).map((run) => [run.runId, run]),
  );
  for (const run of completedRuns.values()) {
    const foreignLecturer = run.hasForeignLecturer ? 1 : 0;
    for (const delivery of [courses, ...breakdownsOf(run)]) {
      delivery.runsCompleted += 1;
      delivery.runsWithForeignLecturer += foreignLecturer;
    }
    if (run.hostAgencyId !== null) {
      const counts = countsOf(run.hostAgencyId);
      counts.runsHosted += 1;
      counts.runsHostedWithForeignLecturer += foreignLecturer;
    }
  }

  const attended = learnerTimesAttended(facts.attendance, completedRuns, asOf);
  for (const { run } of attended.values()) {
    for (const delivery of [courses, ...breakdownsOf(run)]) delivery.learnerTimesAttended += 1;
  }
  courses.peopleAttended = new Set([...attended.values()].map(({ traineeId }) => traineeId)).size;

  const national = zeroCounts();
  const groups = recordOf(['ministries', 'localities', 'unregistered'] as const, zeroCounts);
  const kinds = recordOf([...agencyKinds, 'unregistered'] as const, zeroCounts);
  const agencies: ExpectedAgencyFigures[] = [];
  for (const agencyId of [...countsByAgency.keys()].sort(byCodeUnits)) {
    const counts = countsByAgency.get(agencyId)!;
    const registration = registrations.get(agencyId);
    const kind = registration?.kind ?? 'unregistered';
    for (const total of [national, groups[groupOfKind(kind)], kinds[kind]]) addCounts(total, counts);
    const roster = rosters.get(agencyId);
    agencies.push({
      agencyId,
      nameVi: registration ? nameOn(registration, asOf) : null,
      kind,
      rosterDeclaration: roster ? { declarationId: roster.declarationId, asOf: roster.asOf } : null,
      ...figuresOf(counts, options.bands),
    });
  }

  return {
    kind: options.kind,
    asOf,
    national: groupFiguresOf(national, options.bands),
    agencyGroups: mapValues(groups, (counts) => groupFiguresOf(counts, options.bands)),
    agencyKinds: mapValues(kinds, (counts) => groupFiguresOf(counts, options.bands)),
    agencies,
    courses,
    byRank,
    byLevel,
    byTrainingGroup,
    byFormat,
  };
}

/**
 * Per agency, the declaration with the greatest (asOf, postedOn, declarationId) among those whose
 * asOf is on or before the evaluation's. The report breaks the last tie by event id, which the facts
 * do not keep; the declaration id stands in, so two declarations of one agency with the same asOf
 * posted on the same day may be chosen differently.
 */
function rostersInForce(rosters: readonly PostedRoster[], asOf: string): Map<string, PostedRoster> {
  const chosen = new Map<string, PostedRoster>();
  for (const roster of rosters) {
    if (roster.asOf > asOf) continue;
    const current = chosen.get(roster.agencyId);
    const order = (of: PostedRoster) => [of.asOf, of.postedOn, of.declarationId];
    if (current === undefined || compareTuples(order(roster), order(current)) >= 0) chosen.set(roster.agencyId, roster);
  }
  return chosen;
}

function certificatesTheRuleReliesOn(rule: CoverageRule, inForce: readonly PostedCertificate[]): readonly PostedCertificate[] {
  if (rule.kind === 'any-certificate') return inForce;
  const universal = inForce.filter((certificate) => certificate.level === 'universal');
  const coversBothGroups = trainingGroups.every((group) => universal.some((certificate) => certificate.trainingGroup === group));
  return coversBothGroups ? universal : [];
}

/** The certificate that speaks for a person or a learner-time: latest issued, ties to the greater id. */
function latestOf(certificates: readonly PostedCertificate[]): PostedCertificate {
  return certificates.reduce((latest, certificate) =>
    compareTuples([certificate.issuedOn, certificate.certificateId], [latest.issuedOn, latest.certificateId]) > 0
      ? certificate
      : latest,
  );
}

/**
 * Distinct (run, person) whose final mark, among those posted by the as-of date, is present or late
 * in a session the completed run held. Marks of one run reach the log in the order posted, so the
 * last one posted for a session stands.
 */
export function learnerTimesAttended(
  attendance: PostedFacts['attendance'],
  completedRuns: ReadonlyMap<string, PostedRun>,
  asOf: string,
): Map<string, { readonly run: PostedRun; readonly traineeId: string }> {
  const finalStatus = new Map<string, { readonly runId: string; readonly sessionId: string; readonly traineeId: string; readonly status: AttendanceStatus }>();
  for (const mark of attendance) {
    // A mark and its correction are about their session's day, whenever they were posted.
    if (mark.sessionDate > asOf) continue;
    finalStatus.set(JSON.stringify([mark.runId, mark.sessionId, mark.traineeId]), mark);
  }
  const attended = new Map<string, { readonly run: PostedRun; readonly traineeId: string }>();
  for (const mark of finalStatus.values()) {
    const run = completedRuns.get(mark.runId);
    if (run === undefined || !run.sessionsHeld.includes(mark.sessionId)) continue;
    if (mark.status !== 'present' && mark.status !== 'late') continue;
    attended.set(JSON.stringify([mark.runId, mark.traineeId]), { run, traineeId: mark.traineeId });
  }
  return attended;
}

export function groupOfKind(kind: AgencyKind | 'unregistered'): AgencyGroup {
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
  }
}

function figuresOf(counts: Counts, bands: PhaseBands | null): ExpectedFigures {
  return {
    roster: { regular: counts.rosterRegular, nonRegular: counts.rosterNonRegular },
    trained: { regular: counts.trainedRegular, nonRegular: counts.trainedNonRegular },
    share: {
      regular: shareToFourPlaces(counts.trainedRegular, counts.rosterRegular),
      nonRegular: shareToFourPlaces(counts.trainedNonRegular, counts.rosterNonRegular),
    },
    band: {
      regular: bandOf(counts.trainedRegular, counts.rosterRegular, bands?.regular ?? null),
      nonRegular: bandOf(counts.trainedNonRegular, counts.rosterNonRegular, bands?.nonRegular ?? null),
    },
    peopleCertified: counts.peopleCertified,
    learnerTimesCertified: counts.learnerTimesCertified,
    certificatesIssued: counts.certificatesIssued,
    certificatesInForce: counts.certificatesInForce,
    certificatesRevoked: counts.certificatesRevoked,
    runsHosted: counts.runsHosted,
    runsHostedWithForeignLecturer: counts.runsHostedWithForeignLecturer,
  };
}

function groupFiguresOf(counts: Counts, bands: PhaseBands | null): ExpectedGroupFigures {
  return { agencies: counts.agencies, agenciesWithRoster: counts.agenciesWithRoster, ...figuresOf(counts, bands) };
}

/** trained / roster to four places, a remainder of half a ten-thousandth or more rounding up. */
export function shareToFourPlaces(trained: number, roster: number): Share {
  if (roster === 0) return null;
  const scaled = BigInt(trained) * 10_000n;
  const whole = BigInt(roster);
  const roundedUp = 2n * (scaled % whole) >= whole;
  const tenThousandths = scaled / whole + (roundedUp ? 1n : 0n);
  return `${tenThousandths / 10_000n}.${(tenThousandths % 10_000n).toString().padStart(4, '0')}`;
}

/** Judged on the exact fraction trained / roster, both ends of the band included. */
export function bandOf(trained: number, roster: number, band: ShareBand | null): BandStatus {
  if (band === null) return 'no-phase';
  if (roster === 0) return 'no-roster';
  const exceeds = (bound: string) => {
    const [numerator, denominator] = decimalAsFraction(bound);
    return BigInt(trained) * denominator - numerator * BigInt(roster);
  };
  if (exceeds(band.min) < 0n) return 'below';
  if (exceeds(band.max) > 0n) return 'above';
  return 'within';
}

function decimalAsFraction(decimal: string): [bigint, bigint] {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(decimal);
  if (match === null) throw new RangeError(`band bound "${decimal}" is not a decimal such as 0.30`);
  const places = match[2] ?? '';
  return [BigInt(match[1] + places), 10n ** BigInt(places.length)];
}

function indexOnce<T>(items: readonly T[], keyOf: (item: T) => string, what: string): Map<string, T> {
  const index = new Map<string, T>();
  for (const item of items) {
    const key = keyOf(item);
    // The facts keep one entry per agency, certificate and run; a second would make the truth ambiguous.
    if (index.has(key)) throw new Error(`the posted facts hold ${what} ${key} twice`);
    index.set(key, item);
  }
  return index;
}

function groupedBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [item]);
    else group.push(item);
  }
  return groups;
}

function compareTuples(a: readonly string[], b: readonly string[]): number {
  for (let index = 0; index < Math.min(a.length, b.length); index += 1) {
    const order = byCodeUnits(a[index], b[index]);
    if (order !== 0) return order;
  }
  return a.length - b.length;
}

export function byCodeUnits(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function zeroCounts(): Counts {
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

function addCounts(total: Counts, counts: Counts): void {
  for (const key of Object.keys(total) as (keyof Counts)[]) total[key] += counts[key];
}

function zeroDelivery(): DeliveryCounts {
  return { runsCompleted: 0, runsWithForeignLecturer: 0, learnerTimesCertified: 0, learnerTimesAttended: 0 };
}

function recordOf<K extends string, V>(keys: readonly K[], make: () => V): Record<K, V> {
  return Object.fromEntries(keys.map((key) => [key, make()])) as Record<K, V>;
}

function mapValues<K extends string, V, W>(record: Record<K, V>, map: (value: V) => W): Record<K, W> {
  return Object.fromEntries((Object.entries(record) as [K, V][]).map(([key, value]) => [key, map(value)])) as Record<K, W>;
}
