import { given, type MessageMetadata } from '@training-ledger/decider';
import { evaluationDecider, type EvaluationRecord, type EvaluationEvent, type IssueEvaluation } from './evaluation.decider';

const metadata: MessageMetadata = { correlationId: 'c-1', actor: { id: 'evaluator-mofa', roles: ['evaluator'] }, occurredAt: '2029-01-15T02:00:00.000Z' };
const record = (overrides: Partial<EvaluationRecord> = {}): EvaluationRecord => ({
  evaluationId: 'mid-term-2028',
  kind: 'mid-term',
  asOf: '2028-12-31',
  coverageRuleVersion: 1,
  phaseTargetsVersion: 1,
  reportCodeVersion: 'evaluation/1.0.0',
  issuedBy: 'evaluator-mofa',
  issuedAt: '2029-01-15T02:00:00.000Z',
  inputs: [],
  inputDigest: { version: 'input-digest/v1', partitions: [] },
  inputDigestSha256: 'a'.repeat(64),
  reportJson: '{}',
  reportSha256: 'b'.repeat(64),
  ...overrides,
});
const issue = (overrides: Partial<EvaluationRecord> = {}): IssueEvaluation => ({ type: 'IssueEvaluation', data: record(overrides), metadata });
const issued: EvaluationEvent = { type: 'EvaluationIssued.v1', data: record(), metadata };

describe('an evaluation (sơ kết, tổng kết)', () => {
  it('is issued once, with what it read and the hashes that seal it', () => {
    expect(given(evaluationDecider).when(issue())).toEqual({ events: [{ type: 'EvaluationIssued.v1', data: record(), metadata }] });
    expect(given(evaluationDecider, [issued]).when(issue())).toEqual({ violation: { rule: 'evaluation-issued-once', field: 'evaluationId', kind: 'conflict' } });
  });

  it('is never issued as of a date still to come', () => {
    expect(given(evaluationDecider).when(issue({ asOf: '2031-12-31' }))).toEqual({ violation: { rule: 'as-of-not-in-future', field: 'asOf', kind: 'invalid' } });
  });

  it('records each replay beside it, never over it', () => {
    const replay = { type: 'RecordReplay' as const, data: { evaluationId: 'mid-term-2028', replayedBy: 'state-audit', replayedAt: '2031-03-01T02:00:00.000Z', outcome: 'identical' as const, detail: 'b'.repeat(64) }, metadata };
    expect(given(evaluationDecider, [issued]).when(replay)).toMatchObject({ events: [{ type: 'EvaluationReplayed.v1' }] });
    expect(given(evaluationDecider).when(replay)).toEqual({ violation: { rule: 'evaluation-must-exist', field: 'evaluationId', kind: 'not-found' } });
  });
});
