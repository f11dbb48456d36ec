import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DomainRuleViolation, type MessageMetadata } from '@training-ledger/decider';
import { handleCommand, loadStreamState, WrongExpectedVersionError, type EventStore } from '@training-ledger/event-store';
import { EVENT_STORE } from '@training-ledger/service-runtime';
import { randomUUID } from 'node:crypto';
import { type CoverageRulePolicy, phaseTargetsV1, type PhaseTargetsPolicy, policyFromVersionedEvent } from '../evaluation-core';
import { policyDecider, type PolicyKind, type PolicyVersioned, policyStreamName } from './policy.decider';

/** The Decision's own targets and the simplest coverage rule: version 1 of each, recorded once. */
const initialPolicies: readonly { policy: PolicyKind; content: Record<string, unknown>; reason: string }[] = [
  { policy: 'coverage-rule', content: { kind: 'any-certificate' }, reason: 'Decision 892/QĐ-TTg: a person with at least one certificate in force counts as trained' },
  { policy: 'phase-targets', content: { ...phaseTargetsV1.targets }, reason: 'Decision 892/QĐ-TTg, section on targets per phase' },
];

@Injectable()
export class PolicyService implements OnApplicationBootstrap {
  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const initial of initialPolicies) {
      const metadata: MessageMetadata = { correlationId: randomUUID(), actor: { id: 'reporting', roles: [] }, occurredAt: '2026-05-20T00:00:00.000Z' };
      const versions = await this.versions(initial.policy);
      if (versions.length > 0) continue;
      try {
        await handleCommand(this.eventStore, policyDecider, {
          streamName: policyStreamName(initial.policy),
          commandId: randomUUID(),
          command: { type: 'VersionPolicy', data: initial, metadata },
        });
      } catch (error) {
        // Another replica recorded version 1 first.
        if (!(error instanceof WrongExpectedVersionError)) throw error;
      }
    }
  }

  async versions(policy: PolicyKind): Promise<readonly PolicyVersioned['data'][]> {
    return (await loadStreamState(this.eventStore, policyDecider, policyStreamName(policy))).state.versions;
  }

  async version(policy: PolicyKind, metadata: MessageMetadata, content: Record<string, unknown>, reason: string): Promise<PolicyVersioned['data'] | null> {
    const result = await handleCommand(this.eventStore, policyDecider, {
      streamName: policyStreamName(policy),
      commandId: randomUUID(),
      maxAttempts: 3,
      command: { type: 'VersionPolicy', data: { policy, content, reason }, metadata },
    });
    return (result.events[0]?.data as PolicyVersioned['data'] | undefined) ?? null;
  }

  async coverageRule(version?: number): Promise<CoverageRulePolicy> {
    const chosen = await this.chosen('coverage-rule', version);
    const parsed = policyFromVersionedEvent(chosen);
    if (!parsed.ok || parsed.policy.policy !== 'coverage-rule') throw new Error(`Coverage rule version ${chosen.version} is unreadable`);
    return parsed.policy.value;
  }

  async phaseTargets(version?: number): Promise<PhaseTargetsPolicy> {
    const chosen = await this.chosen('phase-targets', version);
    const parsed = policyFromVersionedEvent(chosen);
    if (!parsed.ok || parsed.policy.policy !== 'phase-targets') throw new Error(`Phase targets version ${chosen.version} is unreadable`);
    return parsed.policy.value;
  }

  private async chosen(policy: PolicyKind, version: number | undefined): Promise<PolicyVersioned['data']> {
    const versions = await this.versions(policy);
    const chosen = version === undefined ? versions.at(-1) : versions.find((candidate) => candidate.version === version);
    if (!chosen) {
      const field = policy === 'coverage-rule' ? 'coverageRuleVersion' : 'phaseTargetsVersion';
      throw new DomainRuleViolation('policy-version-exists', `There is no version ${version ?? '(any)'} of the ${policy}`, field, 'not-found');
    }
    return chosen;
  }
}
