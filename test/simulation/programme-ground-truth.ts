import { agencyKinds, ranks, type AgencyKind, type Rank, type TargetGroup } from '@training-ledger/contracts';
import { type AgencyGroup, byCodeUnits, groupOfKind, learnerTimesAttended, shareToFourPlaces } from './ground-truth';
import type { PostedFacts } from './posted-facts';

/**
 * The figures the reviews publish (seed 002: courses, learner-times from ministries and localities,
 * senior courses, courses with foreign experts; seed 001: learners by rank, class size), worked out
 * from the posted facts without the reporting service's code. Each scope is counted on its own, by
 * filtering every learner-time, where the report groups agencies and adds them up.
 *
 * A learner counts for the agency, rank, target group and leadership of the approved nomination to
 * the run (attended) or of the latest certificate in force for it (certified; leadership from the
 * nomination, as the certificate copies it from the same record); a person counts once, on their
 * latest learner-time. A senior course admits only director-general and deputy ranks.
 */

export interface ExpectedPeopleCounts {
  readonly learnerTimesAttended: number;
  readonly learnerTimesCertified: number;
  readonly peopleAttended: number;
  readonly peopleCertified: number;
}

export interface ExpectedReach extends ExpectedPeopleCounts {
  readonly runsCompleted: number;
  readonly seniorRunsForLeaders: number;
  readonly runsWithForeignLecturer: number;
  readonly agenciesSending: number;
  readonly classSize: { readonly average: string | null; readonly median: string | null };
  readonly byRank: Readonly<Record<Rank, ExpectedPeopleCounts>>;
  readonly byTargetGroup: { readonly regular: ExpectedPeopleCounts; readonly nonRegular: ExpectedPeopleCounts };
  readonly byLeadership: { readonly leaders: ExpectedPeopleCounts; readonly others: ExpectedPeopleCounts };
  readonly feedback: {
    readonly agenciesGivingFeedback: number;
    readonly fromAgencies: number;
    readonly fromTrainees: number;
    readonly averageRatings: { readonly content: string | null; readonly lecturers: string | null; readonly organisation: string | null };
  };
}

export interface ExpectedProgramme {
  readonly national: ExpectedReach;
  readonly agencyGroups: Readonly<Record<AgencyGroup, ExpectedReach>>;
  readonly agencyKinds: Readonly<Record<AgencyKind | 'unregistered', ExpectedReach>>;
  readonly agencies: readonly (ExpectedReach & { readonly agencyId: string })[];
  readonly unattributedLearnerTimesAttended: number;
}

interface Who {
  readonly agencyId: string;
  readonly rank: Rank;
  readonly targetGroup: TargetGroup;
  readonly leadership: boolean;
}

interface Learning {
  readonly runId: string;
  readonly traineeId: string;
  readonly who: Who | null;
  readonly order: string;
}

const leaderRanks: readonly Rank[] = ['director-general', 'deputy-director-general'];

