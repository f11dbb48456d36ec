import { DomainRuleViolation } from '@training-ledger/decider';
import { isOpen, type Nominee, requireThisRun, type RunNominationsEvent, type RunNominationsState, type SubmitNomination } from './run-nominations.state';

export function submitNomination(command: SubmitNomination, state: RunNominationsState): RunNominationsEvent[] {
  const { nominationId, runId, trainee, actingAgencyId, run, today } = command.data;
  requireThisRun(state, runId, run);
  const earlier = state.nominations.find((nomination) => nomination.nominationId === nominationId);
  if (earlier) {
    if (sameNominee(earlier, trainee)) return [];
    throw new DomainRuleViolation(
      'nomination-id-used-once',
      `Nomination ${nominationId} was already submitted for another trainee or profile`,
      'nominationId',
      'conflict',
    );
  }
  if (trainee.agencyId !== actingAgencyId) {
    throw new DomainRuleViolation(
      'trainee-belongs-to-agency',
      `Trainee ${trainee.traineeId} does not belong to agency ${actingAgencyId}`,
      'traineeId',
      'forbidden',
    );
  }
  if (trainee.erased) {
    throw new DomainRuleViolation(
      'erased-trainee-not-nominated',
      `Trainee ${trainee.traineeId} had their personal data erased and cannot be trained`,
      'traineeId',
      'conflict',
    );
  }
  if (run.status !== 'scheduled' || state.runCancelled || today > run.nominationDeadline) {
    throw new DomainRuleViolation(
      'run-open-for-nominations',
      `Run ${runId} accepts nominations only while scheduled and until ${run.nominationDeadline}`,
      'runId',
      'conflict',
    );
  }
  if (!run.eligibleTargetGroups.includes(trainee.targetGroup)) {
    throw new DomainRuleViolation(
      'target-group-admitted',
      `Run ${runId} admits ${run.eligibleTargetGroups.join(', ')} staff, not ${trainee.targetGroup}`,
      'targetGroup',
    );
  }
  if (!run.eligibleRanks.includes(trainee.rank)) {
    throw new DomainRuleViolation(
      'rank-admitted',
      `Run ${runId} admits the ranks ${run.eligibleRanks.join(', ')}, not ${trainee.rank}`,
      'rank',
    );
  }
  if (state.nominations.some((nomination) => nomination.traineeId === trainee.traineeId && isOpen(nomination))) {
    throw new DomainRuleViolation(
      'trainee-nominated-once-per-run',
      `Trainee ${trainee.traineeId} is already nominated to run ${runId}`,
      'traineeId',
      'conflict',
    );
  }
  const { traineeId, agencyId, targetGroup, rank, leadership } = trainee;
  return [
    {
      type: 'NominationSubmitted.v1',
      data: { nominationId, runId, traineeId, agencyId, targetGroup, rank, leadership },
      metadata: command.metadata,
    },
  ];
}

function sameNominee(left: Nominee, right: Nominee): boolean {
  return (
    left.traineeId === right.traineeId &&
    left.agencyId === right.agencyId &&
    left.targetGroup === right.targetGroup &&
    left.rank === right.rank &&
    left.leadership === right.leadership
  );
}
