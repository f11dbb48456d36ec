import fc from 'fast-check';
import { computeEvaluation, renderReport, reportCodeVersions, type ReportCodeVersion } from './evaluation';
import type { EvaluationEvent } from './evaluation-events';
import { inLog } from './evaluation-log.fixture';
import { phaseTargetsV1 } from './policy';
import { programmeEvaluationArbitrary } from './random-log.fixture';
import { reviewProgrammeFacts } from './review-programme.fixture';

/**
 * Test-only: the SHA-256 of reports over fixed random logs, under every report code version. The
 * recorded hashes (byte-identity.golden.json) were computed by the whole-archive evaluation, before
 * it became a fold over partitions; the fold must give the same bytes for every one of them.
 */
export const GOLDEN_SEED = 20_261_206;
export const GOLDEN_LOGS = 400;

export interface GoldenCase {
  readonly name: string;
  readonly events: readonly EvaluationEvent[];
  readonly asOf: string;
  readonly coverageRule: Parameters<typeof computeEvaluation>[0]['coverageRule'];
}

export function goldenCases(): GoldenCase[] {
  const random = fc.sample(programmeEvaluationArbitrary, { seed: GOLDEN_SEED, numRuns: GOLDEN_LOGS });
  return [
    ...random.map((input, index) => ({ name: `random log ${index}`, ...input })),
    { name: 'review programme', events: inLog(reviewProgrammeFacts(), 4), asOf: '2023-12-31', coverageRule: { version: 1, rule: { kind: 'any-certificate' } } },
  ];
}

export function reportHashes(cases: readonly GoldenCase[]): Record<string, Record<ReportCodeVersion, string>> {
  return Object.fromEntries(
    cases.map((golden) => [
      golden.name,
      Object.fromEntries(
        reportCodeVersions.map((version) => [
          version,
          renderReport(computeEvaluation({ asOf: golden.asOf, kind: 'mid-term', coverageRule: golden.coverageRule, phaseTargets: phaseTargetsV1, events: golden.events, reportCodeVersion: version })).sha256,
        ]),
      ) as Record<ReportCodeVersion, string>,
    ]),
  );
}
