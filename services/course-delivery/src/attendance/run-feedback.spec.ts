import { runFeedback, type FeedbackEntry } from './run-feedback';

const entry = (feedbackId: string, agencyId: string, from: FeedbackEntry['from'], rating: number): FeedbackEntry => ({
  runId: 'R1',
  feedbackId,
  from,
  agencyId,
  ratings: { content: rating, lecturers: rating, organisation: 5 },
  comment: null,
});

describe('runFeedback', () => {
  const all = [entry('f1', 'BNV', 'trainee', 4), entry('f2', 'BNV', 'agency', 5), entry('f3', 'HNI', 'trainee', 2)];

  it('counts responses, their senders and agencies, and averages each rating to two places for the office', () => {
    const view = runFeedback('R1', all, { kind: 'whole-run' });
    expect(view).toMatchObject({ responses: 3, fromTrainees: 2, fromAgencies: 1, agencies: 2 });
    expect(view.averages).toEqual({ content: '3.67', lecturers: '3.67', organisation: '5.00' });
  });

  it('shows an agency only what it and its trainees gave', () => {
    const view = runFeedback('R1', all, { kind: 'own-agency', agencyId: 'HNI' });
    expect(view.feedback.map((item) => item.feedbackId)).toEqual(['f3']);
    expect(view.averages).toEqual({ content: '2.00', lecturers: '2.00', organisation: '5.00' });
  });

  it('has no averages while nobody has answered', () => {
    expect(runFeedback('R1', all, { kind: 'none' })).toMatchObject({ responses: 0, agencies: 0, averages: null, feedback: [] });
  });
});
