import type { Rank } from '@training-ledger/contracts';
import { agencyRegistered, certificateIssued, type Fact, runCompleted } from './evaluation-log.fixture';
import { markOf, nominationApproved, runScheduled } from './programme-log.fixture';

/**
 * Test-only: a programme whose figures are those the previous programme's mid-term review published
 * (seed 002): 60 courses for 7.030 learner-times from 28 ministries and 61 localities, 6 senior courses
 * for department-level leaders, 4 courses with foreign experts. Every learner attends one run; every
 * tenth is certified.
 */
export const reviewFigures = { runs: 60, learnerTimes: 7_030, ministries: 28, localities: 61, senior: 6, foreign: 4 } as const;

const ministries = Array.from({ length: reviewFigures.ministries }, (_, index) => `BO-${String(index + 1).padStart(2, '0')}`);
const localities = Array.from({ length: reviewFigures.localities }, (_, index) => `TINH-${String(index + 1).padStart(2, '0')}`);
const runIds = Array.from({ length: reviewFigures.runs }, (_, index) => `K-${String(index + 1).padStart(2, '0')}`);
const isSenior = (runIndex: number) => runIndex < reviewFigures.senior;
const otherRanks: readonly Rank[] = ['division-level', 'specialist', 'specialist', 'specialist'];

export function reviewProgrammeFacts(): Fact[] {
  const agencies = [...ministries, ...localities];
  const facts: Fact[] = [
    ...ministries.map((agencyId) => agencyRegistered(agencyId, 'ministry')),
    ...localities.map((agencyId) => agencyRegistered(agencyId, 'province')),
  ];
  runIds.forEach((runId, runIndex) => {
    const date = `2023-${String(3 + (runIndex % 9)).padStart(2, '0')}-${String(1 + (runIndex % 27)).padStart(2, '0')}`;
    facts.push(runScheduled(runId, [{ sessionId: 'S1', date }], isSenior(runIndex) ? ['director-general', 'deputy-director-general'] : ['division-level', 'specialist']));
  });
  for (let learner = 0; learner < reviewFigures.learnerTimes; learner += 1) {
    const runIndex = learner % reviewFigures.runs;
    const runId = runIds[runIndex];
    const traineeId = `HV-${String(learner + 1).padStart(5, '0')}`;
    const agencyId = agencies[learner % agencies.length];
    const rank: Rank = isSenior(runIndex) ? (learner % 2 === 0 ? 'director-general' : 'deputy-director-general') : otherRanks[learner % otherRanks.length];
    const leadership = rank === 'director-general' || rank === 'deputy-director-general';
    facts.push(nominationApproved(runId, traineeId, { agencyId, rank, leadership }, '2023-02-01'));
    facts.push(markOf(runId, 'S1', traineeId, 'present', '2023-12-01', '2023-12-01'));
    if (learner % 10 === 0) {
      facts.push(certificateIssued({ certificateId: `CN-${traineeId}`, traineeId, agencyId, rank, runId, issuedOn: '2023-12-15' }));
    }
  }
  runIds.forEach((runId, runIndex) => {
    facts.push(runCompleted({ runId, completedOn: '2023-12-10', sessionsHeld: ['S1'], hasForeignLecturer: runIndex >= reviewFigures.runs - reviewFigures.foreign }));
  });
  return facts;
}
