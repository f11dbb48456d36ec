import { decimalShare } from '@training-ledger/contracts';
import fc from 'fast-check';
import { renderReport, type EvaluationReport, type Figures } from './evaluation';
import type { EvaluationEvent } from './evaluation-events';
import { agencyRegistered, certifiedStaff, evaluate, inLog, rosterDeclared } from './evaluation-log.fixture';
import { cutoffs, evaluationArbitrary, pick } from './random-log.fixture';

/** Merges per-partition sequences in the order the choices dictate, never reordering within a partition. */
function interleave(events: readonly EvaluationEvent[], choices: readonly number[]): EvaluationEvent[] {
  const queues = new Map<string, EvaluationEvent[]>();
  for (const event of events) {
    const place = `${event.topic}/${event.partition}`;
    queues.set(place, [...(queues.get(place) ?? []), event]);
  }
  const merged: EvaluationEvent[] = [];
  for (let step = 0; merged.length < events.length; step += 1) {
    const open = [...queues.values()].filter((queue) => queue.length > 0);
    const queue = open[(choices[step % Math.max(choices.length, 1)] ?? 0) % open.length];
    merged.push(queue.shift() as EvaluationEvent);
  }
  return merged;
}

const bytesOf = (report: EvaluationReport) => renderReport(report).canonicalJson;

describe('evaluation properties: the same log gives the same bytes', () => {
  it('(a) gives identical bytes for every interleaving of the same per-partition sequences', () => {
    const choices = fc.array(fc.nat(), { minLength: 1, maxLength: 80 });
    fc.assert(
      fc.property(evaluationArbitrary, choices, choices, (input, first, second) => {
        const inPartitionOrder = bytesOf(evaluate(input.events, input));
        expect(bytesOf(evaluate(interleave(input.events, first), input))).toBe(inPartitionOrder);
        expect(bytesOf(evaluate(interleave(input.events, second), input))).toBe(inPartitionOrder);
        // Offsets, not places in the array, give the order within a partition.
        expect(bytesOf(evaluate([...input.events].reverse(), input))).toBe(inPartitionOrder);
      }),
      { numRuns: 300 },
    );
  });

  it('(b) gives identical bytes and hash when computed twice, from the events or from a copy of them', () => {
    fc.assert(
      fc.property(evaluationArbitrary, (input) => {
        const once = renderReport(evaluate(input.events, input));
        const again = renderReport(evaluate(structuredClone(input.events), input));
        expect(again).toEqual(once);
      }),
      { numRuns: 200 },
    );
  });

  it('(c) writes every coverage share within [0, 1] wherever no more are trained than are on the roster', () => {
    const covered = fc.record({
      regular: fc.nat({ max: 500 }),
      nonRegular: fc.nat({ max: 500 }),
      trainedRegularPart: fc.double({ min: 0, max: 1, noNaN: true }),
      trainedNonRegularPart: fc.double({ min: 0, max: 1, noNaN: true }),
    });
    fc.assert(
      fc.property(covered, pick(cutoffs), ({ regular, nonRegular, trainedRegularPart, trainedNonRegularPart }, asOf) => {
        const trainedRegular = Math.floor(regular * trainedRegularPart);
        const trainedNonRegular = Math.floor(nonRegular * trainedNonRegularPart);
        const report = evaluate(
          inLog([
            agencyRegistered('BNG', 'ministry'),
            rosterDeclared('BNG', '2026-06-01', regular, nonRegular),
            ...certifiedStaff('BNG', 'regular', trainedRegular, { issuedOn: '2026-06-01' }),
            ...certifiedStaff('BNG', 'non-regular', trainedNonRegular, { issuedOn: '2026-06-01' }),
          ]),
          { asOf },
        );
        expect(report.national.trained).toEqual({ regular: trainedRegular, nonRegular: trainedNonRegular });
        expectSharesInRange(report.national);
      }),
      { numRuns: 100 },
    );

    fc.assert(
      fc.property(evaluationArbitrary, (input) => {
        const report = evaluate(input.events, input);
        const groups = [...Object.values(report.agencyGroups), ...Object.values(report.agencyKinds)];
        for (const figures of [report.national, ...groups, ...report.agencies]) expectSharesInRange(figures);
      }),
      { numRuns: 200 },
    );
  });
});

function expectSharesInRange(figures: Figures): void {
  for (const group of ['regular', 'nonRegular'] as const) {
    const [trained, roster, share] = [figures.trained[group], figures.roster[group], figures.share[group]];
    if (roster === 0) expect(share).toBeNull();
    else if (trained <= roster) expect(decimalShare.safeParse(share).success).toBe(true);
  }
}
