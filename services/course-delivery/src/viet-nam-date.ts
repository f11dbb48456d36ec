const VIET_NAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/** The calendar date in Viet Nam (UTC+7) at an instant: runs start and end on Vietnamese dates. */
export function vietnameseDate(instant: string): string {
  return new Date(Date.parse(instant) + VIET_NAM_OFFSET_MS).toISOString().slice(0, 10);
}
