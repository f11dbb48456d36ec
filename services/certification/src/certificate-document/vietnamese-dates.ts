const ENGLISH_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export function parseCalendarDate(date: string): CalendarDate {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new Error(`Not a calendar date YYYY-MM-DD: "${date}"`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const instant = new Date(Date.UTC(year, month - 1, day));
  if (instant.getUTCFullYear() !== year || instant.getUTCMonth() !== month - 1 || instant.getUTCDate() !== day) {
    throw new Error(`No such date: "${date}"`);
  }
  return { year, month, day };
}

/**
 * "ngày 15 tháng 3 năm 2027". Decree 30/2020/NĐ-CP on administrative documents writes days below 10
 * and the months January and February with a leading zero ("ngày 05 tháng 02 năm 2027").
 */
export function vietnameseLongDate(date: string): string {
  const { year, month, day } = parseCalendarDate(date);
  const dayText = String(day).padStart(2, '0');
  const monthText = month <= 2 ? String(month).padStart(2, '0') : String(month);
  return `ngày ${dayText} tháng ${monthText} năm ${year}`;
}

/** "15/03/2027". */
export function vietnameseShortDate(date: string): string {
  const { year, month, day } = parseCalendarDate(date);
  return `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`;
}

/** "15 March 2027". */
export function englishLongDate(date: string): string {
  const { year, month, day } = parseCalendarDate(date);
  return `${day} ${ENGLISH_MONTHS[month - 1]} ${year}`;
}
