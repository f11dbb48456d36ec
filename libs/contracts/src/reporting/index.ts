import { z } from 'zod';
import { identifier, isoDate } from '../common';
import { logSealSchemas } from '../log-seal';
import { defineTopicContract, type EventUnion } from '../define';

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

export const reportingContract = defineTopicContract('reporting', {
  ...logSealSchemas,
  'PolicyVersioned.v1': z.object({
    policy: z.enum(['coverage-rule', 'phase-targets']),
    version: z.number().int().min(1),
    content: z.record(z.string(), z.unknown()),
  }),
  'EvaluationIssued.v1': z.object({
    evaluationId: identifier,
    kind: z.enum(['mid-term', 'final', 'annual', 'ad-hoc']),
    asOf: isoDate,
    coverageRuleVersion: z.number().int().min(1),
    phaseTargetsVersion: z.number().int().min(1),
    reportCodeVersion: z.string().min(1),
    reportSha256: sha256Hex,
  }),
});

export type ReportingIntegrationEvent = EventUnion<typeof reportingContract.schemas>;
