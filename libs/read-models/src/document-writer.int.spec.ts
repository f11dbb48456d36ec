import { documentWriterFor, type DocumentWriter } from './document-writer';
import { planWrites } from './guard';
import type { ProjectableEvent } from './projectable-event';
import { defineProjection, upsert } from './projection';
import { Projector } from './projector';
import { RebuildFold } from './rebuild-fold';
import { documentsOf, logEvent, type ScratchDatabase, scratchDatabase } from './testing/fixtures';
import { traineeProgress } from './testing/programme-projections';

/** Registrations, certificates spread over them, revocations, and events delivered twice. */
function historyWithRepeats(): ProjectableEvent[] {
  const events: ProjectableEvent[] = [];
  for (let index = 0; index < 12; index++) {
    const traineeId = `t-${index}`;
    events.push(
      logEvent('TraineeRegistered.v1', { traineeId, agencyId: `a-${index % 3}`, province: 'HN', targetGroup: 'regular' }, {
        service: 'enrolment',
        streamName: `trainee-${traineeId}`,
        streamPosition: 0,
      }),
    );
    const holder = `t-${(index * 7) % (index + 1)}`;
    events.push(
      logEvent('CertificateIssued.v1', { certificateId: `c-${index}`, traineeId: holder, hours: 8 + index, issuedOn: `2026-0${1 + (index % 9)}-01` }, {
        service: 'certification',
        streamName: `certificate-c-${index}`,
        streamPosition: 0,
      }),
    );
    if (index % 4 === 3) {
      events.push(
        logEvent('CertificateRevoked.v1', { certificateId: `c-${index}`, traineeId: holder, hours: 8 + index }, {
          service: 'certification',
          streamName: `certificate-c-${index}`,
          streamPosition: 1,
        }),
      );
    }
  }
  // A feed that repeats part of itself: the repeats must change nothing.
  return [...events, ...events.slice(5, 15)];
}

describe.each(['auto', 'sequential', 'replace'] as const)('The %s document writer', (mode) => {
  let scratch: ScratchDatabase;
  let writer: DocumentWriter;

  beforeAll(async () => {
    scratch = await scratchDatabase();
    writer = await documentWriterFor(scratch.connection.db!, mode);
  });

  afterAll(async () => {
    await scratch.drop();
  });

  it('stores computed documents, replaces them, and reads them back by id', async () => {
    const collection = scratch.connection.db!.collection(`stored_${mode}`);
    await writer.storeComputed(collection, [{ _id: 'a', n: 1 }, { _id: 'b', n: 2 }], []);
    await writer.storeComputed(collection, [{ _id: 'c', n: 3 }, { _id: 'Hà Nội', n: 4 }, { _id: 'R&D <1>', n: 5 }], [{ _id: 'a', n: 10, tags: ['x'] }]);

    const read = await writer.readByIds(collection, ['a', 'c', 'missing', 'Hà Nội', 'R&D <1>', 'Ha Noi', 'a']);
    expect(read.sort((x, y) => String(x._id).localeCompare(String(y._id)))).toEqual([
      { _id: 'a', n: 10, tags: ['x'] },
      { _id: 'c', n: 3 },
      { _id: 'Hà Nội', n: 4 },
      { _id: 'R&D <1>', n: 5 },
    ].sort((x, y) => x._id.localeCompare(y._id)));
    expect(await collection.countDocuments()).toBe(5);
  });

  it('refuses to replace a document that is not stored', async () => {
    const collection = scratch.connection.db!.collection(`vanished_${mode}`);
    await expect(writer.storeComputed(collection, [], [{ _id: 'ghost', n: 1 }])).rejects.toThrow(/vanished/);
  });

  it('folds a rebuild in memory into the documents guarded writes build, however few it may hold', async () => {
    const events = historyWithRepeats();
    const guarded = new Projector(scratch.connection, { writeMode: 'sequential' });
    await guarded.applyTo(`guarded_${mode}`, traineeProgress, events);
    const expected = await documentsOf(scratch.connection, `guarded_${mode}`);

    for (const maxDocuments of [1, 5, 1_000]) {
      const name = `folded_${mode}_${maxDocuments}`;
      const fold = new RebuildFold(scratch.connection.db!.collection(name), writer, maxDocuments);
      let alreadyApplied = 0;
      for (let start = 0; start < events.length; start += 7) {
        alreadyApplied += (await fold.add(planWrites(traineeProgress, events.slice(start, start + 7)))).alreadyApplied;
      }
      await fold.flush();
      expect(alreadyApplied).toBe(10);
      expect(await documentsOf(scratch.connection, name)).toEqual(expected);
      const stored = await scratch.connection.db!.collection(name).find({}).sort({ _id: 1 }).toArray();
      expect(stored).toEqual(await scratch.connection.db!.collection(`guarded_${mode}`).find({}).sort({ _id: 1 }).toArray());
    }
  });
});

