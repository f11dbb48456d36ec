import { Inject, Injectable } from '@nestjs/common';
import { assertNever, DomainRuleViolation, type MessageMetadata } from '@training-ledger/decider';
import { handleCommand, handleEachCommand, loadStreamState, loadStreamStates, StreamStateCache, type EventStore } from '@training-ledger/event-store';
import { type BulkAnswer, bulkAnswer, keyDerivedUuid, refusedItem, vietnameseDate } from '@training-ledger/platform';
import { EVENT_STORE } from '@training-ledger/service-runtime';
import { randomUUID } from 'node:crypto';
import { CourseRunViews } from '../course-runs/course-run-views';
import { type NominationDecision, NominationRowDto } from './nomination-requests.dto';
import { checkRows, type RowChecks, validatedRow } from '../row-checks/row-checks';
import type { CourseRunView } from '../course-runs/course-run-view';
import { traineeDecider, traineeStreamName } from '../trainees/trainee.decider';
import { runNominationsDecider } from './run-nominations.decider';
import { runNominationsStreamName, type NominatedTrainee, type RunNominationsCommand, type RunNominationsState, type SubmitNomination } from './run-nominations.state';

export interface NominationRequest {
  readonly traineeId: string;
  readonly nominationId?: string;
}

export interface NominationDecisionRequest {
  readonly nominationId: string;
  readonly decision: NominationDecision;
  readonly reason?: string;
}

/** A result per decision, named by the nomination and the decision asked for. */
export type BulkDecisionResult = BulkAnswer<{ readonly nominationId: string; readonly decision: NominationDecision }> & { readonly runId: string };

/** A result per trainee nominated, with the nomination's id (the caller's, or one derived from the idempotency key). */
export type BulkNominationResult = BulkAnswer<{ readonly traineeId: string; readonly nominationId: string }> & { readonly runId: string };

const MAX_ATTEMPTS = 5;


/**
 * Nominations of one run live in one stream, so capacity and quotas are decided against every
 * other decision on the run; a concurrent writer makes the append fail and the whole request is
 * decided again on the new state.
 */
