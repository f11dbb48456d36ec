import { type AgencyKind } from '@training-ledger/contracts';
import { bandStatus, type BandStatus, type CoverageRule, fourPlaceShare, phaseInForce, type PhaseTargets } from '../evaluation-core';
import type { CertificateProgressDocument, FeedbackProgressDocument, RosterDeclarationDocument, RunProgressDocument } from './progress.projections';

export interface AgencyInfo {
  readonly agencyId: string;
  readonly nameVi: string | null;
  readonly kind: AgencyKind | 'unregistered';
}

interface ByTargetGroup<T> {
  readonly regular: T;
  readonly nonRegular: T;
}

export interface ProgressFigures {
  readonly roster: ByTargetGroup<number> & { readonly asOf: string | null };
  readonly trained: ByTargetGroup<number>;
  readonly share: ByTargetGroup<string | null>;
  readonly band: ByTargetGroup<BandStatus>;
  readonly learnerTimes: number;
  readonly distinctPeople: number;
}

export interface ProgressView {
  readonly asOf: string;
  readonly phase: { readonly id: string; readonly nameVi: string; readonly nameEn: string } | null;
  readonly coverageRule: CoverageRule;
  readonly national: ProgressFigures;
  readonly byAgencyKind: Readonly<Record<'ministries' | 'localities', ProgressFigures>>;
  readonly agencies: readonly (ProgressFigures & AgencyInfo)[];
  readonly byRank: Readonly<Record<string, number>>;
  readonly byLevel: Readonly<Record<string, number>>;
  readonly byTrainingGroup: Readonly<Record<string, number>>;
  readonly byFormat: Readonly<Record<string, number>>;
  readonly runsCompleted: number;
  readonly runsWithForeignLecturer: number;
  readonly feedback: { readonly responses: number; readonly content: string | null; readonly lecturers: string | null; readonly organisation: string | null };
}

const ministryKinds: readonly string[] = ['ministry', 'ministerial-level-agency', 'government-agency'];
const localityKinds: readonly string[] = ['province', 'commune'];

/**
 * Progress as the read models hold it now: a live view for monitoring, not an evaluation (those are
 * computed from the log and sealed). The same counting rules as evaluations, applied to today.
 */
