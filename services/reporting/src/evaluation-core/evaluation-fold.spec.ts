import { DomainRuleViolation } from '@training-ledger/decider';
import fc from 'fast-check';
import { computeEvaluation, EvaluationFold, renderReport, reportCodeVersions } from './evaluation';
import type { EvaluationEvent } from './evaluation-events';
import { phaseTargetsV1 } from './policy';
import { anyCertificate, attendanceRecorded, inLog } from './evaluation-log.fixture';
import { comparePositions, parseOffset } from './offsets';
import { programmeEvaluationArbitrary } from './random-log.fixture';

/** The archive as the inbox holds it: one stream per topic-partition, each in offset order; streams in (topic, partition) order. */
function asStreamed(events: readonly EvaluationEvent[]): EvaluationEvent[] {
  const at = (event: EvaluationEvent) => ({ topic: event.topic, partition: event.partition, offset: parseOffset(event.offset) });
  return [...events].sort((a, b) => comparePositions(at(a), at(b)));
}

describe('EvaluationFold', () => {
  it('gives, folded partition by partition as the archive streams, the bytes of the evaluation of the same events in any order', () => {
    fc.assert(
      fc.property(programmeEvaluationArbitrary, fc.constantFrom(...reportCodeVersions), fc.integer(), (input, version, seed) => {
        const settings = { asOf: input.asOf, kind: 'mid-term' as const, coverageRule: input.coverageRule, phaseTargets: phaseTargetsV1, reportCodeVersion: version };
        const fold = new EvaluationFold(settings);
        for (const event of asStreamed(input.events)) fold.add(event);
        const shuffled = fc.sample(fc.shuffledSubarray([...input.events], { minLength: input.events.length }), { seed, numRuns: 1 })[0];
        expect(renderReport(fold.result()).canonicalJson).toBe(renderReport(computeEvaluation({ ...settings, events: shuffled })).canonicalJson);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses an event that comes before the one folded last, rather than count it out of order', () => {
    const [first, second] = inLog([attendanceRecorded('R1', 'S1', 'T1', 'present'), attendanceRecorded('R1', 'S2', 'T1', 'present')]);
    const fold = new EvaluationFold({ asOf: '2028-12-31', kind: 'mid-term', coverageRule: anyCertificate, phaseTargets: phaseTargetsV1 });
    fold.add(second);
    expect(() => fold.add(first)).toThrow(DomainRuleViolation);
  });

  it('keeps the same event given twice at one offset once, and refuses two different events at one offset', () => {
    const [mark] = inLog([attendanceRecorded('R1', 'S1', 'T1', 'present')]);
    const fold = new EvaluationFold({ asOf: '2028-12-31', kind: 'mid-term', coverageRule: anyCertificate, phaseTargets: phaseTargetsV1 });
    fold.add(mark);
    fold.add({ ...mark });
    expect(() => fold.add({ ...mark, eventId: 'another' })).toThrow(/holds two different events/);
    expect(fold.result().inputs.events).toBe(1);
  });

  it('gives its result once, and folds nothing after it: what only folding needs is let go first', () => {
    const [first, second] = inLog([attendanceRecorded('R1', 'S1', 'T1', 'present'), attendanceRecorded('R1', 'S2', 'T1', 'present')]);
    const fold = new EvaluationFold({ asOf: '2028-12-31', kind: 'mid-term', coverageRule: anyCertificate, phaseTargets: phaseTargetsV1 });
    fold.add(first);
    expect(fold.result().inputs.events).toBe(1);
    expect(() => fold.add(second)).toThrow(/gave its result/);
    expect(() => fold.result()).toThrow(/gave its result/);
  });
});
