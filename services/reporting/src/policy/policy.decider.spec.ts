import { given, type MessageMetadata } from '@training-ledger/decider';
import { phaseTargetsV1 } from '../evaluation-core';
import { policyDecider, type PolicyEvent, type VersionPolicy } from './policy.decider';

const metadata: MessageMetadata = { correlationId: 'c-1', actor: { id: 'mofa-programme-office', roles: ['programme-admin'] }, occurredAt: '2026-12-01T02:00:00.000Z' };
const version = (content: Record<string, unknown>, reason = 'as the Decision sets it'): VersionPolicy => ({
  type: 'VersionPolicy',
  data: { policy: 'coverage-rule', content, reason },
  metadata,
});
const versioned = (versionNumber: number, content: Record<string, unknown>): PolicyEvent => ({
  type: 'PolicyVersioned.v1',
  data: { policy: 'coverage-rule', version: versionNumber, content, reason: 'earlier' },
  metadata,
});

describe('policy as data (chính sách đánh giá)', () => {
  it('numbers the first version 1 and each change the next', () => {
    expect(given(policyDecider).when(version({ kind: 'any-certificate' }))).toMatchObject({ events: [{ data: { version: 1 } }] });
    expect(given(policyDecider, [versioned(1, { kind: 'any-certificate' })]).when(version({ kind: 'universal-in-both-groups' }))).toMatchObject({
      events: [{ type: 'PolicyVersioned.v1', data: { policy: 'coverage-rule', version: 2, content: { kind: 'universal-in-both-groups' } } }],
    });
  });

  it('accepts the phase targets of the Decision', () => {
    const command: VersionPolicy = { type: 'VersionPolicy', data: { policy: 'phase-targets', content: { ...phaseTargetsV1.targets }, reason: 'Decision 892' }, metadata };
    expect(given(policyDecider).when(command)).toMatchObject({ events: [{ data: { policy: 'phase-targets', version: 1 } }] });
  });

  it('refuses content that is not a policy, naming why', () => {
    expect(given(policyDecider).when(version({ kind: 'most-certificates' }))).toEqual({
      violation: { rule: 'policy-content-valid', field: 'content', kind: 'invalid' },
    });
  });

  it('records nothing when the content does not change, and requires a reason', () => {
    expect(given(policyDecider, [versioned(1, { kind: 'any-certificate' })]).when(version({ kind: 'any-certificate' }))).toEqual({ events: [] });
    expect(given(policyDecider).when(version({ kind: 'any-certificate' }, ' '))).toEqual({
      violation: { rule: 'policy-change-states-reason', field: 'reason', kind: 'invalid' },
    });
  });
});
