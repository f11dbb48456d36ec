import { assertNever, type Command, type Decider, type DomainEvent, DomainRuleViolation } from '@training-ledger/decider';
import { policyFromVersionedEvent } from '../evaluation-core';

export const policyKinds = ['coverage-rule', 'phase-targets'] as const;
export type PolicyKind = (typeof policyKinds)[number];

/** A new version of a policy; the earlier versions stay as they were, for the evaluations that named them. */
export type VersionPolicy = Command<'VersionPolicy', { policy: PolicyKind; content: Record<string, unknown>; reason: string }>;
export type PolicyCommand = VersionPolicy;

export type PolicyVersioned = DomainEvent<
  'PolicyVersioned.v1',
  { policy: PolicyKind; version: number; content: Record<string, unknown>; reason: string }
>;
export type PolicyEvent = PolicyVersioned;

export interface PolicyState {
  readonly policy: PolicyKind | null;
  readonly versions: readonly PolicyVersioned['data'][];
}

export const policyStreamName = (policy: PolicyKind): string => `policy-${policy}`;

export const policyDecider: Decider<PolicyCommand, PolicyEvent, PolicyState> = {
  initialState: () => ({ policy: null, versions: [] }),

  decide(command, state) {
    switch (command.type) {
      case 'VersionPolicy': {
        const { policy, content, reason } = command.data;
        if (state.policy !== null && state.policy !== policy) {
          throw new DomainRuleViolation('one-policy-per-stream', `Expected ${state.policy}, got ${policy}`, 'policy');
        }
        if (reason.trim() === '') throw new DomainRuleViolation('policy-change-states-reason', 'A policy change must state its reason', 'reason');
        const version = state.versions.length + 1;
        const parsed = policyFromVersionedEvent({ policy, version, content });
        if (!parsed.ok) throw new DomainRuleViolation('policy-content-valid', `The ${policy} is not valid: ${parsed.reason}`, 'content');
        const latest = state.versions.at(-1);
        if (latest && JSON.stringify(latest.content) === JSON.stringify(content)) return [];
        return [{ type: 'PolicyVersioned.v1', data: { policy, version, content, reason: reason.trim() }, metadata: command.metadata }];
      }
      default:
        return assertNever(command.type as never, 'policy command');
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'PolicyVersioned.v1':
        return { policy: event.data.policy, versions: [...state.versions, event.data] };
      default:
        return assertNever(event.type as never, 'policy event');
    }
  },
};
