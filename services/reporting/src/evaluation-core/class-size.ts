import { fourPlaceShare } from './shares';

export interface ClassSize {
  /** Learners per run, four places, rounded half up; null when no run is counted. */
  readonly average: string | null;
  /** The middle run's size, or the mean of the two middle ones, four places; null when no run is counted. */
  readonly median: string | null;
}

/** Average and median class size over the learner counts of the runs counted, in integer arithmetic only. */
export function classSize(learnersPerRun: readonly number[]): ClassSize {
  if (learnersPerRun.length === 0) return { average: null, median: null };
  const total = learnersPerRun.reduce((sum, learners) => sum + learners, 0);
  const sorted = [...learnersPerRun].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1 ? fourPlaceShare(sorted[middle], 1) : fourPlaceShare(sorted[middle - 1] + sorted[middle], 2);
  return { average: fourPlaceShare(total, learnersPerRun.length), median };
}
