import {
  parseCoverageRulePolicy,
  parsePhaseTargetsPolicy,
  phaseInForce,
  phaseTargetsV1,
  policyFromVersionedEvent,
} from './policy';

describe('reporting policies: versioned data, never constants in the evaluation', () => {
  it('version 1 of the phase targets is Mục tiêu cụ thể of the Decision', () => {
    expect(parsePhaseTargetsPolicy(phaseTargetsV1)).toEqual({ ok: true, policy: phaseTargetsV1 });
    expect(phaseTargetsV1.targets.phases.map((phase) => [phase.id, phase.from, phase.to, phase.bands])).toEqual([
      ['phase-1', '2026-01-01', '2028-12-31', { regular: { min: '0.30', max: '0.40' }, nonRegular: { min: '0.30', max: '0.40' } }],
      ['phase-2', '2029-01-01', '2031-12-31', { regular: { min: '0.70', max: '0.80' }, nonRegular: { min: '0.50', max: '0.60' } }],
    ]);
  });

  it('finds the phase that contains the as-of date, else the latest one ended before it', () => {
    const { targets } = phaseTargetsV1;
    expect(phaseInForce(targets, '2028-12-31')).toMatchObject({ phase: { id: 'phase-1' }, relation: 'current' });
    expect(phaseInForce(targets, '2029-01-01')).toMatchObject({ phase: { id: 'phase-2' }, relation: 'current' });
    expect(phaseInForce(targets, '2033-01-01')).toMatchObject({ phase: { id: 'phase-2' }, relation: 'ended' });
    expect(phaseInForce(targets, '2025-12-31')).toBeNull();
  });

  it.each([
    ['a band given as a number', { min: 0.3, max: '0.40' }],
    ['a band above 1', { min: '0.30', max: '1.20' }],
    ['a band with five places', { min: '0.30000', max: '0.40' }],
    ['a band upside down', { min: '0.40', max: '0.30' }],
    ['a band whose maximum is no number', { min: '0.30', max: 'forty' }],
  ])('refuses phase targets with %s', (_, band) => {
    const phases = [{ ...phaseTargetsV1.targets.phases[0], bands: { regular: band, nonRegular: band } }];
    expect(parsePhaseTargetsPolicy({ version: 2, targets: { phases } }).ok).toBe(false);
  });

  it('refuses overlapping phases, a phase ending before it starts, a date not on the calendar and unknown fields', () => {
    const [first, second] = phaseTargetsV1.targets.phases;
    const refused = (phases: unknown[]) => parsePhaseTargetsPolicy({ version: 2, targets: { phases } });
    expect(refused([first, { ...second, from: '2028-12-31' }])).toMatchObject({ ok: false, reason: expect.stringContaining('overlap') });
    expect(refused([{ ...first, to: '2025-01-01' }]).ok).toBe(false);
    expect(refused([{ ...first, to: '2028-02-30' }]).ok).toBe(false);
    expect(refused([{ ...first, note: 'extra' }]).ok).toBe(false);
    expect(refused([first, { ...second, id: 'phase-1' }]).ok).toBe(false);
  });

  it('knows two coverage rules, each under a version', () => {
    expect(parseCoverageRulePolicy({ version: 1, rule: { kind: 'any-certificate' } }).ok).toBe(true);
    expect(parseCoverageRulePolicy({ version: 2, rule: { kind: 'universal-in-both-groups' } }).ok).toBe(true);
    expect(parseCoverageRulePolicy({ version: 2, rule: { kind: 'two-certificates' } }).ok).toBe(false);
    expect(parseCoverageRulePolicy({ version: 0, rule: { kind: 'any-certificate' } }).ok).toBe(false);
  });

  it('reads a PolicyVersioned.v1 event’s content as the rule or the targets', () => {
    expect(policyFromVersionedEvent({ policy: 'coverage-rule', version: 3, content: { kind: 'universal-in-both-groups' } })).toEqual({
      ok: true,
      policy: { policy: 'coverage-rule', value: { version: 3, rule: { kind: 'universal-in-both-groups' } } },
    });
    expect(policyFromVersionedEvent({ policy: 'phase-targets', version: 1, content: phaseTargetsV1.targets })).toEqual({
      ok: true,
      policy: { policy: 'phase-targets', value: phaseTargetsV1 },
    });
    expect(policyFromVersionedEvent({ policy: 'phase-targets', version: 1, content: { phases: [] } }).ok).toBe(false);
  });
});
