import { reportingContract } from '@training-ledger/contracts';
import { publishedEvents } from '@training-ledger/service-runtime';
import type { EvaluationEvent } from './evaluations/evaluation.decider';
import type { PolicyEvent } from './policy/policy.decider';

/** Every event reporting's deciders record; the archived integration events of its inbox are no domain events. */
export type ReportingDomainEvent = PolicyEvent | EvaluationEvent;

/**
 * What reporting publishes on reporting.events.v1, event by event: the policies and the seal of each
 * evaluation. The report itself, its inputs and the reasons people give stay in the log.
 */
export const reportingPublishedEvents = publishedEvents<ReportingDomainEvent, typeof reportingContract>(reportingContract, {
  'PolicyVersioned.v1': (data) => ({
    type: 'PolicyVersioned.v1',
    data: { policy: data.policy, version: data.version, content: data.content },
  }),
  'EvaluationIssued.v1': (data) => ({
    type: 'EvaluationIssued.v1',
    data: {
      evaluationId: data.evaluationId,
      kind: data.kind,
      asOf: data.asOf,
      coverageRuleVersion: data.coverageRuleVersion,
      phaseTargetsVersion: data.phaseTargetsVersion,
      reportCodeVersion: data.reportCodeVersion,
      reportSha256: data.reportSha256,
    },
  }),
  'EvaluationReplayed.v1': 'private',
});
