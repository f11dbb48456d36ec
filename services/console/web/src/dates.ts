/**
 * Dates as officials write them: dd/mm/yyyy, and instants in Viet Nam's time. The services speak
 * ISO (YYYY-MM-DD, and UTC instants); only what is shown is rewritten.
 */
const VIET_NAM = 'Asia/Ho_Chi_Minh';

/** 2027-09-20 → 20/09/2027; anything that is not a calendar date is shown as it came. */
export function dayText(date: string | null | undefined): string {
  if (!date) return '—';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : date;
}

/** An instant as dd/mm/yyyy HH:mm in Viet Nam. */
export function instantText(instant: string | null | undefined): string {
  if (!instant) return '—';
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: VIET_NAM, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(instant))
      .map((part) => [part.type, part.value]),
  );
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
}

/** Today's date in Viet Nam, as the services take it (YYYY-MM-DD). */
export function vietnameseToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: VIET_NAM }).format(now);
}
