import {
  agencyKinds,
  type CourseFormat,
  courseFormats,
  type CourseLevel,
  courseLevels,
  ranks,
  type TrainingGroup,
  trainingGroups,
} from '@training-ledger/contracts';
import { compareCodeUnits } from './canonical-json';
import type { Certificate, Facts } from './evaluation-facts';
import { isLaterFact } from './later-fact';
import { agencyGroupOf, agencyGroups, type AgencyFigures, type BandStatus, type EvaluationReport, type Figures, type GroupFigures } from './evaluation-report';
import { certificatesThatTrain, type Band, type CoverageRule, type Phase } from './policy';
import type { ProgrammeFacts } from './programme-facts';
import { computeProgrammeFigures, type LearnerTime, type ProgrammeFigures } from './programme-figures';
import { compareFractions, fourPlaceShare, parseDecimal } from './shares';

/* The figures of a report, counted from the facts in force. */

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

/** The certificates in force, in fold order, and the latest of them for each (person, run): what both figure sets count. */
export interface CertifiedFacts {
  readonly inForce: readonly Certificate[];
  readonly learnerTimes: readonly Certificate[];
}

export function certifiedFacts(facts: Facts): CertifiedFacts {
  const inForce = [...facts.certificates.values()].filter(
    (certificate) => !facts.revoked.has(certificate.certificateId) && !facts.superseded.has(certificate.certificateId),
  );
  return { inForce, learnerTimes: latestPerLearnerTime(inForce) };
}

export function countFigures(facts: Facts, certified: CertifiedFacts, rule: CoverageRule, bands: Phase['bands'] | null): CountedFigures {
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

  for (const certificate of facts.certificates.values()) {
    const tally = tallyOf(certificate.agencyId);
    tally.certificatesIssued += 1;
    if (facts.revoked.has(certificate.certificateId)) tally.certificatesRevoked += 1;
  }
  for (const certificate of certified.inForce) tallyOf(certificate.agencyId).certificatesInForce += 1;

  const byRank = recordOf(ranks, () => ({ learnerTimesCertified: 0, peopleCertified: 0 }));
  const byLevel = recordOf(courseLevels, emptyDelivery);
  const byTrainingGroup = recordOf(trainingGroups, emptyDelivery);
  const byFormat = recordOf(courseFormats, emptyDelivery);
  const deliveryTallies = (of: { level: CourseLevel; trainingGroup: TrainingGroup; format: CourseFormat }) => [
    byLevel[of.level],
    byTrainingGroup[of.trainingGroup],
    byFormat[of.format],
  ];

  for (const certificates of groupBy(certified.inForce, (certificate) => certificate.traineeId).values()) {
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

  for (const latest of certified.learnerTimes) {
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
  courses.learnerTimesCertified = certified.learnerTimes.length;

  const attended = facts.attended;
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


/** The certificate that speaks for a person: the latest issued, ties broken by certificate id. */
function latestCertificate(certificates: readonly Certificate[]): Certificate {
  return certificates.reduce((latest, certificate) => (isLaterCertificate(certificate, latest) ? certificate : latest));
}

function isLaterCertificate(certificate: Certificate, than: Certificate): boolean {
  return isLaterFact(certificate.issuedOn, certificate.certificateId, than.issuedOn, than.certificateId);
}

/**
 * The latest certificate of each (person, run), in the order each pair first appears: a learner-time
 * certified. Looked up by person, then run, without a key string per certificate.
 */
export function latestPerLearnerTime(certificates: readonly Certificate[]): Certificate[] {
  const latest: Certificate[] = [];
  const placeOf = new Map<string, Map<string, number>>();
  for (const certificate of certificates) {
    let runs = placeOf.get(certificate.traineeId);
    if (runs === undefined) placeOf.set(certificate.traineeId, (runs = new Map()));
    const place = runs.get(certificate.runId);
    if (place === undefined) {
      runs.set(certificate.runId, latest.length);
      latest.push(certificate);
    } else if (isLaterCertificate(certificate, latest[place] as Certificate)) {
      latest[place] = certificate;
    }
  }
  return latest;
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


/** The runs, learner-times and feedback of evaluation/2.0.0's programme figures, from the facts in force. */
export function programmeFiguresOf(facts: Facts, certifiedLearnerTimes: readonly Certificate[], programme: ProgrammeFacts): ProgrammeFigures {
  const certified = certifiedLearnerTimes.map(
    (certificate): LearnerTime => ({
      runId: certificate.runId,
      traineeId: certificate.traineeId,
      who: certificate,
      latestOn: certificate.issuedOn,
      latestId: certificate.certificateId,
    }),
  );
  return computeProgrammeFigures({
    runs: [...facts.runs.values()].map((run) => ({ ...run, eligibleRanks: programme.eligibleRanks(run.runId) })),
    attended: facts.attended.map(({ run, traineeId }) => ({
      runId: run.runId,
      traineeId,
      who: programme.attribution(run.runId, traineeId),
      latestOn: run.completedOn,
      latestId: run.runId,
    })),
    certified,
    feedback: programme.feedback,
    listedAgencies: facts.listedAgencies,
    kindOf: (agencyId) => facts.registrations.get(agencyId)?.kind ?? 'unregistered',
    groupOf: agencyGroupOf,
  });
}
