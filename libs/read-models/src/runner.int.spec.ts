import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { advanceCheckpoint } from './checkpoint';
import type { ProjectableEvent } from './projectable-event';
import { defineProjection, type ProjectionHandlers, upsert } from './projection';
import { Projector } from './projector';
import {
  type EventSourceFactory,
  ProjectionRebuildRequiredError,
  ProjectionRunner,
  ProjectionSupersededError,
} from './runner';
import {
  documentsOf,
  eventually,
  InProcessFeed,
  logEvent,
  type ScratchDatabase,
  scratchDatabase,
} from './testing/fixtures';
import { type ProgrammeEvents, traineeProgress } from './testing/programme-projections';

function enrolments(count: number, offset = 0): ProjectableEvent[] {
  const events: ProjectableEvent[] = [];
  for (let index = offset; index < offset + count; index++) {
    const traineeId = `t-${String(index).padStart(3, '0')}`;
    events.push(
      logEvent(
        'TraineeRegistered.v1',
        { traineeId, agencyId: `agency-${index % 3}`, province: index % 2 ? 'HN' : 'HCM', targetGroup: 'regular' },
        { service: 'enrolment', streamName: `trainee-${traineeId}`, streamPosition: 0 },
      ),
      logEvent(
        'CertificateIssued.v1',
        { certificateId: `c-${index}`, traineeId, hours: 8 + (index % 5), issuedOn: '2026-10-01' },
        { service: 'certification', streamName: `certificate-c-${index}`, streamPosition: 0 },
      ),
    );
  }
  return events;
}

