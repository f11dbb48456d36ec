import { assertNever, type Command, type Decider, type DomainEvent, DomainRuleViolation } from '@training-ledger/decider';
import type { EvaluationKind, InputDigestRecord } from '../evaluation-core';

/** How far into one inbox stream (a topic partition) an evaluation read. */
export interface InboxRange {
  readonly streamName: string;
  readonly topic: string;
  readonly partition: number;
  /** Stream revision of the last event read, as a decimal string; null for a partition read empty. */
  readonly lastRevision: string | null;
  readonly lastOffset: string | null;
  readonly count: number;
}

export interface EvaluationRecord {
  readonly evaluationId: string;
  readonly kind: EvaluationKind;
  readonly asOf: string;
  readonly coverageRuleVersion: number;
  readonly phaseTargetsVersion: number;
  readonly reportCodeVersion: string;
  readonly issuedBy: string;
  readonly issuedAt: string;
  readonly inputs: readonly InboxRange[];
  readonly inputDigest: InputDigestRecord;
  readonly inputDigestSha256: string;
  /** The report as canonical JSON: these exact bytes are what `reportSha256` seals. */
  readonly reportJson: string;
  readonly reportSha256: string;
}

export type IssueEvaluation = Command<'IssueEvaluation', EvaluationRecord>;
export type RecordReplay = Command<
  'RecordReplay',
  { evaluationId: string; replayedBy: string; replayedAt: string; outcome: 'identical' | 'input-diverged' | 'report-differs'; detail: string }
>;
export type EvaluationCommand = IssueEvaluation | RecordReplay;

export type EvaluationIssued = DomainEvent<'EvaluationIssued.v1', EvaluationRecord>;
export type EvaluationReplayed = DomainEvent<'EvaluationReplayed.v1', RecordReplay['data']>;
export type EvaluationEvent = EvaluationIssued | EvaluationReplayed;

export interface EvaluationState {
  readonly issued: EvaluationRecord | null;
  readonly replays: number;
}

export const evaluationStreamName = (evaluationId: string): string => `evaluation-${evaluationId}`;

/** An issued evaluation never changes: replays are recorded beside it, restatements are computed, not stored over it. */
export const evaluationDecider: Decider<EvaluationCommand, EvaluationEvent, EvaluationState> = {
  initialState: () => ({ issued: null, replays: 0 }),

  decide(command, state) {
    switch (command.type) {
      case 'IssueEvaluation': {
        if (state.issued) {
          throw new DomainRuleViolation('evaluation-issued-once', `Evaluation ${state.issued.evaluationId} was already issued`, 'evaluationId', 'conflict');
        }
        const { asOf, issuedAt } = command.data;
        if (asOf > issuedAt.slice(0, 10)) {
          throw new DomainRuleViolation('as-of-not-in-future', `An evaluation as of ${asOf} cannot be issued on ${issuedAt.slice(0, 10)}`, 'asOf');
        }
        return [{ type: 'EvaluationIssued.v1', data: command.data, metadata: command.metadata }];
      }
      case 'RecordReplay':
        if (!state.issued) {
          throw new DomainRuleViolation('evaluation-must-exist', `No evaluation ${command.data.evaluationId}`, 'evaluationId', 'not-found');
        }
        return [{ type: 'EvaluationReplayed.v1', data: command.data, metadata: command.metadata }];
      default:
        return assertNever(command, 'evaluation command');
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'EvaluationIssued.v1':
        return { ...state, issued: event.data };
      case 'EvaluationReplayed.v1':
        return { ...state, replays: state.replays + 1 };
      default:
        return assertNever(event, 'evaluation event');
    }
  },
};
