import { type AgencyKind, agencyKinds, type Rank, ranks } from '@training-ledger/contracts';
import { compareCodeUnits } from './canonical-json';
import { classSize, type ClassSize } from './class-size';
import { isLaterFact } from './later-fact';
import type { Attribution, Feedback } from './programme-facts';
import { isSeniorCourseForLeaders } from './senior-course';
import { fourPlaceShare } from './shares';

/** Learner-times (lượt học viên) and distinct people, attended and certified. */
export interface PeopleCounts {
  readonly learnerTimesAttended: number;
  readonly learnerTimesCertified: number;
  readonly peopleAttended: number;
  readonly peopleCertified: number;
}

export interface FeedbackFigures {
  /** Distinct agencies that gave feedback as an agency. */
  readonly agenciesGivingFeedback: number;
  readonly fromAgencies: number;
  /** Feedback forms from trainees; they name no trainee, so they are counted, not the people. */
  readonly fromTrainees: number;
  /** Mean of the 1–5 ratings of every feedback counted, four places; null without feedback. */
  readonly averageRatings: { readonly content: string | null; readonly lecturers: string | null; readonly organisation: string | null };
}

/** What the reviews publish, for one scope: the nation, a group or kind of agencies, one agency. */
export interface ReachFigures extends PeopleCounts {
  /** Nationally every completed run; for a scope, the completed runs its learners attended. */
  readonly runsCompleted: number;
  readonly seniorRunsForLeaders: number;
  readonly runsWithForeignLecturer: number;
  /** Agencies that sent at least one learner who attended. */
  readonly agenciesSending: number;
  /** Over the runs counted, the scope's learners who attended each. */
  readonly classSize: ClassSize;
  readonly byRank: Readonly<Record<Rank, PeopleCounts>>;
  readonly byTargetGroup: { readonly regular: PeopleCounts; readonly nonRegular: PeopleCounts };
  readonly byLeadership: { readonly leaders: PeopleCounts; readonly others: PeopleCounts };
  readonly feedback: FeedbackFigures;
}

export const programmeAgencyGroups = ['ministries', 'localities', 'unregistered'] as const;
type ProgrammeAgencyGroup = (typeof programmeAgencyGroups)[number];

export interface ProgrammeFigures {
  readonly national: ReachFigures;
  readonly agencyGroups: Readonly<Record<ProgrammeAgencyGroup, ReachFigures>>;
  readonly agencyKinds: Readonly<Record<AgencyKind | 'unregistered', ReachFigures>>;
  /** Ordered by agency id. */
  readonly agencies: readonly (ReachFigures & { readonly agencyId: string })[];
  /** Attended learner-times whose learner neither an approved nomination nor a registration names: counted nationally only. */
  readonly unattributedLearnerTimesAttended: number;
}

export interface ProgrammeRun {
  readonly runId: string;
  readonly completedOn: string;
  readonly hasForeignLecturer: boolean;
  readonly eligibleRanks: readonly Rank[] | null;
}

/**
 * A (run, person) pair counted, with who the person was on it. A person's latest is the one with the
 * greatest `latestOn`, then `latestId` (UTF-16 code unit order); kept as two fields, not a tuple, since
 * there is one per learner-time of the programme.
 */
export interface LearnerTime {
  readonly runId: string;
  readonly traineeId: string;
  readonly who: Attribution | null;
  readonly latestOn: string;
  readonly latestId: string;
}

export interface ProgrammeInput {
  readonly runs: readonly ProgrammeRun[];
  readonly attended: readonly LearnerTime[];
  readonly certified: readonly LearnerTime[];
  readonly feedback: readonly Feedback[];
  readonly listedAgencies: Iterable<string>;
  readonly kindOf: (agencyId: string) => AgencyKind | 'unregistered';
  readonly groupOf: (kind: AgencyKind | 'unregistered') => ProgrammeAgencyGroup;
}

