import { randomBytes, randomUUID } from 'node:crypto';
import { DomainRuleViolation, type Command, type Decider, type DomainEvent } from '@training-ledger/decider';
import { Pool } from 'pg';
import { handleCommand, handleEachCommand } from './command-handler';
import { uniqueCategory } from './contract-suite';
import { WrongExpectedVersionError, type EventStore, type StreamToRead } from './port';
import { PostgresEventStore } from './postgres';
import { loadStreamState, loadStreamStates, StreamStateCache } from './stream-state-cache';

type SeatCommand = Command<'ReserveSeat', { traineeId: string }> | Command<'ConfirmAttendance', { traineeId: string }>;
type SeatEvent = DomainEvent<'SeatReserved', { traineeId: string }> | DomainEvent<'AttendanceConfirmed', { traineeId: string }>;
interface SeatState {
  readonly reserved: readonly string[];
  readonly attended: readonly string[];
}

/** A course run with two seats: enough rules to see state, conflicts and empty decisions. */
const courseRunSeats: Decider<SeatCommand, SeatEvent, SeatState> = {
  initialState: () => ({ reserved: [], attended: [] }),
  evolve: (state, event) =>
    event.type === 'SeatReserved'
      ? { ...state, reserved: [...state.reserved, event.data.traineeId] }
      : { ...state, attended: [...state.attended, event.data.traineeId] },
  decide: (command, state) => {
    const { traineeId } = command.data;
    if (command.type === 'ReserveSeat') {
      if (state.reserved.includes(traineeId)) return [];
      if (state.reserved.length >= 2) throw new DomainRuleViolation('seats-available', 'The course run is full', 'traineeId', 'conflict');
      return [{ type: 'SeatReserved', data: { traineeId }, metadata: command.metadata }];
    }
    if (!state.reserved.includes(traineeId)) {
      throw new DomainRuleViolation('seat-reserved', 'The trainee has no seat', 'traineeId', 'not-found');
    }
    return [{ type: 'AttendanceConfirmed', data: { traineeId }, metadata: command.metadata }];
  },
};

const command = <TType extends SeatCommand['type']>(type: TType, traineeId: string): Command<TType, { traineeId: string }> => ({
  type,
  data: { traineeId },
  metadata: {
    correlationId: `correlation-${traineeId}`,
    causationId: 'an-earlier-message',
    actor: { id: 'officer-3', roles: ['programme-office'], agencyId: 'mofa' },
    occurredAt: '2026-09-14T02:00:00.000Z',
  },
});