export function liveProgress(input: {
  readonly asOf: string;
  readonly targets: PhaseTargets;
  readonly coverageRule: CoverageRule;
  readonly agencies: readonly AgencyInfo[];
  readonly rosters: readonly RosterDeclarationDocument[];
  readonly certificates: readonly CertificateProgressDocument[];
  readonly runs: readonly RunProgressDocument[];
  readonly feedback: readonly FeedbackProgressDocument[];
}): ProgressView {
  const inForce = input.certificates.filter((certificate) => !certificate.revoked && !certificate.replaced && certificate.issuedOn <= input.asOf);
  const phase = phaseInForce(input.targets, input.asOf);
  const bands = phase?.phase.bands ?? null;
  const latestRoster = new Map<string, RosterDeclarationDocument>();
  for (const roster of [...input.rosters].sort((a, b) => (a.asOf < b.asOf ? -1 : a.asOf > b.asOf ? 1 : a._id < b._id ? -1 : 1))) {
    if (roster.asOf <= input.asOf) latestRoster.set(roster.agencyId, roster);
  }
  const trainedPeople = trainedUnder(input.coverageRule, inForce);
  const kindOf = new Map(input.agencies.map((agency) => [agency.agencyId, agency.kind]));
  const agencyIds = [...new Set([...input.agencies.map((agency) => agency.agencyId), ...latestRoster.keys(), ...inForce.map((certificate) => certificate.agencyId)])].sort();

  const figures = (agencyFilter: (agencyId: string) => boolean): ProgressFigures => {
    const rosters = [...latestRoster.values()].filter((roster) => agencyFilter(roster.agencyId));
    const certificates = inForce.filter((certificate) => agencyFilter(certificate.agencyId));
    const roster = { regular: sum(rosters.map((entry) => entry.regular)), nonRegular: sum(rosters.map((entry) => entry.nonRegular)) };
    const trained = {
      regular: [...trainedPeople.values()].filter((person) => agencyFilter(person.agencyId) && person.targetGroup === 'regular').length,
      nonRegular: [...trainedPeople.values()].filter((person) => agencyFilter(person.agencyId) && person.targetGroup === 'non-regular').length,
    };
    return {
      roster: { ...roster, asOf: rosters.length === 1 ? (rosters[0]?.asOf ?? null) : null },
      trained,
      share: { regular: share(trained.regular, roster.regular), nonRegular: share(trained.nonRegular, roster.nonRegular) },
      band: {
        regular: bandStatus(trained.regular, roster.regular, bands?.regular ?? null),
        nonRegular: bandStatus(trained.nonRegular, roster.nonRegular, bands?.nonRegular ?? null),
      },
      learnerTimes: new Set(certificates.map((certificate) => `${certificate.traineeId}\u0000${certificate.runId}`)).size,
      distinctPeople: new Set(certificates.map((certificate) => certificate.traineeId)).size,
    };
  };

  const completedRuns = input.runs.filter((run) => run.completedOn <= input.asOf);
  const ratings = (pick: (feedback: FeedbackProgressDocument) => number) =>
    input.feedback.length === 0 ? null : (sum(input.feedback.map(pick)) / input.feedback.length).toFixed(2);
  return {
    asOf: input.asOf,
    phase: phase ? { id: phase.phase.id, nameVi: phase.phase.name.vi, nameEn: phase.phase.name.en } : null,
    coverageRule: input.coverageRule,
    national: figures(() => true),
    byAgencyKind: {
      ministries: figures((agencyId) => ministryKinds.includes(kindOf.get(agencyId) ?? '')),
      localities: figures((agencyId) => localityKinds.includes(kindOf.get(agencyId) ?? '')),
    },
    agencies: agencyIds.map((agencyId) => {
      const info = input.agencies.find((agency) => agency.agencyId === agencyId) ?? { agencyId, nameVi: null, kind: 'unregistered' as const };
      return { ...info, ...figures((candidate) => candidate === agencyId) };
    }),
    byRank: countBy(inForce, (certificate) => certificate.rank),
    byLevel: countBy(inForce, (certificate) => certificate.level),
    byTrainingGroup: countBy(inForce, (certificate) => certificate.trainingGroup),
    byFormat: countBy(inForce, (certificate) => certificate.format),
    runsCompleted: completedRuns.length,
    runsWithForeignLecturer: completedRuns.filter((run) => run.hasForeignLecturer).length,
    feedback: {
      responses: input.feedback.length,
      content: ratings((feedback) => feedback.content),
      lecturers: ratings((feedback) => feedback.lecturers),
      organisation: ratings((feedback) => feedback.organisation),
    },
  };
}

/** The people who count as trained, each once, with the agency and target group of their latest qualifying certificate. */
function trainedUnder(rule: CoverageRule, inForce: readonly CertificateProgressDocument[]): Map<string, CertificateProgressDocument> {
  const byPerson = new Map<string, CertificateProgressDocument[]>();
  for (const certificate of inForce) byPerson.set(certificate.traineeId, [...(byPerson.get(certificate.traineeId) ?? []), certificate]);
  const trained = new Map<string, CertificateProgressDocument>();
  for (const [traineeId, certificates] of byPerson) {
    const qualifying =
      rule.kind === 'any-certificate'
        ? certificates
        : certificates.filter((certificate) => certificate.level === 'universal');
    if (rule.kind === 'universal-in-both-groups' && new Set(qualifying.map((certificate) => certificate.trainingGroup)).size < 2) continue;
    const latest = [...qualifying].sort((a, b) => (a.issuedOn < b.issuedOn ? -1 : a.issuedOn > b.issuedOn ? 1 : a._id < b._id ? -1 : 1)).at(-1);
    if (latest) trained.set(traineeId, latest);
  }
  return trained;
}

const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);
const share = (part: number, whole: number): string | null => (whole === 0 ? null : fourPlaceShare(part, whole));

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1)));
}