/** The learner-times of a person's latest learner-time only: one per person, for counting people. */
export function latestPerPerson(learnerTimes: readonly LearnerTime[]): LearnerTime[] {
  const latest = new Map<string, LearnerTime>();
  for (const learnerTime of learnerTimes) {
    const current = latest.get(learnerTime.traineeId);
    if (!current || isLaterLearnerTime(learnerTime, current)) latest.set(learnerTime.traineeId, learnerTime);
  }
  return [...latest.values()];
}

function isLaterLearnerTime(learnerTime: LearnerTime, than: LearnerTime): boolean {
  return isLaterFact(learnerTime.latestOn, learnerTime.latestId, than.latestOn, than.latestId);
}

/** Facts of one scope, as the agencies in it contribute them. */
interface ScopeFacts {
  attended: LearnerTime[];
  certified: LearnerTime[];
  peopleAttended: LearnerTime[];
  peopleCertified: LearnerTime[];
  feedback: Feedback[];
}

const emptyScope = (): ScopeFacts => ({ attended: [], certified: [], peopleAttended: [], peopleCertified: [], feedback: [] });

export function computeProgrammeFigures(input: ProgrammeInput): ProgrammeFigures {
  const completed = new Set(input.runs.map((run) => run.runId));
  const feedback = input.feedback.filter((item) => completed.has(item.runId));
  const byAgency = new Map<string, ScopeFacts>();
  const scopeOf = (agencyId: string): ScopeFacts => {
    let scope = byAgency.get(agencyId);
    if (!scope) byAgency.set(agencyId, (scope = emptyScope()));
    return scope;
  };
  for (const agencyId of input.listedAgencies) scopeOf(agencyId);
  const add = (list: readonly LearnerTime[], field: Exclude<keyof ScopeFacts, 'feedback'>) => {
    for (const learnerTime of list) if (learnerTime.who) scopeOf(learnerTime.who.agencyId)[field].push(learnerTime);
  };
  add(input.attended, 'attended');
  add(input.certified, 'certified');
  add(latestPerPerson(input.attended), 'peopleAttended');
  add(latestPerPerson(input.certified), 'peopleCertified');
  for (const item of feedback) scopeOf(item.agencyId).feedback.push(item);

  // Apart: the group and the kind of an unregistered agency share the name `unregistered`.
  const groups = new Map<ProgrammeAgencyGroup, ScopeFacts>();
  const kinds = new Map<AgencyKind | 'unregistered', ScopeFacts>();
  const agencies: (ReachFigures & { readonly agencyId: string })[] = [];
  for (const agencyId of [...byAgency.keys()].sort(compareCodeUnits)) {
    const facts = byAgency.get(agencyId) as ScopeFacts;
    const kind = input.kindOf(agencyId);
    merge(groups, input.groupOf(kind), facts);
    merge(kinds, kind, facts);
    agencies.push({ agencyId, ...reachOf(facts, input.runs, false) });
  }
  const national: ScopeFacts = {
    attended: [...input.attended],
    certified: [...input.certified],
    peopleAttended: latestPerPerson(input.attended),
    peopleCertified: latestPerPerson(input.certified),
    feedback,
  };
  const scoped = <K>(scopes: Map<K, ScopeFacts>, scope: K) => reachOf(scopes.get(scope) ?? emptyScope(), input.runs, false);
  return {
    national: reachOf(national, input.runs, true),
    agencyGroups: Object.fromEntries(programmeAgencyGroups.map((group) => [group, scoped(groups, group)])) as Record<ProgrammeAgencyGroup, ReachFigures>,
    agencyKinds: Object.fromEntries(
      [...agencyKinds, 'unregistered' as const].map((kind) => [kind, scoped(kinds, kind)]),
    ) as Record<AgencyKind | 'unregistered', ReachFigures>,
    agencies,
    unattributedLearnerTimesAttended: input.attended.filter((learnerTime) => learnerTime.who === null).length,
  };
}

