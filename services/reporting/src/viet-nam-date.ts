const VIET_NAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/** The calendar date in Viet Nam (UTC+7) at an instant: facts take effect on Vietnamese dates. */
export function vietnameseDate(instant: Date | string): string {
  return new Date(new Date(instant).getTime() + VIET_NAM_OFFSET_MS).toISOString().slice(0, 10);
}
