import { currentTime } from '@training-ledger/platform';

/** Where the certification service takes "now" from: the real clock, or the time a request states in simulation mode. */
export interface Clock {
  now(): Date;
}

export const CERTIFICATION_CLOCK = 'certification:clock';

export const systemClock: Clock = { now: currentTime };
