import { given, type MessageMetadata } from '@training-ledger/decider';
import {
  type RecordAssessment,
  runResultsDecider,
  type RunResultsCommand,
  type RunResultsEvent,
  type SubmitFeedback,
} from './run-results.decider';

const metadata: MessageMetadata = {
  correlationId: 'c0ffee00-0000-4000-8000-000000000801',
  actor: { id: 'mofa-programme-office', roles: ['programme-admin'] },
  occurredAt: '2027-05-12T15:00:00.000Z',
};
const runId = 'RUN-2027-NEG-01';

const assess = (change: Partial<RecordAssessment['data']> = {}): RunResultsCommand => ({
  type: 'RecordAssessment',
  data: {
    runId,
    traineeId: 'T-0001',
    score: 72,
    maxScore: 100,
    passed: true,
    passMark: 50,
    runStatus: 'completed',
    approvedTrainees: ['T-0001', 'T-0002'],
    ...change,
  },
  metadata,
});
const assessed = (change: Partial<{ traineeId: string; score: number; passed: boolean }> = {}): RunResultsEvent => ({
  type: 'AssessmentRecorded.v1',
  data: { runId, traineeId: 'T-0001', score: 72, maxScore: 100, passed: true, ...change },
  metadata,
});

const feedbackOf = (change: Partial<SubmitFeedback['data']> = {}): SubmitFeedback['data'] => ({
  runId,
  feedbackId: 'FB-HN-1',
  from: 'agency',
  agencyId: 'HN',
  ratings: { content: 5, lecturers: 4, organisation: 3 },
  comment: 'Useful for our provincial delegation to ASEAN meetings',
  runStatus: 'completed',
  ...change,
});
const submit = (change: Partial<SubmitFeedback['data']> = {}): RunResultsCommand => ({
  type: 'SubmitFeedback',
  data: feedbackOf(change),
  metadata,
});
const submitted = (change: Partial<SubmitFeedback['data']> = {}): RunResultsEvent => {
  const { runStatus: _runStatus, ...data } = feedbackOf(change);
  return { type: 'FeedbackSubmitted.v1', data, metadata };
};

describe('Kiểm tra, đánh giá (assessment) of a trainee in a run', () => {
  it('records a passing score against the pass mark of the completion rule', () => {
    expect(given(runResultsDecider).when(assess())).toEqual({ events: [assessed()] });
  });

  it('records a fail below the pass mark', () => {
    expect(given(runResultsDecider).when(assess({ score: 49.5, passed: false }))).toEqual({
      events: [assessed({ score: 49.5, passed: false })],
    });
  });

  it('refuses a fail at exactly the pass mark: reaching it is a pass', () => {
    expect(given(runResultsDecider).when(assess({ score: 50, passed: false }))).toEqual({
      violation: { rule: 'passed-follows-pass-mark', field: 'passed', kind: 'invalid' },
    });
  });

  it('refuses a pass below the pass mark', () => {
    expect(given(runResultsDecider).when(assess({ score: 30, passed: true }))).toEqual({
      violation: { rule: 'passed-follows-pass-mark', field: 'passed', kind: 'invalid' },
    });
  });

  it('takes the stated result when the rule sets no pass mark', () => {
    expect(given(runResultsDecider).when(assess({ score: 30, passed: true, passMark: null }))).toEqual({
      events: [assessed({ score: 30, passed: true })],
    });
  });

  it('refuses a score above the maximum', () => {
    expect(given(runResultsDecider).when(assess({ score: 101 }))).toEqual({
      violation: { rule: 'score-within-max', field: 'score', kind: 'invalid' },
    });
  });

  it('refuses a negative score', () => {
    expect(given(runResultsDecider).when(assess({ score: -1, passed: false }))).toEqual({
      violation: { rule: 'score-within-max', field: 'score', kind: 'invalid' },
    });
  });

  it('refuses a maximum of 0', () => {
    expect(given(runResultsDecider).when(assess({ maxScore: 0, score: 0 }))).toEqual({
      violation: { rule: 'max-score-positive', field: 'maxScore', kind: 'invalid' },
    });
  });

  it('assesses only trainees approved for the run', () => {
    expect(given(runResultsDecider).when(assess({ traineeId: 'T-0099' }))).toEqual({
      violation: { rule: 'trainee-approved-for-run', field: 'traineeId', kind: 'invalid' },
    });
  });

  it.each(['scheduled', 'cancelled'] as const)('assesses nobody in a run that is %s', (runStatus) => {
    expect(given(runResultsDecider).when(assess({ runStatus }))).toEqual({
      violation: { rule: 'run-held', field: 'runId', kind: 'conflict' },
    });
  });

  it('treats the same assessment sent again as already recorded', () => {
    expect(given(runResultsDecider, [assessed()]).when(assess())).toEqual({ events: [] });
  });

  it('refuses a second, different assessment of the same trainee', () => {
    expect(given(runResultsDecider, [assessed()]).when(assess({ score: 80 }))).toEqual({
      violation: { rule: 'assessment-recorded-once', field: 'traineeId', kind: 'conflict' },
    });
  });

  it('assesses each trainee of the run on their own', () => {
    expect(given(runResultsDecider, [assessed()]).when(assess({ traineeId: 'T-0002' }))).toEqual({
      events: [assessed({ traineeId: 'T-0002' })],
    });
  });
});

describe('Phản hồi (feedback) from trainees and sending agencies', () => {
  it('records the ratings and the comment of a sending agency', () => {
    expect(given(runResultsDecider).when(submit())).toEqual({ events: [submitted()] });
  });

  it('records the feedback of a trainee without a comment, while the run is under way', () => {
    const change = { feedbackId: 'FB-T-0001', from: 'trainee' as const, comment: null, runStatus: 'started' as const };
    expect(given(runResultsDecider).when(submit(change))).toEqual({ events: [submitted(change)] });
  });

  it.each([
    ['content', { content: 0, lecturers: 4, organisation: 3 }],
    ['lecturers', { content: 5, lecturers: 6, organisation: 3 }],
    ['organisation', { content: 5, lecturers: 4, organisation: 3.5 }],
  ])('refuses a rating of %s outside the whole numbers 1 to 5', (aspect, ratings) => {
    expect(given(runResultsDecider).when(submit({ ratings }))).toEqual({
      violation: { rule: 'ratings-one-to-five', field: `ratings.${aspect}`, kind: 'invalid' },
    });
  });

  it.each(['scheduled', 'cancelled'] as const)('takes no feedback on a run that is %s', (runStatus) => {
    expect(given(runResultsDecider).when(submit({ runStatus }))).toEqual({
      violation: { rule: 'run-held', field: 'runId', kind: 'conflict' },
    });
  });

  it('treats the same feedback sent again as already recorded', () => {
    expect(given(runResultsDecider, [submitted()]).when(submit())).toEqual({ events: [] });
  });

  it('refuses other content under a feedback id already used', () => {
    expect(
      given(runResultsDecider, [submitted()]).when(submit({ ratings: { content: 1, lecturers: 1, organisation: 1 } })),
    ).toEqual({ violation: { rule: 'feedback-id-used-once', field: 'feedbackId', kind: 'conflict' } });
  });

  it('refuses results for another run than the one this stream records', () => {
    expect(given(runResultsDecider, [submitted()]).when(submit({ runId: 'RUN-OTHER', feedbackId: 'FB-2' }))).toEqual({
      violation: { rule: 'results-of-one-run', field: 'runId', kind: 'invalid' },
    });
  });
});