@Injectable()
export class NominationsService {
  /** A run's nominations folded so far: a decision reads only what was appended since, not the whole run. */
  private readonly runNominations = new StreamStateCache<RunNominationsState>();

  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly runs: CourseRunViews,
  ) {}

  async submitMany(
    runId: string,
    actingAgencyId: string,
    requests: readonly NominationRequest[],
    metadata: MessageMetadata,
    idempotencyKey: string,
  ): Promise<BulkNominationResult> {
    const run = await this.requireRun(runId);
    const today = vietnameseDate(metadata.occurredAt);
    const trainees = await this.trainees(requests.map((request) => request.traineeId));
    const nominationIds = requests.map((request) => nominationIdOf(request, idempotencyKey, runId));
    const known = requests.flatMap((request, index) => {
      const trainee = trainees.get(request.traineeId);
      return trainee ? [{ index, trainee }] : [];
    });
    const decided = await handleEachCommand(this.eventStore, runNominationsDecider, {
      streamName: runNominationsStreamName(runId),
      commandId: randomUUID(),
      metadata,
      stateCache: this.runNominations,
      maxAttempts: MAX_ATTEMPTS,
      commands: () =>
        known.map(
          ({ index, trainee }): SubmitNomination => ({
            type: 'SubmitNomination',
            data: { nominationId: nominationIds[index], runId, trainee, actingAgencyId, run, today },
            metadata,
          }),
        ),
    });
    const decidedAt = new Map(known.map(({ index }, position) => [index, decided.outcomes[position]]));
    const outcomes = requests.map(
      (request, index) =>
        decidedAt.get(index) ??
        refusedItem(new DomainRuleViolation('trainee-must-exist', `Trainee ${request.traineeId} is not registered`, 'traineeId', 'not-found')),
    );
    const answer = bulkAnswer(requests, outcomes, {
      subject: (request) => ({ traineeId: request.traineeId, nominationId: nominationIdOf(request, idempotencyKey, runId) }),
    });
    return { runId, ...answer };
  }

  /**
   * What submitting each row would do, decided by the run's decider on its stream as it stands and
   * on the rows before it, with nothing appended.
   */
  async checkMany(actingAgencyId: string, rows: readonly unknown[], metadata: MessageMetadata): Promise<RowChecks> {
    const today = vietnameseDate(metadata.occurredAt);
    const states = new Map<string, RunNominationsState>();
    return checkRows(rows, async (row) => {
      const validated = await validatedRow(NominationRowDto, row);
      if (!validated.valid) return { accepted: false, errors: validated.errors };
      const { runId, traineeId } = validated.value;
      const run = await this.requireRun(runId);
      const trainee = (await this.trainees([traineeId])).get(traineeId);
      if (!trainee) throw new DomainRuleViolation('trainee-must-exist', `Trainee ${traineeId} is not registered`, 'traineeId', 'not-found');
      const nominationId = validated.value.nominationId ?? randomUUID();
      const state = states.get(runId) ?? (await loadStreamState(this.eventStore, runNominationsDecider, runNominationsStreamName(runId))).state;
      const command: SubmitNomination = { type: 'SubmitNomination', data: { nominationId, runId, trainee, actingAgencyId, run, today }, metadata };
      const events = runNominationsDecider.decide(command, state);
      states.set(runId, events.reduce(runNominationsDecider.evolve, state));
      return { subjectId: validated.value.nominationId ?? null, events };
    });
  }

  /**
   * Approve, reject or waitlist many nominations of the run, in the order given. Each is decided on its
   * own against the run as the earlier ones left it; the accepted ones are recorded together.
   */
  async decideMany(runId: string, decisions: readonly NominationDecisionRequest[], metadata: MessageMetadata): Promise<BulkDecisionResult> {
    const run = await this.requireRun(runId);
    const today = vietnameseDate(metadata.occurredAt);
    const decided = await handleEachCommand(this.eventStore, runNominationsDecider, {
      streamName: runNominationsStreamName(runId),
      commandId: randomUUID(),
      metadata,
      stateCache: this.runNominations,
      maxAttempts: MAX_ATTEMPTS,
      commands: () => decisions.map((decision) => decisionCommand(decision, run, today, metadata)),
    });
    const answer = bulkAnswer(decisions, decided.outcomes, { subject: ({ nominationId, decision }) => ({ nominationId, decision }) });
    return { runId, ...answer };
  }

  /** Approve, reject, waitlist or withdraw one nomination. */
  async decideOne(
    runId: string,
    command: (run: CourseRunView, today: string) => RunNominationsCommand,
    metadata: MessageMetadata,
  ): Promise<readonly string[]> {
    const run = await this.requireRun(runId);
    const result = await handleCommand(this.eventStore, runNominationsDecider, {
      streamName: runNominationsStreamName(runId),
      commandId: randomUUID(),
      command: command(run, vietnameseDate(metadata.occurredAt)),
      stateCache: this.runNominations,
      // Deciding again after a concurrent append is what makes the second of two approvals for the
      // last seat meet `run-capacity-reached` instead of overbooking the run.
      maxAttempts: MAX_ATTEMPTS,
    });
    return result.events.map((event) => event.type);
  }

  private async requireRun(runId: string): Promise<CourseRunView> {
    const run = await this.runs.get(runId);
    if (!run) {
      throw new DomainRuleViolation('run-must-exist', `Course run ${runId} is not known to enrolment`, 'runId', 'not-found');
    }
    return run;
  }

  private async trainees(traineeIds: readonly string[]): Promise<Map<string, NominatedTrainee>> {
    const found = new Map<string, NominatedTrainee>();
    const ids = [...new Set(traineeIds)];
    const loaded = await loadStreamStates(this.eventStore, traineeDecider, ids.map(traineeStreamName));
    for (const traineeId of ids) {
      const state = loaded.get(traineeStreamName(traineeId))?.state;
      if (state?.status !== 'registered') continue;
      const { trainee } = state;
      found.set(traineeId, {
        traineeId,
        agencyId: trainee.agencyId,
        targetGroup: trainee.profile.targetGroup,
        rank: trainee.profile.rank,
        leadership: trainee.profile.leadership,
        erased: trainee.personalDataErased,
      });
    }
    return found;
  }
}

export function decisionCommand(decision: NominationDecisionRequest, run: CourseRunView, today: string, metadata: MessageMetadata): RunNominationsCommand {
  const { nominationId } = decision;
  switch (decision.decision) {
    case 'approve':
      return { type: 'ApproveNomination', data: { nominationId, run, today }, metadata };
    case 'reject':
      return { type: 'RejectNomination', data: { nominationId, reason: decision.reason ?? '' }, metadata };
    case 'waitlist':
      return { type: 'WaitlistNomination', data: { nominationId }, metadata };
    default:
      return assertNever(decision.decision, 'nomination decision');
  }
}

/** The caller's id for the nomination, or one that the same request retried under the same key derives again. */
export const nominationIdOf = (request: NominationRequest, idempotencyKey: string, runId: string): string =>
  request.nominationId ?? keyDerivedUuid(idempotencyKey, runId, request.traineeId);