export function expectedProgramme(facts: PostedFacts, asOf: string): ExpectedProgramme {
  const completed = new Map(facts.runs.filter((run) => run.completedOn !== null && run.completedOn <= asOf).map((run) => [run.runId, run]));
  const nomination = new Map(facts.nominations.map((approved) => [`${approved.runId}/${approved.traineeId}`, approved]));

  const attended: Learning[] = [...learnerTimesAttended(facts.attendance, completed, asOf).values()].map(({ run, traineeId }) => ({
    runId: run.runId,
    traineeId,
    who: nomination.get(`${run.runId}/${traineeId}`) ?? null,
    order: `${run.completedOn}|${run.runId}`,
  }));

  const issued = facts.certificates.filter((certificate) => certificate.issuedOn <= asOf);
  const replaced = new Set(issued.flatMap((certificate) => certificate.replacesCertificateId ?? []));
  const inForce = issued.filter((certificate) => !(certificate.revokedOn !== null && certificate.revokedOn <= asOf) && !replaced.has(certificate.certificateId));
  const latestPerRun = new Map<string, (typeof inForce)[number]>();
  for (const certificate of inForce) {
    const key = `${certificate.traineeId}/${certificate.runId}`;
    const current = latestPerRun.get(key);
    if (!current || `${certificate.issuedOn}|${certificate.certificateId}` > `${current.issuedOn}|${current.certificateId}`) latestPerRun.set(key, certificate);
  }
  const certified: Learning[] = [...latestPerRun.values()].map((certificate) => ({
    runId: certificate.runId,
    traineeId: certificate.traineeId,
    who: {
      agencyId: certificate.agencyId,
      rank: certificate.rank,
      targetGroup: certificate.targetGroup,
      leadership: nomination.get(`${certificate.runId}/${certificate.traineeId}`)?.leadership ?? leaderRanks.includes(certificate.rank),
    },
    order: `${certificate.issuedOn}|${certificate.certificateId}`,
  }));

  const feedback = [...new Map(facts.feedback.filter((item) => item.postedOn <= asOf && completed.has(item.runId)).map((item) => [item.feedbackId, item])).values()];
  const kindOf = (agencyId: string): AgencyKind | 'unregistered' => facts.agencies.find((agency) => agency.agencyId === agencyId)?.kind ?? 'unregistered';

  const reach = (inScope: ((agencyId: string) => boolean) | null): ExpectedReach => {
    const keep = (learning: Learning) => inScope === null || (learning.who !== null && inScope(learning.who.agencyId));
    const scopeAttended = attended.filter(keep);
    const scopeCertified = certified.filter(keep);
    const people = (list: readonly Learning[]) => {
      const latest = new Map<string, Learning>();
      for (const learning of list) {
        const current = latest.get(learning.traineeId);
        if (!current || learning.order > current.order) latest.set(learning.traineeId, learning);
      }
      return [...latest.values()];
    };
    // A person counts in a scope when their latest learner-time anywhere is in it.
    const peopleAttended = people(attended).filter(keep);
    const peopleCertified = people(certified).filter(keep);
    const counts = (matches: (who: Who) => boolean): ExpectedPeopleCounts => {
      const count = (list: readonly Learning[]) => list.filter((learning) => learning.who !== null && matches(learning.who)).length;
      return {
        learnerTimesAttended: count(scopeAttended),
        learnerTimesCertified: count(scopeCertified),
        peopleAttended: count(peopleAttended),
        peopleCertified: count(peopleCertified),
      };
    };
    const runs = [...completed.values()].filter((run) => inScope === null || scopeAttended.some((learning) => learning.runId === run.runId));
    const sizes = runs.map((run) => scopeAttended.filter((learning) => learning.runId === run.runId).length).sort((a, b) => a - b);
    const middle = Math.floor(sizes.length / 2);
    const scopeFeedback = feedback.filter((item) => inScope === null || inScope(item.agencyId));
    const fromAgencies = scopeFeedback.filter((item) => item.from === 'agency');
    const mean = (rating: 'content' | 'lecturers' | 'organisation') => shareToFourPlaces(scopeFeedback.reduce((sum, item) => sum + item.ratings[rating], 0), scopeFeedback.length);
    return {
      runsCompleted: runs.length,
      seniorRunsForLeaders: runs.filter((run) => run.eligibleRanks.length > 0 && run.eligibleRanks.every((rank) => leaderRanks.includes(rank))).length,
      runsWithForeignLecturer: runs.filter((run) => run.hasForeignLecturer).length,
      agenciesSending: new Set(scopeAttended.flatMap((learning) => (learning.who ? [learning.who.agencyId] : []))).size,
      classSize: {
        average: shareToFourPlaces(sizes.reduce((sum, size) => sum + size, 0), sizes.length),
        median: sizes.length === 0 ? null : sizes.length % 2 === 1 ? shareToFourPlaces(sizes[middle], 1) : shareToFourPlaces(sizes[middle - 1] + sizes[middle], 2),
      },
      learnerTimesAttended: scopeAttended.length,
      learnerTimesCertified: scopeCertified.length,
      peopleAttended: peopleAttended.length,
      peopleCertified: peopleCertified.length,
      byRank: Object.fromEntries(ranks.map((rank) => [rank, counts((who) => who.rank === rank)])) as Record<Rank, ExpectedPeopleCounts>,
      byTargetGroup: { regular: counts((who) => who.targetGroup === 'regular'), nonRegular: counts((who) => who.targetGroup === 'non-regular') },
      byLeadership: { leaders: counts((who) => who.leadership), others: counts((who) => !who.leadership) },
      feedback: {
        agenciesGivingFeedback: new Set(fromAgencies.map((item) => item.agencyId)).size,
        fromAgencies: fromAgencies.length,
        fromTrainees: scopeFeedback.length - fromAgencies.length,
        averageRatings: { content: mean('content'), lecturers: mean('lecturers'), organisation: mean('organisation') },
      },
    };
  };

  const agencyIds = new Set([
    ...facts.agencies.map((agency) => agency.agencyId),
    ...[...attended, ...certified].flatMap((learning) => (learning.who ? [learning.who.agencyId] : [])),
    ...feedback.map((item) => item.agencyId),
  ]);
  return {
    national: reach(null),
    agencyGroups: Object.fromEntries(
      (['ministries', 'localities', 'unregistered'] as const).map((group) => [group, reach((agencyId) => groupOfKind(kindOf(agencyId)) === group)]),
    ) as Record<AgencyGroup, ExpectedReach>,
    agencyKinds: Object.fromEntries(
      [...agencyKinds, 'unregistered' as const].map((kind) => [kind, reach((agencyId) => kindOf(agencyId) === kind)]),
    ) as Record<AgencyKind | 'unregistered', ExpectedReach>,
    agencies: [...agencyIds].sort(byCodeUnits).map((agencyId) => ({ agencyId, ...reach((candidate) => candidate === agencyId) })),
    unattributedLearnerTimesAttended: attended.filter((learning) => learning.who === null).length,
  };
}