describe('Document writers through the projector', () => {
  let scratch: ScratchDatabase;

  beforeAll(async () => {
    scratch = await scratchDatabase();
  });

  afterAll(async () => {
    await scratch.drop();
  });

  it('computes the same documents itself as the server computes from the operators', async () => {
    interface Events {
      'Recorded.v1': { id: string; step: number };
    }
    const everyOperator = defineProjection<Events>({
      name: 'every-operator',
      version: 1,
      collection: 'every_operator',
      handlers: {
        'Recorded.v1': (e) => [
          upsert(e.data.id, {
            $set: { 'profile.name': `step ${e.data.step}`, [`steps.s${e.data.step}`]: true },
            $setOnInsert: { 'profile.created': e.data.step },
            $inc: { count: 1, 'totals.weight': e.data.step * 1.5 },
            $max: { highest: e.data.step % 4 },
            $min: { lowest: e.data.step % 3 },
            $push: { history: { $each: [e.data.step, { at: e.data.step }] } },
            $addToSet: { parity: e.data.step % 2 === 0 ? 'even' : 'odd' },
            ...(e.data.step > 2 ? { $unset: { [`steps.s${e.data.step - 1}`]: '' as const } } : {}),
          }),
          upsert(
            `${e.data.id}-seen`,
            e.data.step % 3 === 2 ? { $pull: { seen: e.data.step - 1 } } : { $addToSet: { seen: { $each: [e.data.step, 0] } } },
          ),
        ],
      },
    });
    const events = [0, 1, 2, 3, 4, 5].flatMap((step) =>
      ['x', 'y'].map((id) => logEvent('Recorded.v1', { id, step }, { streamName: `recorder-${id}`, streamPosition: step })),
    );
    const byServer = new Projector(scratch.connection, { writeMode: 'sequential' });
    const byProjector = new Projector(scratch.connection, { writeMode: 'replace' });
    await byServer.applyTo('by_server', everyOperator, events);
    await byProjector.applyTo('by_projector', everyOperator, events);
    const serverDocuments = await scratch.connection.db!.collection('by_server').find({}).sort({ _id: 1 }).toArray();
    expect(await scratch.connection.db!.collection('by_projector').find({}).sort({ _id: 1 }).toArray()).toEqual(serverDocuments);
    expect(serverDocuments[0]).toMatchObject({
      _id: 'x',
      count: 6,
      totals: { weight: 22.5 },
      highest: 3,
      lowest: 0,
      parity: ['even', 'odd'],
      profile: { name: 'step 5', created: 0 },
    });
    expect(serverDocuments[0].steps).toEqual({ s0: true, s1: true, s5: true });
    expect(serverDocuments[1]).toEqual(expect.objectContaining({ _id: 'x-seen', seen: [0, 3] }));
  });

  it('reads a batch\'s documents in one command and writes each once for all its writes when replacing, new documents in one insert', async () => {
    const watched = await scratch.open({ monitorCommands: true });
    const commands: string[] = [];
    watched.getClient().on('commandStarted', (event) => {
      if (event.databaseName === scratch.name) commands.push(event.commandName);
    });
    const sheet = defineProjection<{ 'Marked.v1': { traineeId: string; session: number } }>({
      name: 'coalesced-sheet',
      version: 1,
      collection: 'coalesced_sheet',
      handlers: {
        'Marked.v1': (e) => [upsert(e.data.traineeId, { $set: { [`sessions.s${e.data.session}`]: 'present' }, $inc: { marks: 1 } })],
      },
    });
    const events = Array.from({ length: 20 }, (_, position) =>
      logEvent('Marked.v1', { traineeId: position % 2 === 0 ? 't-1' : 't-2', session: Math.floor(position / 2) }, { streamName: 'sheet-run-1', streamPosition: position }),
    );
    const projector = new Projector(watched, { writeMode: 'replace' });

    expect(await projector.applyTo('coalesced', sheet, events)).toMatchObject({ writes: 20, applied: 20, alreadyApplied: 0 });
    expect(commands.sort()).toEqual(['find', 'insert']);
    const documents = await scratch.connection.db!.collection('coalesced').find({}).sort({ _id: 1 }).toArray();
    expect(documents.map((document) => [document._id, document.marks, Object.keys(document.sessions as object).length])).toEqual([
      ['t-1', 10, 10],
      ['t-2', 10, 10],
    ]);

    commands.length = 0;
    expect(await projector.applyTo('coalesced', sheet, [...events.slice(15), ...events.slice(0, 3)])).toMatchObject({ applied: 0, alreadyApplied: 8 });
    expect(commands).toEqual(['find']);
  });

  it('inserts mostly new documents without reading them first, and reads only those already stored', async () => {
    const watched = await scratch.open({ monitorCommands: true });
    const commands: string[] = [];
    watched.getClient().on('commandStarted', (event) => {
      if (event.databaseName === scratch.name) commands.push(event.commandName);
    });
    const history = defineProjection<{ 'Marked.v1': { traineeId: string; session: number } }>({
      name: 'inserted-history',
      version: 1,
      collection: 'inserted_history',
      documentsMostlyNew: true,
      handlers: {
        'Marked.v1': (e) => [upsert(e.data.traineeId, { $set: { [`sessions.s${e.data.session}`]: 'present' }, $inc: { marks: 1 } })],
      },
    });
    const mark = (traineeId: string, session: number, position: number) =>
      logEvent('Marked.v1', { traineeId, session }, { streamName: `history-${traineeId}`, streamPosition: position });
    const projector = new Projector(watched, { writeMode: 'replace' });

    expect(await projector.applyTo('inserted', history, [mark('t-1', 0, 0), mark('t-2', 0, 0), mark('t-1', 1, 1)])).toMatchObject({
      writes: 3,
      applied: 3,
      alreadyApplied: 0,
    });
    expect(commands).toEqual(['insert']);

    commands.length = 0;
    expect(await projector.applyTo('inserted', history, [mark('t-1', 1, 1), mark('t-1', 2, 2), mark('t-3', 0, 0)])).toMatchObject({
      applied: 2,
      alreadyApplied: 1,
    });
    expect(commands).toEqual(['insert', 'find', 'update']);
    const documents = await scratch.connection.db!.collection('inserted').find({}).sort({ _id: 1 }).toArray();
    expect(documents.map((document) => [document._id, document.marks, Object.keys(document.sessions as object).length])).toEqual([
      ['t-1', 3, 3],
      ['t-2', 1, 1],
      ['t-3', 1, 1],
    ]);
  });

  it('inserts a batch\'s new documents together, and writes once more those a rival created first', async () => {
    const rival = new Projector(await scratch.open(), { writeMode: 'replace' });
    const projector = new Projector(scratch.connection, { writeMode: 'replace' });
    const issue = (index: number): ProjectableEvent =>
      logEvent('CertificateIssued.v1', { certificateId: `overlap-${index}-c0`, traineeId: `overlap-${index}`, hours: 8, issuedOn: '2026-05-05' }, {
        service: 'certification',
        streamName: `certificates-of-overlap-${index}`,
        streamPosition: 0,
      });
    const events = Array.from({ length: 45 }, (_, index) => issue(index));

    const [first, second] = await Promise.all([
      projector.applyTo('overlapping_inserts', traineeProgress, events.slice(0, 30)),
      rival.applyTo('overlapping_inserts', traineeProgress, events.slice(15)),
    ]);

    expect(first.applied + second.applied).toBe(45);
    expect(first.alreadyApplied + second.alreadyApplied).toBe(15);
    const documents = await documentsOf(scratch.connection, 'overlapping_inserts');
    expect(documents).toHaveLength(45);
    for (const document of documents) expect(document).toMatchObject({ certificates: 1, hours: 8 });
  });

  it('chooses replace on FerretDB and bulk on MongoDB, and refuses bulk on FerretDB', async () => {
    const info = await scratch.connection.db!.admin().command({ buildInfo: 1 });
    const onFerretDb = typeof info.ferretdbVersion === 'string';
    expect(await new Projector(scratch.connection).effectiveWriteMode()).toBe(onFerretDb ? 'replace' : 'bulk');
    const bulk = new Projector(scratch.connection, { writeMode: 'bulk' });
    if (onFerretDb) await expect(bulk.effectiveWriteMode()).rejects.toThrow(/not safe on FerretDB/);
    else await expect(bulk.effectiveWriteMode()).resolves.toBe('bulk');
  });
});

