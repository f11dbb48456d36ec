/**
 * Which of two dated facts is the later: the one of the later date and, of two of the same date, the
 * one whose id sorts later (UTF-16 code units). A person's latest certificate of a run and a person's
 * latest learner-time are both found by it, so that the two figure sets agree on what is latest.
 */
export function isLaterFact(on: string, id: string, thanOn: string, thanId: string): boolean {
  return on > thanOn || (on === thanOn && id > thanId);
}