describe('handleCommand on the PostgreSQL event store', () => {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is required for the command handling tests');
  const pool = new Pool({ connectionString: databaseUrl, max: 10 });
  const schema = `es_test_${randomBytes(5).toString('hex')}`;
  let store: PostgresEventStore;
  const newRun = (): string => `${uniqueCategory('courserun')}-${randomUUID()}`;

  /** The store, with the reading of a stream replaced. */
  const storeWith = ({ readStream, readStreams }: Pick<EventStore, 'readStream'> & Partial<Pick<EventStore, 'readStreams'>>): EventStore => ({
    appendToStream: (...args) => store.appendToStream(...args),
    readStream,
    readStreams: readStreams ?? ((...args) => store.readStreams(...args)),
    readStreamJson: (...args) => store.readStreamJson(...args),
    readAll: (...args) => store.readAll(...args),
    readStreamHeads: (...args) => store.readStreamHeads(...args),
    subscribe: (...args) => store.subscribe(...args),
    ping: () => store.ping(),
    close: () => store.close(),
  });

  beforeAll(async () => {
    store = await PostgresEventStore.create({ pool, schema });
  });

  afterAll(async () => {
    await store?.close();
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
  });

  it('appends what the decider decides, with the metadata of the command that caused it', async () => {
    const streamName = newRun();
    const commandId = randomUUID();
    const result = await handleCommand(store, courseRunSeats, {
      streamName,
      command: command('ReserveSeat', 'trainee-a'),
      commandId,
    });

    expect(result.revision).toBe(0n);
    expect(result.state).toEqual({ reserved: ['trainee-a'], attended: [] });
    const [stored] = await store.readStream(streamName);
    expect(stored).toMatchObject({
      eventId: result.events[0]!.eventId,
      type: 'SeatReserved',
      data: { traineeId: 'trainee-a' },
      metadata: {
        correlationId: 'correlation-trainee-a',
        causationId: commandId,
        actor: { id: 'officer-3', roles: ['programme-office'], agencyId: 'mofa' },
        occurredAt: '2026-09-14T02:00:00.000Z',
      },
    });
    expect(result.lastGlobalPosition).toBe(stored!.globalPosition);
  });

  it('decides on the whole stream and appends at the revision it read', async () => {
    const streamName = newRun();
    for (const trainee of ['trainee-a', 'trainee-b']) {
      await handleCommand(store, courseRunSeats, { streamName, command: command('ReserveSeat', trainee), commandId: randomUUID() });
    }
    const confirmed = await handleCommand(store, courseRunSeats, {
      streamName,
      command: command('ConfirmAttendance', 'trainee-b'),
      commandId: randomUUID(),
    });
    expect(confirmed.revision).toBe(2n);
    expect(confirmed.state).toEqual({ reserved: ['trainee-a', 'trainee-b'], attended: ['trainee-b'] });

    await expect(
      handleCommand(store, courseRunSeats, { streamName, command: command('ReserveSeat', 'trainee-c'), commandId: randomUUID() }),
    ).rejects.toThrow(DomainRuleViolation);
    expect(await store.readStream(streamName)).toHaveLength(3);
  });

  it('appends nothing when the decider decides nothing', async () => {
    const streamName = newRun();
    await handleCommand(store, courseRunSeats, { streamName, command: command('ReserveSeat', 'trainee-a'), commandId: randomUUID() });
    const repeated = await handleCommand(store, courseRunSeats, {
      streamName,
      command: command('ReserveSeat', 'trainee-a'),
      commandId: randomUUID(),
    });
    expect(repeated).toMatchObject({ events: [], revision: 0n, lastGlobalPosition: null });
    expect(await store.readStream(streamName)).toHaveLength(1);
  });

  describe('when another writer appends between reading and appending', () => {
    /** The same store, with a competing reservation committed right after the first read of the stream. */
    const withCompetingWriter = (streamName: string): EventStore => {
      let competed = false;
      return storeWith({
        readStream: async (name, options) => {
          const events = await store.readStream(name, options);
          if (!competed) {
            competed = true;
            await handleCommand(store, courseRunSeats, {
              streamName,
              command: command('ReserveSeat', 'trainee-competitor'),
              commandId: randomUUID(),
            });
          }
          return events;
        },
      });
    };

    it('fails with a concurrency conflict by default', async () => {
      const streamName = newRun();
      await expect(
        handleCommand(withCompetingWriter(streamName), courseRunSeats, {
          streamName,
          command: command('ReserveSeat', 'trainee-a'),
          commandId: randomUUID(),
        }),
      ).rejects.toThrow(WrongExpectedVersionError);
      expect((await store.readStream(streamName)).map((event) => event.data)).toEqual([{ traineeId: 'trainee-competitor' }]);
    });

    it('decides again on the new state when allowed more attempts', async () => {
      const streamName = newRun();
      const result = await handleCommand(withCompetingWriter(streamName), courseRunSeats, {
        streamName,
        command: command('ReserveSeat', 'trainee-a'),
        commandId: randomUUID(),
        maxAttempts: 2,
      });
      expect(result.revision).toBe(1n);
      expect(result.state.reserved).toEqual(['trainee-competitor', 'trainee-a']);
    });
  });

  describe('with a stream state cache', () => {
    /** The store, recording from which revision each stream read started. */
    const recordingReads = (): { store: EventStore; reads: (bigint | undefined)[] } => {
      const reads: (bigint | undefined)[] = [];
      return {
        reads,
        store: storeWith({
          readStream: (name, options) => {
            reads.push(options?.fromRevision);
            return store.readStream(name, options);
          },
        }),
      };
    };

    it('reads only the events after the cached revision and still decides on the whole stream', async () => {
      const streamName = newRun();
      const cache = new StreamStateCache<SeatState>();
      const { store: recording, reads } = recordingReads();
      await handleCommand(recording, courseRunSeats, { streamName, command: command('ReserveSeat', 'trainee-a'), commandId: randomUUID(), stateCache: cache });
      // Another process appends behind this cache's back.
      await handleCommand(store, courseRunSeats, { streamName, command: command('ReserveSeat', 'trainee-b'), commandId: randomUUID() });

      const refused = handleCommand(recording, courseRunSeats, {
        streamName,
        command: command('ReserveSeat', 'trainee-c'),
        commandId: randomUUID(),
        stateCache: cache,
      });
      await expect(refused).rejects.toMatchObject({ rule: 'seats-available' });
      expect(reads).toEqual([undefined, 1n]);
      expect(cache.get(streamName)).toEqual({ revision: 1n, state: { reserved: ['trainee-a', 'trainee-b'], attended: [] } });
    });

    it('loads many streams in one read, each from after its cached revision, as loading each alone would', async () => {
      const [first, second, untouched] = [newRun(), newRun(), newRun()];
      for (const [streamName, traineeId] of [[first, 'trainee-a'], [second, 'trainee-b'], [second, 'trainee-c']] as const) {
        await handleCommand(store, courseRunSeats, { streamName, command: command('ReserveSeat', traineeId), commandId: randomUUID() });
      }
      const cache = new StreamStateCache<SeatState>();
      const batches: StreamToRead[][] = [];
      const recording = storeWith({
        readStream: (name, options) => store.readStream(name, options),
        readStreams: (streams) => {
          batches.push([...streams]);
          return store.readStreams(streams);
        },
      });
      const loaded = await loadStreamStates(recording, courseRunSeats, [first, second, untouched, first], cache);
      for (const streamName of [first, second, untouched]) {
        expect(loaded.get(streamName)).toEqual(await loadStreamState(store, courseRunSeats, streamName));
      }
      await handleCommand(store, courseRunSeats, { streamName: first, command: command('ConfirmAttendance', 'trainee-a'), commandId: randomUUID() });
      const again = await loadStreamStates(recording, courseRunSeats, [first, second], cache);

      expect(again.get(first)).toEqual({ revision: 1n, state: { reserved: ['trainee-a'], attended: ['trainee-a'] } });
      expect(again.get(second)).toEqual({ revision: 1n, state: { reserved: ['trainee-b', 'trainee-c'], attended: [] } });
      expect(batches).toEqual([
        [{ streamName: first }, { streamName: second }, { streamName: untouched }],
        [
          { streamName: first, fromRevision: 1n },
          { streamName: second, fromRevision: 2n },
        ],
      ]);
    });

    it('decides on the cached state without reading the stream when nobody appended since', async () => {
      const streamName = newRun();
      const cache = new StreamStateCache<SeatState>();
      const { store: recording, reads } = recordingReads();
      await handleCommand(recording, courseRunSeats, { streamName, command: command('ReserveSeat', 'trainee-a'), commandId: randomUUID(), stateCache: cache });
      const result = await handleCommand(recording, courseRunSeats, {
        streamName,
        command: command('ConfirmAttendance', 'trainee-a'),
        commandId: randomUUID(),
        stateCache: cache,
      });
      expect(reads).toEqual([undefined]);
      expect(result.state).toEqual({ reserved: ['trainee-a'], attended: ['trainee-a'] });
      expect(cache.get(streamName)?.revision).toBe(1n);
      expect((await store.readStream(streamName)).map((event) => event.type)).toEqual(['SeatReserved', 'AttendanceConfirmed']);
    });

    it('decides again on the stream when another writer appended since, without counting it as an attempt', async () => {
      const streamName = newRun();
      const cache = new StreamStateCache<SeatState>();
      const { store: recording, reads } = recordingReads();
      await handleCommand(recording, courseRunSeats, { streamName, command: command('ReserveSeat', 'trainee-a'), commandId: randomUUID(), stateCache: cache });
      await handleCommand(store, courseRunSeats, { streamName, command: command('ReserveSeat', 'trainee-b'), commandId: randomUUID() });

      // The cached state knows no seat of trainee-b: its refusal must not be the answer.
      const result = await handleCommand(recording, courseRunSeats, {
        streamName,
        command: command('ConfirmAttendance', 'trainee-b'),
        commandId: randomUUID(),
        stateCache: cache,
      });
      expect(reads).toEqual([undefined, 1n]);
      expect(result.revision).toBe(2n);
      expect((await store.readStream(streamName)).map((event) => `${event.type}:${(event.data as { traineeId: string }).traineeId}`)).toEqual([
        'SeatReserved:trainee-a',
        'SeatReserved:trainee-b',
        'AttendanceConfirmed:trainee-b',
      ]);
    });

    it('answers a bulk request on the cached state, and one refused there in full on the stream as it is', async () => {
      const streamName = newRun();
      const cache = new StreamStateCache<SeatState>();
      const { store: recording, reads } = recordingReads();
      const each = (commands: SeatCommand[]) =>
        handleEachCommand(recording, courseRunSeats, {
          streamName,
          commands: () => commands,
          commandId: randomUUID(),
          metadata: commands[0]!.metadata,
          stateCache: cache,
        });
      await each([command('ReserveSeat', 'trainee-a')]);
      await each([command('ConfirmAttendance', 'trainee-a')]);
      expect(reads).toEqual([undefined]);

      await handleCommand(store, courseRunSeats, { streamName, command: command('ReserveSeat', 'trainee-b'), commandId: randomUUID() });
      const answered = await each([command('ConfirmAttendance', 'trainee-b'), command('ConfirmAttendance', 'trainee-z')]);
      expect(reads).toEqual([undefined, 2n]);
      expect(answered.outcomes.map((outcome) => outcome.accepted)).toEqual([true, false]);
      expect(cache.get(streamName)?.revision).toBe(3n);
    });

    it('starts a stream expected new without reading it, and decides on the stream when it was not new after all', async () => {
      const { store: recording, reads } = recordingReads();
      const streamName = newRun();
      const started = await handleCommand(recording, courseRunSeats, { streamName, command: command('ReserveSeat', 'trainee-a'), commandId: randomUUID(), expectNewStream: true });
      expect(reads).toEqual([]);
      expect(started.revision).toBe(0n);

      // The same registration again, and one refused on the initial state: both are answered by the stream as it is.
      const again = await handleCommand(recording, courseRunSeats, { streamName, command: command('ReserveSeat', 'trainee-a'), commandId: randomUUID(), expectNewStream: true });
      expect(again.events).toEqual([]);
      const confirmed = await handleCommand(recording, courseRunSeats, { streamName, command: command('ConfirmAttendance', 'trainee-a'), commandId: randomUUID(), expectNewStream: true });
      expect(confirmed.revision).toBe(1n);
      expect(reads).toEqual([undefined, undefined]);
      expect((await store.readStream(streamName)).map((event) => event.type)).toEqual(['SeatReserved', 'AttendanceConfirmed']);

      const bulk = await handleEachCommand(recording, courseRunSeats, {
        streamName: newRun(),
        commands: () => [command('ReserveSeat', 'trainee-b'), command('ConfirmAttendance', 'trainee-z')],
        commandId: randomUUID(),
        metadata: command('ReserveSeat', 'trainee-b').metadata,
        expectNewStream: true,
      });
      expect(bulk.outcomes.map((outcome) => outcome.accepted)).toEqual([true, false]);
      expect(reads).toHaveLength(2);
    });

    it('never moves a cached state back to an older revision', () => {
      const cache = new StreamStateCache<SeatState>();
      cache.set('run-1', { revision: 4n, state: { reserved: ['a'], attended: [] } });
      cache.set('run-1', { revision: 2n, state: { reserved: [], attended: [] } });
      expect(cache.get('run-1')?.revision).toBe(4n);
    });
  });
});
