/** Where the reporting service takes "now" from: the real clock, or the simulation's in simulation mode. */
export interface Clock {
  now(): Date;
}

export const REPORTING_CLOCK = 'reporting:clock';

export const systemClock: Clock = { now: () => new Date() };
