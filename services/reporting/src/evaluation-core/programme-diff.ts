/*
 * Which events can move a figure of evaluation/2.0.0's `programme` section: by what the figure
 * counts, the scope it is about (nation, agency group or kind, agency) and the breakdown (rank,
 * target group, leadership) it sits in. Marks name no agency: they borrow the approved nomination's.
 */

type Data = Readonly<Record<string, unknown>>;
type Event = { readonly type: string; readonly data: unknown };

export interface ProgrammeContext {
  readonly kindOf: (agencyId: string) => string;
  readonly groupOf: (agencyId: string) => string;
  readonly certificate: (certificateId: string) => Data | undefined;
  readonly approval: (runId: string, traineeId: string) => Data | undefined;
}

const attendance = ['AttendanceRecorded.v1', 'AttendanceCorrected.v1', 'CourseRunCompleted.v1', 'NominationApproved.v1', 'TraineeRegistered.v1'];
const certificates = ['CertificateIssued.v1', 'CertificateReissued.v1', 'CertificateRevoked.v1'];
const runs = ['CourseRunCompleted.v1', 'CourseRunScheduled.v1'];
const feedback = ['FeedbackSubmitted.v1', 'CourseRunCompleted.v1'];

const typesByFigure: Readonly<Record<string, readonly string[]>> = {
  learnerTimesAttended: attendance,
  peopleAttended: attendance,
  agenciesSending: attendance,
  classSize: attendance,
  unattributedLearnerTimesAttended: attendance,
  learnerTimesCertified: certificates,
  peopleCertified: certificates,
  runsCompleted: [...runs, ...attendance],
  seniorRunsForLeaders: [...runs, ...attendance],
  runsWithForeignLecturer: [...runs, ...attendance],
  feedback,
};

const facets: Readonly<Record<string, (who: Data, value: string) => boolean>> = {
  byRank: (who, rank) => who.rank === rank,
  byTargetGroup: (who, group) => who.targetGroup === (group === 'nonRegular' ? 'non-regular' : group),
  byLeadership: (who, side) => who.leadership === (side === 'leaders'),
};

/** `rest` is the path after `programme`, e.g. `['agencies', 'BNG', 'byRank', 'specialist', 'learnerTimesAttended']`. */
export function programmeBearsOn(rest: readonly string[], context: ProgrammeContext): (event: Event) => boolean {
  const [scope, label] = rest;
  const figurePath = scope === 'national' ? rest.slice(1) : scope === 'unattributedLearnerTimesAttended' ? [scope] : rest.slice(2);
  const name = [...figurePath].reverse().find((segment) => Object.hasOwn(typesByFigure, segment));
  const types = name === undefined ? undefined : typesByFigure[name];
  const facetAt = figurePath.findIndex((segment) => Object.hasOwn(facets, segment));
  const facet = facetAt >= 0 ? { matches: facets[figurePath[facetAt]], value: figurePath[facetAt + 1] } : null;
  const agencyMatches =
    scope === 'agencies'
      ? (agencyId: string) => agencyId === label
      : scope === 'agencyKinds'
        ? (agencyId: string) => context.kindOf(agencyId) === label
        : scope === 'agencyGroups'
          ? (agencyId: string) => context.groupOf(agencyId) === label
          : null;
  return (event) => {
    if (types !== undefined && !types.includes(event.type)) return false;
    const who = whoOf(event, context);
    if (who === undefined) return true;
    if (facet && facet.value !== undefined && !facet.matches(who, facet.value)) return false;
    return agencyMatches === null || (typeof who.agencyId === 'string' && agencyMatches(who.agencyId));
  };
}

/** Who the fact is about, or undefined for facts about a run as a whole (which may move any scope). */
function whoOf(event: Event, context: ProgrammeContext): Data | undefined {
  const data = (typeof event.data === 'object' && event.data !== null ? event.data : {}) as Data;
  switch (event.type) {
    case 'AttendanceRecorded.v1':
    case 'AttendanceCorrected.v1':
      return typeof data.runId === 'string' && typeof data.traineeId === 'string' ? (context.approval(data.runId, data.traineeId) ?? {}) : {};
    case 'CertificateRevoked.v1':
      return typeof data.certificateId === 'string' ? (context.certificate(data.certificateId) ?? data) : data;
    case 'CourseRunCompleted.v1':
    case 'CourseRunScheduled.v1':
      return undefined;
    default:
      return data;
  }
}
