import { reportingContract } from '@training-ledger/contracts';
import { decideEach, type MessageMetadata } from '@training-ledger/decider';
import { publicationsBeforeAndAfter, recordedAt } from '@training-ledger/service-runtime/testing';
import { phaseTargetsV1 } from './evaluation-core';
import { evaluationDecider } from './evaluations/evaluation.decider';
import { policyDecider } from './policy/policy.decider';
import { reportingPublishedEvents, type ReportingDomainEvent } from './published-events';

const metadata: MessageMetadata = { correlationId: 'c-1', actor: { id: 'evaluator-mofa', roles: ['evaluator'] }, occurredAt: '2029-01-15T02:00:00.000Z' };

const decided: ReportingDomainEvent[] = [
  ...decideEach(policyDecider, policyDecider.initialState(), [
    { type: 'VersionPolicy', data: { policy: 'coverage-rule', content: { kind: 'any-certificate' }, reason: 'as the Decision sets it' }, metadata },
    { type: 'VersionPolicy', data: { policy: 'coverage-rule', content: { kind: 'universal-in-both-groups' }, reason: 'Decision 892, article 3' }, metadata },
  ]).events,
  ...decideEach(policyDecider, policyDecider.initialState(), [
    { type: 'VersionPolicy', data: { policy: 'phase-targets', content: { ...phaseTargetsV1.targets }, reason: 'Decision 892' }, metadata },
  ]).events,
  ...decideEach(evaluationDecider, evaluationDecider.initialState(), [
    {
      type: 'IssueEvaluation',
      data: {
        evaluationId: 'mid-term-2028',
        kind: 'mid-term',
        asOf: '2028-12-31',
        coverageRuleVersion: 2,
        phaseTargetsVersion: 1,
        reportCodeVersion: 'evaluation/1.0.0',
        issuedBy: 'evaluator-mofa',
        issuedAt: '2029-01-15T02:00:00.000Z',
        inputs: [{ streamName: 'inbox-enrolment-0', topic: 'enrolment.events.v1', partition: 0, lastRevision: '41', lastOffset: '41', count: 42 }],
        inputDigest: { version: 'input-digest/v1', partitions: [] },
        inputDigestSha256: 'a'.repeat(64),
        reportJson: '{"coverage":[]}',
        reportSha256: 'b'.repeat(64),
      },
      metadata,
    },
    {
      type: 'RecordReplay',
      data: { evaluationId: 'mid-term-2028', replayedBy: 'state-audit', replayedAt: '2031-03-01T02:00:00.000Z', outcome: 'identical', detail: 'b'.repeat(64) },
      metadata,
    },
  ]).events,
];

describe('reporting’s gateway, against publishing by the contract’s names', () => {
  it('publishes every shape of every event the log may hold in the bytes the contract’s names published', () => {
    const { before, after, publishedTypes, setAside } = publicationsBeforeAndAfter(reportingContract, reportingPublishedEvents, decided);
    expect(after).toEqual(before);
    expect(publishedTypes).toEqual(new Set(Object.keys(reportingContract.schemas)));
    expect(setAside).toBeGreaterThan(0);
  });

  it('keeps the replays of an evaluation in reporting’s log', () => {
    const replays = decided.filter((event) => event.type === 'EvaluationReplayed.v1');
    expect(replays).toHaveLength(1);
    expect(replays.map((event, index) => reportingPublishedEvents(recordedAt(event, index)))).toEqual([null]);
  });
});