describe('ProjectionRunner', () => {
  let scratch: ScratchDatabase;
  let projector: Projector;
  let sequence = 0;

  /** A fresh projection (own name and collection) per test, so tests share the database but not state. */
  function freshProjection(version = 1, handlers: ProjectionHandlers<ProgrammeEvents> = progressHandlers) {
    sequence++;
    return defineProjection<ProgrammeEvents>({ name: `progress-${sequence}`, version, collection: `progress_${sequence}`, handlers });
  }

  async function expectedDocuments(events: readonly ProjectableEvent[]): Promise<Record<string, unknown>[]> {
    const reference = `reference_${sequence}_${Date.now()}`;
    await projector.applyTo(reference, traineeProgress, events);
    return documentsOf(scratch.connection, reference);
  }

  beforeAll(async () => {
    scratch = await scratchDatabase();
    projector = new Projector(scratch.connection, { pointerCacheTtlMs: 0 });
  });

  afterAll(async () => {
    await scratch.drop();
  });

  it('runs a finite feed to its end and saves the checkpoint at the last event', async () => {
    const projection = freshProjection();
    const feed = new InProcessFeed();
    feed.append(...enrolments(15));
    const runner = new ProjectionRunner(projector, projection, {
      source: feed.catchUp,
      batchSize: 4,
      checkpointEveryEvents: 8,
      checkpointEveryMs: 60_000,
    });

    await expect(runner.run()).resolves.toBe('source-ended');

    const last = feed.events[feed.events.length - 1].feedPosition;
    expect(runner.status()).toMatchObject({
      state: 'completed',
      collection: `${projection.collection}_v1`,
      eventsProcessed: 30,
      writesApplied: 30,
      writesAlreadyApplied: 0,
      position: { kind: 'event-log', globalPosition: (last as { globalPosition: string }).globalPosition },
      error: null,
    });
    expect(runner.status().checkpointedPosition).toEqual(runner.status().position);
    expect(await projector.loadCheckpoint(projection.name)).toMatchObject({
      version: 1,
      collection: `${projection.collection}_v1`,
      position: runner.status().position,
    });
    expect(await documentsOf(scratch.connection, `${projection.collection}_v1`)).toEqual(await expectedDocuments(feed.events));
  });

  it('sets aside an event its handler fails on, and writes every other event of the batch and after it', async () => {
    const projection = freshProjection(1, {
      ...progressHandlers,
      'CertificateIssued.v1': (e) => {
        if (e.data.certificateId === 'c-5') throw new Error('hours must be a number');
        return progressHandlers['CertificateIssued.v1']!(e);
      },
    });
    const feed = new InProcessFeed();
    feed.append(...enrolments(12));
    const setAside: { eventId: string; reason: string }[] = [];
    const runner = new ProjectionRunner(projector, projection, {
      source: feed.catchUp,
      batchSize: 5,
      setAside: async (event, reason) => void setAside.push({ eventId: event.eventId, reason }),
    });

    await expect(runner.run()).resolves.toBe('source-ended');

    const poisoned = feed.events.find((event) => (event.data as { certificateId?: string }).certificateId === 'c-5')!;
    expect(setAside).toEqual([{ eventId: poisoned.eventId, reason: expect.stringContaining('hours must be a number') }]);
    expect(runner.status()).toMatchObject({ state: 'completed', eventsProcessed: 24, writesApplied: 23, eventsSetAside: 1, error: null });
    expect(runner.status().checkpointedPosition).toEqual(feed.events[feed.events.length - 1].feedPosition);
    expect(await documentsOf(scratch.connection, `${projection.collection}_v1`)).toEqual(
      await expectedDocuments(feed.events.filter((event) => event.eventId !== poisoned.eventId)),
    );
  });

  it('resumes from its checkpoint after failing, and a replay from an older checkpoint changes nothing', async () => {
    const projection = freshProjection();
    const feed = new InProcessFeed();
    feed.append(...enrolments(10));
    const failingAfter13: EventSourceFactory = (from, signal) => ({
      async *[Symbol.asyncIterator]() {
        let delivered = 0;
        for await (const event of feed.catchUp(from, signal)) {
          if (delivered++ === 13) throw new Error('broker connection lost');
          yield event;
        }
      },
    });
    const failing = new ProjectionRunner(projector, projection, {
      source: failingAfter13,
      batchSize: 4,
      checkpointEveryEvents: 4,
      checkpointEveryMs: 60_000,
    });
    await expect(failing.run()).rejects.toThrow('broker connection lost');
    expect(failing.status()).toMatchObject({ state: 'failed', error: 'broker connection lost', eventsProcessed: 12 });
    expect((await projector.loadCheckpoint(projection.name))?.position).toEqual(feed.events[11].feedPosition);

    const resumed = new ProjectionRunner(projector, projection, { source: feed.catchUp, batchSize: 4 });
    await expect(resumed.run()).resolves.toBe('source-ended');
    expect(feed.openedFrom.slice(-2)).toEqual([null, feed.events[11].feedPosition]);
    expect(resumed.status().eventsProcessed).toBe(8);
    const expected = await expectedDocuments(feed.events);
    const collection = `${projection.collection}_v1`;
    expect(await documentsOf(scratch.connection, collection)).toEqual(expected);

    await projector.saveCheckpoint({
      projection: projection.name,
      version: 1,
      collection,
      position: advanceCheckpoint(null, feed.events[2].feedPosition),
    });
    const replaying = new ProjectionRunner(projector, projection, { source: feed.catchUp, batchSize: 5 });
    await expect(replaying.run()).resolves.toBe('source-ended');
    expect(replaying.status()).toMatchObject({ eventsProcessed: 17, writesApplied: 0, writesAlreadyApplied: 17 });
    expect(await documentsOf(scratch.connection, collection)).toEqual(expected);
  });

  it('follows a live feed, writes partial batches when the feed goes quiet, and stops gracefully', async () => {
    const projection = freshProjection();
    const feed = new InProcessFeed();
    const runner = new ProjectionRunner(projector, projection, {
      source: feed.live,
      batchSize: 100,
      maxBatchDelayMs: 20,
      checkpointEveryMs: 60_000,
      checkpointEveryEvents: 1_000,
    });
    const running = runner.run();
    const collection = `${projection.collection}_v1`;
    const count = () => scratch.connection.db!.collection(collection).countDocuments();

    feed.append(...enrolments(3));
    await eventually(async () => runner.status().eventsProcessed === 6, 'the first live events');
    expect(await count()).toBe(3);
    expect(runner.status()).toMatchObject({ state: 'running', checkpointedPosition: null });

    feed.append(...enrolments(2, 3));
    await eventually(async () => runner.status().eventsProcessed === 10, 'the second live events');
    await runner.stop();
    expect(runner.status().lastCheckpointAt).not.toBeNull();

    await expect(running).resolves.toBe('stopped');
    expect(runner.status().state).toBe('stopped');
    expect((await projector.loadCheckpoint(projection.name))?.position).toEqual(feed.events[9].feedPosition);
    expect(await documentsOf(scratch.connection, collection)).toEqual(await expectedDocuments(feed.events));
  });

  it('keeps no event it has written while it follows a live feed', async () => {
    v8.setFlagsFromString('--expose-gc');
    const collectGarbage = runInNewContext('gc') as () => void;
    const projection = freshProjection();
    const written = enrolments(1_000);
    const alive = written.map((event) => new WeakRef(event));
    // A feed that hands each event over and keeps none: only the runner could still hold one.
    const handedOver: EventSourceFactory = (_from, signal) => ({
      async *[Symbol.asyncIterator]() {
        while (written.length > 0) yield written.shift() as ProjectableEvent;
        await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
      },
    });
    const runner = new ProjectionRunner(projector, projection, { source: handedOver, batchSize: 50, maxBatchDelayMs: 10, checkpointEveryMs: 60_000 });
    const running = runner.run();
    await eventually(async () => runner.status().eventsProcessed === 2_000, 'every event written');
    await new Promise((resolve) => setTimeout(resolve, 50));
    collectGarbage();
    const stillHeld = alive.filter((reference) => reference.deref() !== undefined).length;
    await runner.stop();
    await running;
    expect(stillHeld).toBeLessThan(50);
  });

  it('checkpoints written work when the live feed goes idle', async () => {
    const projection = freshProjection();
    const feed = new InProcessFeed();
    const runner = new ProjectionRunner(projector, projection, {
      source: feed.live,
      maxBatchDelayMs: 10,
      checkpointEveryMs: 200,
      checkpointEveryEvents: 1_000,
    });
    const running = runner.run();
    feed.append(...enrolments(2));
    await eventually(async () => runner.status().eventsProcessed === 4, 'the events');
    await eventually(
      async () => (await projector.loadCheckpoint(projection.name))?.position?.kind === 'event-log',
      'the idle checkpoint',
    );
    expect((await projector.loadCheckpoint(projection.name))?.position).toEqual(feed.events[3].feedPosition);
    expect(runner.status().state).toBe('running');
    await runner.stop();
    await expect(running).resolves.toBe('stopped');
  });

  it('moves a running writer to the collection a rebuild switched to', async () => {
    const projection = freshProjection();
    const feed = new InProcessFeed();
    feed.append(...enrolments(4));
    const runner = new ProjectionRunner(projector, projection, {
      source: feed.live,
      maxBatchDelayMs: 10,
      checkpointEveryEvents: 1,
    });
    const running = runner.run();
    await eventually(async () => runner.status().eventsProcessed === 8, 'the initial events');

    const controller = new AbortController();
    const rebuilt = await projector.rebuild(projection, feed.catchUp(null, controller.signal), { rebuildId: 'moved' });
    expect(rebuilt.collection).toBe(`${projection.collection}_v1_moved`);

    feed.append(...enrolments(3, 4));
    await eventually(
      async () => (await scratch.connection.db!.collection(rebuilt.collection).countDocuments()) === 7,
      'the new events in the rebuilt collection',
    );
    await eventually(async () => runner.status().collection === rebuilt.collection, 'the runner to move');
    await runner.stop();
    await expect(running).resolves.toBe('stopped');

    expect(feed.openedFrom).toEqual([null, null, rebuilt.position]);
    expect(await documentsOf(scratch.connection, rebuilt.collection)).toEqual(await expectedDocuments(feed.events));
    expect(await projector.activeCollectionName(projection.name)).toBe(rebuilt.collection);
    expect((await projector.loadCheckpoint(projection.name))?.position).toEqual(feed.events[13].feedPosition);
  });

  it('rebuilds from its replay source when the stored version is older, then goes live', async () => {
    const v1 = freshProjection(1);
    const feed = new InProcessFeed();
    feed.append(...enrolments(5));
    await new ProjectionRunner(projector, v1, { source: feed.catchUp }).run();

    const v2 = defineProjection<ProgrammeEvents>({
      name: v1.name,
      version: 2,
      collection: v1.collection,
      handlers: {
        ...progressHandlers,
        'CertificateIssued.v1': (e) => [upsert(e.data.traineeId, { $inc: { certificates: 1, minutes: e.data.hours * 60 } })],
      },
    });
    await expect(new ProjectionRunner(projector, v2, { source: feed.live }).run()).rejects.toThrow(
      ProjectionRebuildRequiredError,
    );

    const runner = new ProjectionRunner(projector, v2, { source: feed.live, replaySource: feed.catchUp, maxBatchDelayMs: 10 });
    const running = runner.run();
    await eventually(async () => runner.status().state === 'running', 'the rebuild to finish');
    const collection = await projector.activeCollectionName(v2.name);
    expect(collection).toMatch(new RegExp(`^${v1.collection}_v2_[a-z0-9]+$`));
    expect(runner.status().collection).toBe(collection);

    feed.append(...enrolments(1, 5));
    await eventually(async () => runner.status().eventsProcessed === 2, 'the live event after the rebuild');
    await runner.stop();
    await expect(running).resolves.toBe('stopped');

    const model = await projector.model<{ minutes: number; hours?: number }>(v2.name);
    expect(await model.countDocuments()).toBe(6);
    const trainee = await model.findById('t-005').lean();
    expect(trainee?.minutes).toBe((8 + (5 % 5)) * 60);
    expect(trainee?.hours).toBe(0);

    await expect(new ProjectionRunner(projector, v1, { source: feed.live }).run()).rejects.toThrow(ProjectionSupersededError);
  });
});

const progressHandlers: ProjectionHandlers<ProgrammeEvents> = {
  'TraineeRegistered.v1': (e) => [
    upsert(e.data.traineeId, {
      $set: { agencyId: e.data.agencyId, province: e.data.province, targetGroup: e.data.targetGroup, contact: 'on file' },
      $setOnInsert: { certificates: 0, hours: 0 },
    }),
  ],
  'CertificateIssued.v1': (e) => [
    upsert(e.data.traineeId, {
      $inc: { certificates: 1, hours: e.data.hours },
      $addToSet: { certificateIds: e.data.certificateId },
      $max: { lastCertifiedOn: e.data.issuedOn },
      $min: { firstCertifiedOn: e.data.issuedOn },
    }),
  ],
};
