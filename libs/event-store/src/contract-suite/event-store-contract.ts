import { randomUUID } from 'node:crypto';
import { globalPositionParts } from '../global-position';
import {
  IdempotencyViolationError,
  WrongExpectedVersionError,
  type AppendResult,
  type CheckpointStore,
  type EventStore,
  type ExpectedVersion,
  type GlobalPosition,
  type RecordedEvent,
} from '../port';
import { UpcasterRegistry } from '../upcasting';
import {
  SubscriptionProbe,
  contractMetadata,
  isStrictlyIncreasing,
  sampleEvents,
  sleep,
  uniqueCategory,
} from './fixtures';
import { describeStreamHeadsContract } from './stream-heads-contract';

export interface ContractSubject {
  readonly store: EventStore;
  readonly checkpoints: CheckpointStore;
  /**
   * Makes every append pause after its events got their positions and before it commits, so
   * that concurrent appends commit out of position order; returns how to stop it. Stores that
   * assign positions at commit have nothing to offer here. When given, the ordering case also
   * checks that some append did finish after another one holding a higher minor position part.
   */
  readonly lingerBeforeCommit?: () => Promise<() => Promise<void>>;
  /** Events in the single-append case; 5,000 when omitted. */
  readonly largeBatchSize?: number;
  dispose(): Promise<void>;
}

export type ContractSubjectFactory = (options: { readonly upcasters: UpcasterRegistry }) => Promise<ContractSubject>;

const SAMPLE_V1 = 'ContractSampleRegistered.v1';
const SAMPLE_V2 = 'ContractSampleRegistered.v2';
const SAMPLE_V3 = 'ContractSampleRegistered.v3';

function contractUpcasters(): UpcasterRegistry {
  return new UpcasterRegistry()
    .register<{ name: string }, { fullName: string }>(SAMPLE_V1, SAMPLE_V2, (data) => ({ fullName: data.name }))
    .register<{ fullName: string }, { fullName: string; agencyId: string | null }>(SAMPLE_V2, SAMPLE_V3, (data) => ({
      ...data,
      agencyId: null,
    }));
}

/**
 * What every adapter of the `EventStore` port must do, as one jest suite. Each adapter's
 * integration spec calls it with a factory for a store on a real server.
 */
