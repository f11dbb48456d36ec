import type { ProjectionCheckpoint, Projector } from '@training-ledger/read-models';
import { ApprovedTrainees, CHECKPOINT_READ_INTERVAL_MS } from './approved-trainees';

interface Decision {
  readonly traineeId: string;
  readonly agencyId: string;
  readonly approved: boolean;
}

/** A view whose decisions and checkpoint the test sets, counting how often the run's documents are read. */
function viewOf(decisions: Map<string, Decision[]>) {
  const reads = { count: 0, checkpoints: 0 };
  let writtenBatches = 0;
  const checkpoint = (): ProjectionCheckpoint => ({
    projection: 'approved-trainees',
    version: 1,
    collection: 'approved_trainees_v1',
    position: null,
    updatedAt: new Date(Date.UTC(2027, 0, 1)),
    writtenBatches,
  });
  const model = {
    find: (filter: { runId: string }) => ({
      lean: async () => {
        reads.count += 1;
        return decisions.get(filter.runId) ?? [];
      },
    }),
  };
  const loadCheckpoint = async (): Promise<ProjectionCheckpoint> => {
    reads.checkpoints += 1;
    return checkpoint();
  };
  const projector = { model: async () => model, loadCheckpoint } as unknown as Projector;
  return { trainees: new ApprovedTrainees(projector), reads, batchWritten: () => (writtenBatches += 1) };
}

const approved = (traineeId: string, agencyId = 'A-1'): Decision => ({ traineeId, agencyId, approved: true });
const withdrawn = (traineeId: string, agencyId = 'A-1'): Decision => ({ traineeId, agencyId, approved: false });

describe('approved trainees for a posting', () => {
  beforeEach(() => jest.useFakeTimers({ now: Date.UTC(2027, 0, 1) }));
  afterEach(() => jest.useRealTimers());

  it('answers the trainees of the posting that are approved', async () => {
    const { trainees } = viewOf(new Map([['run-1', [approved('t-1'), approved('t-2'), approved('t-3'), withdrawn('t-4')]]]));
    expect(await trainees.among('run-1', ['t-3', 't-9', 't-4', 't-1', 't-3'])).toEqual(['t-1', 't-3']);
    expect(await trainees.of('run-1')).toEqual(['t-1', 't-2', 't-3']);
  });

  it('reads a run once while the view has not moved, however many requests ask', async () => {
    const { trainees, reads } = viewOf(new Map([['run-1', [approved('t-1'), approved('t-2')]]]));
    await trainees.among('run-1', ['t-1']);
    await trainees.among('run-1', ['t-2', 't-9']);
    await trainees.sendingAgencies('run-1');
    await trainees.of('run-1');
    expect(reads.count).toBe(1);
  });

  it('reads the run again once the view counted a written batch: an approval and a withdrawal count at once', async () => {
    const decisions = new Map([['run-1', [approved('t-1')]]]);
    const { trainees, reads, batchWritten } = viewOf(decisions);
    expect(await trainees.among('run-1', ['t-1', 't-2'])).toEqual(['t-1']);
    decisions.set('run-1', [withdrawn('t-1'), approved('t-2')]);
    batchWritten();
    jest.advanceTimersByTime(CHECKPOINT_READ_INTERVAL_MS);
    expect(await trainees.among('run-1', ['t-1', 't-2'])).toEqual(['t-2']);
    expect(reads.count).toBe(2);
  });

  it('reads the checkpoint at most once an interval, however many requests ask', async () => {
    const { trainees, reads, batchWritten } = viewOf(new Map([['run-1', [approved('t-1')]], ['run-2', [approved('t-2')]]]));
    await trainees.among('run-1', ['t-1']);
    await trainees.among('run-2', ['t-2']);
    batchWritten();
    jest.advanceTimersByTime(CHECKPOINT_READ_INTERVAL_MS - 1);
    await trainees.among('run-1', ['t-1']);
    expect(reads).toEqual({ checkpoints: 1, count: 2 });
    jest.advanceTimersByTime(1);
    await trainees.among('run-1', ['t-1']);
    expect(reads).toEqual({ checkpoints: 2, count: 3 });
  });

  it('keeps runs apart', async () => {
    const { trainees } = viewOf(new Map([['run-1', [approved('t-1')]], ['run-2', [approved('t-2')]]]));
    expect(await trainees.among('run-1', ['t-1', 't-2'])).toEqual(['t-1']);
    expect(await trainees.among('run-2', ['t-1', 't-2'])).toEqual(['t-2']);
  });

  it("names an agency's trainees, withdrawn ones included, and the agencies still sending someone", async () => {
    const { trainees } = viewOf(new Map([['run-1', [approved('t-2', 'A-1'), withdrawn('t-1', 'A-1'), withdrawn('t-3', 'A-2'), approved('t-4', 'A-3')]]]));
    expect(await trainees.ofAgency('run-1', 'A-1')).toEqual(['t-1', 't-2']);
    expect(await trainees.ofAgency('run-1', 'A-2')).toEqual(['t-3']);
    expect(await trainees.sendingAgencies('run-1')).toEqual(['A-1', 'A-3']);
  });
});
