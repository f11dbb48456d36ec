import type { Projector } from '@training-ledger/read-models';
import { ApprovedTrainees } from './approved-trainees';

/** A view whose approved trainees the test sets, counting how often it is read. */
function viewOf(approved: Map<string, string[]>) {
  const reads = { count: 0 };
  const model = {
    find: (filter: { runId: string }) => ({
      lean: async () => {
        reads.count += 1;
        return (approved.get(filter.runId) ?? []).map((traineeId) => ({ traineeId }));
      },
    }),
  };
  const projector = { model: async () => model } as unknown as Projector;
  return { trainees: new ApprovedTrainees(projector), reads };
}

describe('approved trainees for a posting', () => {
  it('answers the trainees of the posting that are approved', async () => {
    const { trainees } = viewOf(new Map([['run-1', ['t-1', 't-2', 't-3']]]));
    expect(await trainees.among('run-1', ['t-3', 't-9', 't-1', 't-3'])).toEqual(['t-1', 't-3']);
  });

  it('reads the view once for a posting sent in several requests', async () => {
    const { trainees, reads } = viewOf(new Map([['run-1', ['t-1', 't-2']]]));
    await trainees.among('run-1', ['t-1']);
    await trainees.among('run-1', ['t-2']);
    expect(reads.count).toBe(1);
  });

  it('reads the view again for a trainee it does not hold, so a fresh approval counts at once', async () => {
    const approved = new Map([['run-1', ['t-1']]]);
    const { trainees, reads } = viewOf(approved);
    expect(await trainees.among('run-1', ['t-1', 't-2'])).toEqual(['t-1']);
    approved.set('run-1', ['t-1', 't-2']);
    expect(await trainees.among('run-1', ['t-2'])).toEqual(['t-2']);
    expect(reads.count).toBe(2);
  });

  it('keeps runs apart', async () => {
    const { trainees } = viewOf(new Map([['run-1', ['t-1']], ['run-2', ['t-2']]]));
    expect(await trainees.among('run-1', ['t-1', 't-2'])).toEqual(['t-1']);
    expect(await trainees.among('run-2', ['t-1', 't-2'])).toEqual(['t-2']);
  });
});