export function describeEventStoreContract(name: string, factory: ContractSubjectFactory): void {
  describe(`${name} event store contract`, () => {
    let subject: ContractSubject;
    let store: EventStore;

    beforeAll(async () => {
      subject = await factory({ upcasters: contractUpcasters() });
      store = subject.store;
    });

    afterAll(async () => {
      await subject?.dispose();
    });

    const newStream = (label = 'contract'): string => `${uniqueCategory(label)}-${randomUUID()}`;

    async function expectWrongVersion(
      append: Promise<AppendResult>,
      expected: ExpectedVersion,
      actual: bigint | 'no_stream',
    ): Promise<void> {
      const error = await append.then(
        () => null,
        (rejection: unknown) => rejection,
      );
      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect(error).toMatchObject({ expected, actual });
    }

    describe('appending and reading a stream', () => {
      it('appends a batch and reads it back in order, from any revision', async () => {
        const stream = newStream();
        const result = await store.appendToStream(stream, sampleEvents(3), { expectedVersion: 'no_stream' });

        expect(result).toMatchObject({ nextExpectedVersion: 2n, written: true });
        const events = await store.readStream(stream);
        expect(events.map((event) => [event.streamName, event.streamPosition, event.data])).toEqual([
          [stream, 0n, { index: 0 }],
          [stream, 1n, { index: 1 }],
          [stream, 2n, { index: 2 }],
        ]);
        expect(isStrictlyIncreasing(events.map((event) => event.globalPosition))).toBe(true);
        expect(result.lastGlobalPosition).toBe(events[2]!.globalPosition);

        expect((await store.readStream(stream, { fromRevision: 1n })).map((event) => event.streamPosition)).toEqual([
          1n,
          2n,
        ]);
        expect(
          (await store.readStream(stream, { fromRevision: 1n, maxCount: 1 })).map((event) => event.streamPosition),
        ).toEqual([1n]);
      });

      it('reads several streams at once, each from its own revision, as reading each alone would', async () => {
        const [first, second, absent] = [newStream(), newStream(), newStream()];
        await store.appendToStream(first, sampleEvents(3), { expectedVersion: 'no_stream' });
        await store.appendToStream(second, sampleEvents(2), { expectedVersion: 'no_stream' });
        const read = await store.readStreams([{ streamName: first, fromRevision: 1n }, { streamName: second }, { streamName: absent }]);

        expect([...read.keys()].sort()).toEqual([first, second, absent].sort());
        expect(read.get(first)).toEqual(await store.readStream(first, { fromRevision: 1n }));
        expect(read.get(second)).toEqual(await store.readStream(second));
        expect(read.get(second)!.map((event) => event.streamPosition)).toEqual([0n, 1n]);
        expect(read.get(absent)).toEqual([]);
        expect((await store.readStreams([])).size).toBe(0);
      });

      it('reads a stream that has no event as empty', async () => {
        expect(await store.readStream(newStream())).toEqual([]);
        expect(await store.readStreamJson(newStream())).toEqual([]);
      });

      it('reads the type and data of a stream alone, as the whole events read', async () => {
        const stream = newStream();
        await store.appendToStream(stream, sampleEvents(3), { expectedVersion: 'no_stream' });

        const whole = await store.readStream(stream, { fromRevision: 1n, maxCount: 2 });
        const lean = await store.readStreamJson(stream, { fromRevision: 1n, maxCount: 2 });
        expect(lean.map(({ type, dataJson, streamPosition }) => ({ type, data: JSON.parse(dataJson) as unknown, streamPosition }))).toEqual(
          whole.map(({ type, data, streamPosition }) => ({ type, data, streamPosition })),
        );
      });

      it('hands a text field of the data apart, its string exactly as appended', async () => {
        const stream = newStream();
        const text = JSON.stringify([{ nameVi: 'Bộ Ngoại giao', quote: '"\\\n\t', emoji: '🎓', control: '\u0001' }]);
        const data = [{ topic: 't', text }, { topic: 't', text: { nested: [1, 'a'] } }, { topic: 't' }, { topic: 't', text: null }, [text], 'text'];
        await store.appendToStream(stream, data.map((item) => ({ type: 'ContractTextCarried', data: item, metadata: contractMetadata() })), { expectedVersion: 'no_stream' });

        const lean = await store.readStreamJson(stream, { textField: 'text' });
        expect(lean[0]).toMatchObject({ fieldText: text, streamPosition: 0n });
        expect(JSON.parse(lean[0]!.dataJson)).toEqual({ topic: 't' });
        expect(JSON.parse(lean[1]!.fieldText!)).toEqual({ nested: [1, 'a'] });
        expect(JSON.parse(lean[1]!.dataJson)).toEqual({ topic: 't' });
        for (const [index, whole] of data.entries()) {
          if (index < 2) continue;
          expect(lean[index]!.fieldText).toBeUndefined();
          expect(JSON.parse(lean[index]!.dataJson)).toEqual(whole);
        }
        expect((await store.readStreamJson(stream, { textField: 'text', fromRevision: 1n, maxCount: 1 })).map((event) => event.streamPosition)).toEqual([1n]);
      });

      it('keeps the event ids it is given and generates the missing ones', async () => {
        const stream = newStream();
        const givenId = randomUUID();
        const [first, second] = sampleEvents(2);
        await store.appendToStream(stream, [{ ...first!, eventId: givenId }, second!], { expectedVersion: 'no_stream' });

        const [storedFirst, storedSecond] = await store.readStream(stream);
        expect(storedFirst!.eventId).toBe(givenId);
        expect(storedSecond!.eventId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
        expect(storedSecond!.eventId).not.toBe(givenId);
      });

      it('round-trips the metadata and adds the time the log recorded the event', async () => {
        const stream = newStream();
        const metadata = contractMetadata({
          correlationId: 'correlation-round-trip',
          causationId: 'command-42',
          actor: { id: 'officer-7', roles: ['programme-office'], agencyId: 'mofa' },
          occurredAt: '2026-07-15T09:30:00.000Z',
        });
        await store.appendToStream(stream, [{ type: 'ContractMetadataChecked', data: {}, metadata }], {
          expectedVersion: 'no_stream',
        });

        const [event] = await store.readStream(stream);
        expect(event!.metadata).toMatchObject({ ...metadata });
        const recordedAt = Date.parse(event!.metadata.recordedAt);
        expect(Math.abs(recordedAt - Date.now())).toBeLessThan(5 * 60_000);

        const [withoutCausation] = sampleEvents(1, 'ContractMetadataChecked');
        await store.appendToStream(stream, [withoutCausation!], { expectedVersion: 0n });
        expect((await store.readStream(stream, { fromRevision: 1n }))[0]!.metadata.causationId).toBeNull();
      });

      it('refuses an empty batch and malformed events before storing anything', async () => {
        const stream = newStream();
        await expect(store.appendToStream(stream, [], { expectedVersion: 'any' })).rejects.toThrow(TypeError);
        await expect(
          store.appendToStream(stream, [{ ...sampleEvents(1)[0]!, eventId: 'not-a-uuid' }], { expectedVersion: 'any' }),
        ).rejects.toThrow(TypeError);
        const repeatedId = randomUUID();
        await expect(
          store.appendToStream(
            stream,
            sampleEvents(2).map((event) => ({ ...event, eventId: repeatedId })),
            { expectedVersion: 'any' },
          ),
        ).rejects.toThrow(TypeError);
        expect(await store.readStream(stream)).toEqual([]);
      });
    });

    describe('expected version', () => {
      it('no_stream: accepted for a new stream, refused once the stream exists', async () => {
        const stream = newStream();
        await store.appendToStream(stream, sampleEvents(2), { expectedVersion: 'no_stream' });
        await expectWrongVersion(
          store.appendToStream(stream, sampleEvents(1), { expectedVersion: 'no_stream' }),
          'no_stream',
          1n,
        );
      });

      it('exists: refused for a missing stream, accepted once the stream exists', async () => {
        const stream = newStream();
        await expectWrongVersion(
          store.appendToStream(stream, sampleEvents(1), { expectedVersion: 'exists' }),
          'exists',
          'no_stream',
        );
        await store.appendToStream(stream, sampleEvents(1), { expectedVersion: 'no_stream' });
        const result = await store.appendToStream(stream, sampleEvents(1), { expectedVersion: 'exists' });
        expect(result.nextExpectedVersion).toBe(1n);
      });

      it('any: accepted whether the stream exists or not', async () => {
        const stream = newStream();
        expect((await store.appendToStream(stream, sampleEvents(1), { expectedVersion: 'any' })).nextExpectedVersion).toBe(
          0n,
        );
        expect((await store.appendToStream(stream, sampleEvents(2), { expectedVersion: 'any' })).nextExpectedVersion).toBe(
          2n,
        );
      });

      it("a revision: accepted only when it is the stream's last revision", async () => {
        const stream = newStream();
        await expectWrongVersion(store.appendToStream(stream, sampleEvents(1), { expectedVersion: 0n }), 0n, 'no_stream');
        await store.appendToStream(stream, sampleEvents(2), { expectedVersion: 'no_stream' });
        await expectWrongVersion(store.appendToStream(stream, sampleEvents(1), { expectedVersion: 0n }), 0n, 1n);
        await expectWrongVersion(store.appendToStream(stream, sampleEvents(1), { expectedVersion: 5n }), 5n, 1n);
        const result = await store.appendToStream(stream, sampleEvents(1), { expectedVersion: 1n });
        expect(result.nextExpectedVersion).toBe(2n);
        expect(await store.readStream(stream)).toHaveLength(3);
      });

      it('lets exactly one of two writers expecting the same revision win, every time', async () => {
        const stream = newStream();
        await store.appendToStream(stream, sampleEvents(1), { expectedVersion: 'no_stream' });
        const rounds = 10;
        for (let revision = 0n; revision < BigInt(rounds); revision += 1n) {
          const outcomes = await Promise.allSettled([
            store.appendToStream(stream, sampleEvents(1, 'ContractWriterA'), { expectedVersion: revision }),
            store.appendToStream(stream, sampleEvents(1, 'ContractWriterB'), { expectedVersion: revision }),
          ]);
          const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
          const lost = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
          expect(won).toHaveLength(1);
          expect(lost).toHaveLength(1);
          expect(lost[0]!.reason).toBeInstanceOf(WrongExpectedVersionError);
        }
        const events = await store.readStream(stream);
        expect(events.map((event) => event.streamPosition)).toEqual(
          Array.from({ length: rounds + 1 }, (_, index) => BigInt(index)),
        );
      });
    });

    describe('idempotent retries', () => {
      it('stores a repeated batch once and answers with where it was first written', async () => {
        const stream = newStream();
        const batch = sampleEvents(3).map((event) => ({ ...event, eventId: randomUUID() }));
        const first = await store.appendToStream(stream, batch, { expectedVersion: 'no_stream' });
        const expectedRetry = { ...first, written: false };

        expect(await store.appendToStream(stream, batch, { expectedVersion: 'no_stream' })).toEqual(expectedRetry);
        expect(await store.appendToStream(stream, batch, { expectedVersion: 'any' })).toEqual(expectedRetry);
        expect(await store.appendToStream(stream, batch, { expectedVersion: 2n })).toEqual(expectedRetry);

        await store.appendToStream(stream, sampleEvents(2), { expectedVersion: 2n });
        expect(await store.appendToStream(stream, batch, { expectedVersion: 4n })).toEqual(expectedRetry);
        expect(await store.appendToStream(stream, batch, { expectedVersion: 0n })).toEqual(expectedRetry);

        const stored = await store.readStream(stream);
        expect(stored).toHaveLength(5);
        expect(stored.slice(0, 3).map((event) => event.eventId)).toEqual(batch.map((event) => event.eventId));
      });

      it('refuses a batch that repeats only some of the stored events', async () => {
        const stream = newStream();
        const batch = sampleEvents(2).map((event) => ({ ...event, eventId: randomUUID() }));
        await store.appendToStream(stream, batch, { expectedVersion: 'no_stream' });

        const extra = { ...sampleEvents(1)[0]!, eventId: randomUUID() };
        const error = await store
          .appendToStream(stream, [batch[1]!, extra], { expectedVersion: 1n })
          .then(() => null, (rejection: unknown) => rejection);
        expect(error).toBeInstanceOf(IdempotencyViolationError);
        expect(error).toMatchObject({ storedEventIds: [batch[1]!.eventId], newEventIds: [extra.eventId] });
        expect(await store.readStream(stream)).toHaveLength(2);
      });
    });

    describe('reading the whole log', () => {
      it('reads after a checkpoint, page by page, in increasing position order', async () => {
        const category = uniqueCategory('contractpaging');
        const appended: string[] = [];
        for (const [index, count] of [3, 1, 4].entries()) {
          const batch = sampleEvents(count).map((event) => ({ ...event, eventId: randomUUID() }));
          await store.appendToStream(`${category}-${index}`, batch, { expectedVersion: 'no_stream' });
          appended.push(...batch.map((event) => event.eventId));
        }
        const filter = { streamCategories: [category] };

        const pages: RecordedEvent[][] = [];
        let checkpoint: GlobalPosition | null = null;
        for (;;) {
          const page: RecordedEvent[] = await store.readAll(checkpoint ? { after: checkpoint } : 'start', {
            limit: 3,
            filter,
          });
          if (page.length === 0) break;
          pages.push(page);
          checkpoint = page.at(-1)!.globalPosition;
        }
        expect(pages.map((page) => page.length)).toEqual([3, 3, 2]);
        const read = pages.flat();
        expect(read.map((event) => event.eventId)).toEqual(appended);
        expect(isStrictlyIncreasing(read.map((event) => event.globalPosition))).toBe(true);
      });

      it('filters by event type and by stream category, apart or together', async () => {
        const orders = uniqueCategory('contractorders');
        const invoices = uniqueCategory('contractinvoices');
        // A type of this run only, so that a filter on type alone can be checked on a shared server.
        const paid = uniqueCategory('ContractPaid');
        await store.appendToStream(
          `${orders}-1`,
          [...sampleEvents(1, 'ContractOpened'), ...sampleEvents(1, 'ContractClosed')],
          { expectedVersion: 'no_stream' },
        );
        await store.appendToStream(`${invoices}-1`, [...sampleEvents(1, 'ContractOpened'), ...sampleEvents(1, paid)], {
          expectedVersion: 'no_stream',
        });
        await store.appendToStream(orders, sampleEvents(1, 'ContractArchived'), { expectedVersion: 'no_stream' });

        const read = async (filter: { eventTypes?: string[]; streamCategories?: string[] }): Promise<string[]> =>
          (await store.readAll('start', { filter, limit: 10_000 })).map((event) => `${event.streamName}:${event.type}`);

        expect(await read({ streamCategories: [orders] })).toEqual([
          `${orders}-1:ContractOpened`,
          `${orders}-1:ContractClosed`,
          `${orders}:ContractArchived`,
        ]);
        expect(await read({ streamCategories: [orders, invoices], eventTypes: ['ContractOpened'] })).toEqual([
          `${orders}-1:ContractOpened`,
          `${invoices}-1:ContractOpened`,
        ]);
        expect(await read({ streamCategories: [invoices], eventTypes: [paid, 'ContractClosed'] })).toEqual([
          `${invoices}-1:${paid}`,
        ]);
        expect(await read({ eventTypes: [paid] })).toEqual([`${invoices}-1:${paid}`]);
      });

      it('appends a large batch in one go', async () => {
        const size = subject.largeBatchSize ?? 5_000;
        const category = uniqueCategory('contractlarge');
        const result = await store.appendToStream(`${category}-1`, sampleEvents(size), { expectedVersion: 'no_stream' });

        expect(result.nextExpectedVersion).toBe(BigInt(size - 1));
        const stored = await store.readStream(`${category}-1`);
        expect(stored.map((event) => (event.data as { index: number }).index)).toEqual(
          Array.from({ length: size }, (_, index) => index),
        );
        const read = await store.readAll('start', { filter: { streamCategories: [category] }, limit: size + 1 });
        expect(read).toHaveLength(size);
        expect(read.at(-1)!.globalPosition).toBe(result.lastGlobalPosition);
      });
    });

    describeStreamHeadsContract(() => store);

    describe('subscriptions', () => {
      it('catches up, goes live, and ends when closed', async () => {
        const category = uniqueCategory('contractlive');
        await store.appendToStream(`${category}-1`, sampleEvents(3), { expectedVersion: 'no_stream' });
        const probe = new SubscriptionProbe(store.subscribe('start', { filter: { streamCategories: [category] } }));

        const caughtUp = await probe.take(3);
        expect(caughtUp.map((event) => event.streamPosition)).toEqual([0n, 1n, 2n]);

        await sleep(200);
        await store.appendToStream(`${category}-2`, sampleEvents(2), { expectedVersion: 'no_stream' });
        const live = await probe.take(2);
        expect(live.map((event) => event.streamName)).toEqual([`${category}-2`, `${category}-2`]);
        expect(live[0]!.globalPosition > caughtUp[2]!.globalPosition).toBe(true);

        expect(await probe.closeAfterQuietPeriod(300)).toBeNull();
        await expect(probe.take(1, 1_000)).rejects.toThrow('the subscription ended');
      });

      it('starts after a checkpoint and applies its filter', async () => {
        const category = uniqueCategory('contractresume');
        await store.appendToStream(`${category}-1`, [
          ...sampleEvents(2, 'ContractKept'),
          ...sampleEvents(1, 'ContractIgnored'),
          ...sampleEvents(2, 'ContractKept'),
        ], { expectedVersion: 'no_stream' });
        const [, second] = await store.readStream(`${category}-1`);

        const probe = new SubscriptionProbe(
          store.subscribe({ after: second!.globalPosition }, {
            filter: { streamCategories: [category], eventTypes: ['ContractKept'] },
          }),
        );
        const received = await probe.take(2);
        expect(received.map((event) => [event.streamPosition, event.type])).toEqual([
          [3n, 'ContractKept'],
          [4n, 'ContractKept'],
        ]);
        expect(await probe.closeAfterQuietPeriod(500)).toBeNull();
      });

      it('delivers every event exactly once, in increasing position order, while 8 writers append', async () => {
        const writers = 8;
        const eventsPerWriter = 200;
        const category = uniqueCategory('contractorder');
        const probe = new SubscriptionProbe(store.subscribe('start', { filter: { streamCategories: [category] } }));
        const stopLingering = subject.lingerBeforeCommit ? await subject.lingerBeforeCommit() : null;

        const appendedIds = new Set<string>();
        const completed: GlobalPosition[] = [];
        const write = async (writer: number): Promise<void> => {
          let revision: ExpectedVersion = 'no_stream';
          for (let written = 0; written < eventsPerWriter; ) {
            const size = Math.min(1 + Math.floor(Math.random() * 4), eventsPerWriter - written);
            const batch = sampleEvents(size).map((event) => ({ ...event, eventId: randomUUID() }));
            const result = await store.appendToStream(`${category}-${writer}`, batch, { expectedVersion: revision });
            batch.forEach((event) => appendedIds.add(event.eventId));
            completed.push(result.lastGlobalPosition);
            revision = result.nextExpectedVersion;
            written += size;
          }
        };
        const received = probe.take(writers * eventsPerWriter, 120_000);
        try {
          await Promise.all(Array.from({ length: writers }, (_, writer) => write(writer)));
        } finally {
          await stopLingering?.();
        }
        const events = await received;

        expect(new Set(events.map((event) => event.eventId))).toEqual(appendedIds);
        expect(isStrictlyIncreasing(events.map((event) => event.globalPosition))).toBe(true);
        expect(await probe.closeAfterQuietPeriod(1_000)).toBeNull();
        if (stopLingering) {
          const minors = completed.map((position) => globalPositionParts(position).minor);
          const committedOutOfOrder = minors.some((minor, index) => index > 0 && minor < minors[index - 1]!);
          expect(committedOutOfOrder).toBe(true);
        }
      });
    });

    describe('upcasting', () => {
      it('hands out retired event shapes as the current one on every read path', async () => {
        const category = uniqueCategory('contractupcast');
        const stream = `${category}-1`;
        const metadata = contractMetadata();
        await store.appendToStream(
          stream,
          [
            { type: SAMPLE_V1, data: { name: 'Nguyễn Văn An' }, metadata },
            { type: SAMPLE_V2, data: { fullName: 'Trần Thị Bình' }, metadata },
            { type: SAMPLE_V3, data: { fullName: 'Lê Văn Cường', agencyId: 'mofa' }, metadata },
          ],
          { expectedVersion: 'no_stream' },
        );
        const current = [
          [SAMPLE_V3, { fullName: 'Nguyễn Văn An', agencyId: null }],
          [SAMPLE_V3, { fullName: 'Trần Thị Bình', agencyId: null }],
          [SAMPLE_V3, { fullName: 'Lê Văn Cường', agencyId: 'mofa' }],
        ];
        const shapes = (events: readonly RecordedEvent[]): unknown[] => events.map((event) => [event.type, event.data]);

        expect(shapes(await store.readStream(stream))).toEqual(current);
        expect((await store.readStreamJson(stream)).map((event) => [event.type, JSON.parse(event.dataJson)])).toEqual(current);
        expect((await store.readStreamJson(stream, { textField: 'fullName' })).map((event) => [event.type, event.fieldText, JSON.parse(event.dataJson)])).toEqual(
          current.map(([type, data]) => {
            const { fullName, ...rest } = data as { fullName: string };
            return [type, fullName, rest];
          }),
        );
        expect(shapes(await store.readAll('start', { filter: { streamCategories: [category] } }))).toEqual(current);
        expect(
          shapes(await store.readAll('start', { filter: { streamCategories: [category], eventTypes: [SAMPLE_V3] } })),
        ).toEqual(current);
        expect(await store.readAll('start', { filter: { streamCategories: [category], eventTypes: [SAMPLE_V1] } })).toEqual(
          [],
        );
        const probe = new SubscriptionProbe(
          store.subscribe('start', { filter: { streamCategories: [category], eventTypes: [SAMPLE_V3] } }),
        );
        expect(shapes(await probe.take(3))).toEqual(current);
        await probe.subscription.close();
      });
    });

    describe('checkpoints', () => {
      it('loads nothing for a new name, then the saved position, which never moves back', async () => {
        const name = uniqueCategory('contractcheckpoint');
        const stream = newStream();
        await store.appendToStream(stream, sampleEvents(3), { expectedVersion: 'no_stream' });
        const [first, second, third] = (await store.readStream(stream)).map((event) => event.globalPosition);

        expect(await subject.checkpoints.load(name)).toBeNull();
        await subject.checkpoints.save(name, second!);
        expect(await subject.checkpoints.load(name)).toBe(second);
        await subject.checkpoints.save(name, first!);
        expect(await subject.checkpoints.load(name)).toBe(second);
        await subject.checkpoints.save(name, third!);
        expect(await subject.checkpoints.load(name)).toBe(third);
        expect(await subject.checkpoints.load(uniqueCategory('contractcheckpoint'))).toBeNull();
      });
    });

    it('answers a readiness ping', async () => {
      expect(await store.ping()).toBe(true);
    });
  });
}
