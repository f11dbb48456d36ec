import type { Rank } from '@training-ledger/contracts';

/**
 * Leaders at department level (lãnh đạo cấp Vụ, cấp Sở): directors-general and provincial department
 * directors, and their deputies. Division heads (cấp phòng) are managers, not the leaders the reviews
 * count senior courses (khóa cấp cao) for.
 */
export const leaderRanks: readonly Rank[] = ['director-general', 'deputy-director-general'];

export const seniorCourseRule =
  'A senior course for leaders (khóa cấp cao) is a completed run whose scheduled eligible ranks are all leader ranks ' +
  '(director-general, deputy-director-general); a run whose scheduling was not read is not one.';

/** The one rule that makes a run a senior course for leaders: every rank it admits is a leader's. */
export function isSeniorCourseForLeaders(eligibleRanks: readonly Rank[] | null): boolean {
  return eligibleRanks !== null && eligibleRanks.length > 0 && eligibleRanks.every((rank) => leaderRanks.includes(rank));
}
