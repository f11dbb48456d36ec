import { seniorCourseRule } from './senior-course';

/**
 * The rules evaluation/2.0.0 counts by, stated in every report it computes, so that a reader never
 * has to guess what a figure means or how a late fact moves it.
 */
export const evaluationRulesV2: readonly string[] = [
  'Valid time: each fact counts on the date it is about: an attendance mark and its correction on the date of their session ' +
    '(the session date they carry, else the run timetable); a roster on its as-of date; a certificate or reissue on its issue date; ' +
    'a revocation on its own date; a completed run on its completion date; a rename, a nomination and feedback on the day they were recorded.',
  'Recorded time: an evaluation counts the facts recorded up to the positions it names; once issued it never changes. ' +
    'Its restatement recounts the same as-of date over everything recorded since and names each changed figure with the events that changed it.',
  'Late corrections and late marks about a session on or before the as-of date restate attended learner-times and their breakdowns.',
  'Late revocations and reissues dated after the as-of date do not restate it; one dated on or before it does.',
  'A withdrawn nomination is counted by no figure: a withdrawal restates nothing; what the learner attended stays attended.',
  'A roster redeclared late restates the roster only when its as-of date is on or before the as-of date.',
  'An agency renamed after the as-of date keeps the name it had on that date; a rename restates only the name.',
  'Attended learner-times (lượt học viên) are distinct (run, person) with a final mark of present or late in a session the completed run held; ' +
    'they count for the agency, rank, target group and leadership of the approved nomination to the run (else the registration).',
  'Certified learner-times count for the agency, rank, target group and leadership on the latest certificate in force for the run; ' +
    'a person counts once, on their latest learner-time.',
  seniorCourseRule,
  'Class size: per run counted, the learners of the scope who attended it; average and median over those runs, four places.',
  'Feedback on completed runs: agencies that gave feedback as agencies, forms from trainees, and the mean of every rating.',
];