function merge<K>(groups: Map<K, ScopeFacts>, scope: K, facts: ScopeFacts): void {
  let total = groups.get(scope);
  if (!total) groups.set(scope, (total = emptyScope()));
  // Item by item: spread into push, an agency's learner-times become arguments, and past about
  // 150,000 of them the call exceeds the stack.
  for (const field of Object.keys(total) as (keyof ScopeFacts)[]) {
    const merged = total[field] as unknown[];
    for (const item of facts[field]) merged.push(item);
  }
}

function reachOf(facts: ScopeFacts, allRuns: readonly ProgrammeRun[], everyRun: boolean): ReachFigures {
  const learnersPerRun = new Map<string, number>();
  for (const learnerTime of facts.attended) learnersPerRun.set(learnerTime.runId, (learnersPerRun.get(learnerTime.runId) ?? 0) + 1);
  const runs = everyRun ? allRuns : allRuns.filter((run) => learnersPerRun.has(run.runId));
  const sending = new Set(facts.attended.flatMap((learnerTime) => (learnerTime.who ? [learnerTime.who.agencyId] : [])));
  const breakdown = peopleBreakdown(facts);
  return {
    runsCompleted: runs.length,
    seniorRunsForLeaders: runs.filter((run) => isSeniorCourseForLeaders(run.eligibleRanks)).length,
    runsWithForeignLecturer: runs.filter((run) => run.hasForeignLecturer).length,
    agenciesSending: sending.size,
    classSize: classSize(runs.map((run) => learnersPerRun.get(run.runId) ?? 0)),
    learnerTimesAttended: facts.attended.length,
    learnerTimesCertified: facts.certified.length,
    peopleAttended: facts.peopleAttended.length,
    peopleCertified: facts.peopleCertified.length,
    ...breakdown,
    feedback: feedbackFigures(facts.feedback),
  };
}

export function feedbackFigures(feedback: readonly Feedback[]): FeedbackFigures {
  const fromAgencies = feedback.filter((item) => item.from === 'agency');
  const mean = (rating: keyof Feedback['ratings']) =>
    fourPlaceShare(feedback.reduce((sum, item) => sum + item.ratings[rating], 0), feedback.length);
  return {
    agenciesGivingFeedback: new Set(fromAgencies.map((item) => item.agencyId)).size,
    fromAgencies: fromAgencies.length,
    fromTrainees: feedback.length - fromAgencies.length,
    averageRatings: { content: mean('content'), lecturers: mean('lecturers'), organisation: mean('organisation') },
  };
}

type Counting = { -readonly [K in keyof PeopleCounts]: PeopleCounts[K] };

/** The scope's learner-times and people by rank, target group and leadership, in one pass over each list. */
function peopleBreakdown(facts: ScopeFacts): Pick<ReachFigures, 'byRank' | 'byTargetGroup' | 'byLeadership'> {
  const empty = (): Counting => ({ learnerTimesAttended: 0, learnerTimesCertified: 0, peopleAttended: 0, peopleCertified: 0 });
  const byRank = Object.fromEntries(ranks.map((rank) => [rank, empty()])) as Record<Rank, Counting>;
  const byTargetGroup = { regular: empty(), nonRegular: empty() };
  const byLeadership = { leaders: empty(), others: empty() };
  const lists = [
    [facts.attended, 'learnerTimesAttended'],
    [facts.certified, 'learnerTimesCertified'],
    [facts.peopleAttended, 'peopleAttended'],
    [facts.peopleCertified, 'peopleCertified'],
  ] as const;
  for (const [list, field] of lists) {
    for (const { who } of list) {
      if (who === null) continue;
      if (Object.hasOwn(byRank, who.rank)) byRank[who.rank][field] += 1;
      if (who.targetGroup === 'regular') byTargetGroup.regular[field] += 1;
      else if (who.targetGroup === 'non-regular') byTargetGroup.nonRegular[field] += 1;
      (who.leadership ? byLeadership.leaders : byLeadership.others)[field] += 1;
    }
  }
  return { byRank, byTargetGroup, byLeadership };
}
