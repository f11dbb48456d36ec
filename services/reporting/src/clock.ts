import { currentTime } from '@training-ledger/platform';

/** Where the reporting service takes "now" from: the real clock, or the time a request states in simulation mode. */
export interface Clock {
  now(): Date;
}

export const REPORTING_CLOCK = 'reporting:clock';

export const systemClock: Clock = { now: currentTime };
