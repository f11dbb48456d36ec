import { defineProjection, upsert } from '@training-ledger/read-models';
import type { CompletionAssessed } from './run-completion.decider';

export interface CompletionEvents {
  'CompletionAssessed.v1': CompletionAssessed['data'];
}

/** The latest completion assessment of each trainee of each run. */
export interface CompletionDocument {
  readonly _id: string;
  readonly runId: string;
  readonly traineeId: string;
  readonly agencyId: string;
  readonly eligible: boolean;
  readonly attendanceShare: string;
  readonly sessionsHeld: number;
  readonly sessionsAttended: number;
  readonly assessmentPassed: boolean | null;
  readonly ruleVersion: number;
  readonly reasons: readonly string[];
}

export const completionId = (runId: string, traineeId: string): string => JSON.stringify([runId, traineeId]);

export const completionProjection = defineProjection<CompletionEvents>({
  name: 'completion',
  version: 1,
  collection: 'completion',
  indexes: [{ fields: { runId: 1, eligible: 1 } }, { fields: { traineeId: 1 } }],
  handlers: {
    'CompletionAssessed.v1': ({ data }) => [
      upsert(completionId(data.runId, data.traineeId), {
        $set: {
          runId: data.runId,
          traineeId: data.traineeId,
          agencyId: data.agencyId,
          eligible: data.eligible,
          attendanceShare: data.attendanceShare,
          sessionsHeld: data.sessionsHeld,
          sessionsAttended: data.sessionsAttended,
          assessmentPassed: data.assessmentPassed,
          ruleVersion: data.ruleVersion,
          reasons: data.reasons,
        },
      }),
    ],
  },
});
