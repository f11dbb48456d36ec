import { currentTime } from './simulated-time';

const VIET_NAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/**
 * The calendar date in Viet Nam (UTC+7, no daylight saving) at an instant: runs start and end,
 * certificates are issued and facts take effect on Vietnamese dates.
 */
export function vietnameseDate(instant: Date | string): string {
  const time = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return new Date(time + VIET_NAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** Where a service takes "now" from: the real clock, or the time a request states in simulation mode. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: currentTime };
