import type { AuthenticatedActor } from '@training-ledger/auth';
import { DomainRuleViolation, fold } from '@training-ledger/decider';
import { commandMetadata } from '@training-ledger/platform';
import {
  appendedTo,
  assertAcceptedBodiesPublish,
  bodyOf,
  calendarDateText,
  eitherOf,
  identifierText,
  listOf,
  nested,
  numberValue,
  oneOfValues,
  text,
  values,
  type DtoContractCase,
} from '@training-ledger/service-runtime/testing';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import {
  computeEvaluation,
  evaluationKinds,
  inputDigestRecord,
  inputDigestSha256,
  phaseTargetsV1,
  policyFromVersionedEvent,
  renderReport,
  reportCodeVersion,
  type VersionedPolicy,
} from './evaluation-core';
import { IssueEvaluationDto, VersionPolicyDto } from './evaluations/evaluation-requests.dto';
import { evaluationDecider, type EvaluationRecord, evaluationStreamName } from './evaluations/evaluation.decider';
import { policyDecider, type PolicyEvent, type PolicyKind, type PolicyState, policyStreamName } from './policy/policy.decider';
import { reportingPublishedEvents } from './published-events';

const evaluator: AuthenticatedActor = { id: 'evaluator-mofa', roles: ['evaluator'], agencyId: null };
const office: AuthenticatedActor = { id: 'mofa-programme-office', roles: ['programme-admin'], agencyId: null };

async function expectPublishable<TDto>(testCase: DtoContractCase<TDto>) {
  const tally = await assertAcceptedBodiesPublish('reporting', reportingPublishedEvents, testCase);
  expect(tally.published).toBeGreaterThan(0);
}

const coverageRules = [{ kind: 'any-certificate' }, { kind: 'universal-in-both-groups' }, { kind: 'any-certificate' }];
/** Three versions of each policy on record. */
const policyState = (policy: PolicyKind): PolicyState => policyStates[policy];
function threeVersions(policy: PolicyKind): PolicyState {
  const contents = policy === 'coverage-rule' ? coverageRules : [phaseTargetsV1.targets, { phases: phaseTargetsV1.targets.phases.slice(0, 1) }, phaseTargetsV1.targets];
  const history: PolicyEvent[] = contents.map((content, index) => ({
    type: 'PolicyVersioned.v1',
    data: { policy, version: index + 1, content: { ...content }, reason: 'as the Decision sets it' },
    metadata: commandMetadata(office, randomUUID()),
  }));
  return fold(policyDecider, history);
}

const policyStates: Record<PolicyKind, PolicyState> = { 'coverage-rule': threeVersions('coverage-rule'), 'phase-targets': threeVersions('phase-targets') };

/** The version asked for, or the latest, as the evaluations service chooses it; a version not on record is refused. */
function chosen(policy: PolicyKind, version: number | undefined): VersionedPolicy {
  const versions = policyState(policy).versions;
  const found = version === undefined ? versions.at(-1) : versions.find((candidate) => candidate.version === version);
  if (!found) throw new DomainRuleViolation('policy-version-exists', `There is no version ${version} of the ${policy}`, policy);
  const parsed = policyFromVersionedEvent(found);
  if (!parsed.ok) throw new Error(`version ${found.version} of the ${policy} is unreadable`);
  return parsed.policy;
}

describe('reporting: every body a command DTO accepts records events its published contract carries', () => {
  it('IssueEvaluationDto (POST /evaluations), over an empty archive', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const pastDay = fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date(`${today}T00:00:00Z`), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10));
    const version = numberValue({ min: 1, max: 3, integer: true });
    await expectPublishable<IssueEvaluationDto>({
      dto: IssueEvaluationDto,
      bodies: bodyOf({ kind: oneOfValues(evaluationKinds), asOf: calendarDateText(pastDay), coverageRuleVersion: version, phaseTargetsVersion: version }, [
        'coverageRuleVersion',
        'phaseTargetsVersion',
      ]),
      appended: (body) => {
        const coverageRule = chosen('coverage-rule', body.coverageRuleVersion);
        const phaseTargets = chosen('phase-targets', body.phaseTargetsVersion);
        if (coverageRule.policy !== 'coverage-rule' || phaseTargets.policy !== 'phase-targets') throw new Error('each policy reads as itself');
        const issuedAt = new Date().toISOString();
        const metadata = commandMetadata(evaluator, randomUUID(), issuedAt);
        const rendered = renderReport(
          computeEvaluation({ asOf: body.asOf, kind: body.kind, coverageRule: coverageRule.value, phaseTargets: phaseTargets.value, events: [] }),
        );
        const inputDigest = inputDigestRecord([]);
        const record: EvaluationRecord = {
          evaluationId: randomUUID(),
          kind: body.kind,
          asOf: body.asOf,
          coverageRuleVersion: coverageRule.value.version,
          phaseTargetsVersion: phaseTargets.value.version,
          reportCodeVersion,
          issuedBy: metadata.actor.id,
          issuedAt,
          inputs: [],
          inputDigest,
          inputDigestSha256: inputDigestSha256(inputDigest),
          reportJson: rendered.canonicalJson,
          reportSha256: rendered.sha256,
        };
        const events = evaluationDecider.decide({ type: 'IssueEvaluation', data: record, metadata }, evaluationDecider.initialState());
        return appendedTo(evaluationStreamName(record.evaluationId), metadata, events);
      },
    });
  });

  it('VersionPolicyDto (POST /policies/{policy})', async () => {
    const share = values(fc.constantFrom('0.30', '0.4', '0.7500', '1', '0'), text([6]).odd);
    const phase = bodyOf({
      id: identifierText(128, fc.constantFrom('phase-1', 'phase-2')),
      name: nested(bodyOf({ vi: text([1, 300], fc.constantFrom('Giai đoạn 1 (2026–2028)')), en: text([1, 300], fc.constantFrom('Phase 1 (2026–2028)')) })),
      from: calendarDateText(fc.constant('2026-01-01')),
      to: calendarDateText(fc.constant('2028-12-31')),
      bands: nested(bodyOf({ regular: nested(bodyOf({ min: share, max: share })), nonRegular: nested(bodyOf({ min: share, max: share })) })),
    });
    const content = eitherOf(
      bodyOf({ kind: oneOfValues(['any-certificate', 'universal-in-both-groups'] as const) }),
      bodyOf({ phases: listOf(phase, { minLength: 1, maxLength: 1 }) }),
      values(fc.constant({ ...phaseTargetsV1.targets }), fc.object({ maxDepth: 2 })),
    );
    await expectPublishable<VersionPolicyDto>({
      dto: VersionPolicyDto,
      bodies: bodyOf({ content, reason: text([1, 1000], fc.constantFrom('Mid-term review decision of the steering committee')) }),
      appended: (body) => {
        const policy: PolicyKind = 'phases' in body.content ? 'phase-targets' : 'coverage-rule';
        const metadata = commandMetadata(office, randomUUID());
        const events = policyDecider.decide({ type: 'VersionPolicy', data: { policy, content: body.content, reason: body.reason }, metadata }, policyState(policy));
        return appendedTo(policyStreamName(policy), metadata, events);
      },
    });
  });
});
