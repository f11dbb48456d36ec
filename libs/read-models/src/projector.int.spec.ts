import { countBy, sumBy } from './aggregate';
import type { ProjectableEvent } from './projectable-event';
import { defineProjection, notDeleted, upsert } from './projection';
import type { WriteMode } from './document-writer';
import { CHECKPOINTS_COLLECTION, POINTERS_COLLECTION, Projector } from './projector';
import { documentsOf, fromArray, logEvent, type ScratchDatabase, scratchDatabase } from './testing/fixtures';
import {
  agencyDirectory,
  agencyDirectoryHandlers,
  type ProgrammeEvents,
  traineeProgress,
} from './testing/programme-projections';

/** A small programme history: agencies, trainees of each, certificates issued and one revoked. */
function programmeHistory(): ProjectableEvent[] {
  const events: ProjectableEvent[] = [];
  const agencies = [
    { agencyId: 'mofa', name: 'Bộ Ngoại giao', kind: 'ministry', province: 'HN' },
    { agencyId: 'hn-dofa', name: 'Sở Ngoại vụ Hà Nội', kind: 'province', province: 'HN' },
    { agencyId: 'hcm-dofa', name: 'Sở Ngoại vụ TP.HCM', kind: 'province', province: 'HCM' },
  ];
  for (const agency of agencies) {
    events.push(logEvent('AgencyRegistered.v1', agency, { streamName: `agency-${agency.agencyId}`, streamPosition: 0 }));
  }
  events.push(
    logEvent('AgencyRenamed.v1', { agencyId: 'hcm-dofa', name: 'Sở Ngoại vụ Thành phố Hồ Chí Minh' }, {
      streamName: 'agency-hcm-dofa',
      streamPosition: 1,
    }),
  );
  const trainees = [
    { traineeId: 't-1', agencyId: 'mofa', province: 'HN', targetGroup: 'regular' },
    { traineeId: 't-2', agencyId: 'mofa', province: 'HN', targetGroup: 'non-regular' },
    { traineeId: 't-3', agencyId: 'hn-dofa', province: 'HN', targetGroup: 'regular' },
    { traineeId: 't-4', agencyId: 'hcm-dofa', province: 'HCM', targetGroup: 'regular' },
    { traineeId: 't-5', agencyId: 'hcm-dofa', province: 'HCM', targetGroup: 'regular' },
  ];
  for (const trainee of trainees) {
    events.push(
      logEvent('TraineeRegistered.v1', trainee, { service: 'enrolment', streamName: `trainee-${trainee.traineeId}`, streamPosition: 0 }),
    );
  }
  const certificates = [
    { certificateId: 'c-1', traineeId: 't-1', hours: 40, issuedOn: '2026-09-01' },
    { certificateId: 'c-2', traineeId: 't-1', hours: 24, issuedOn: '2026-11-15' },
    { certificateId: 'c-3', traineeId: 't-3', hours: 40, issuedOn: '2026-10-01' },
    { certificateId: 'c-4', traineeId: 't-4', hours: 16, issuedOn: '2026-08-20' },
    { certificateId: 'c-5', traineeId: 't-5', hours: 40, issuedOn: '2027-01-10' },
  ];
  for (const certificate of certificates) {
    events.push(
      logEvent('CertificateIssued.v1', certificate, {
        service: 'certification',
        streamName: `certificate-${certificate.certificateId}`,
        streamPosition: 0,
      }),
    );
  }
  events.push(
    logEvent('CertificateRevoked.v1', { certificateId: 'c-2', traineeId: 't-1', hours: 24 }, {
      service: 'certification',
      streamName: 'certificate-c-2',
      streamPosition: 1,
    }),
    logEvent('TraineeDetailsCleared.v1', { traineeId: 't-2' }, { service: 'enrolment', streamName: 'trainee-t-2', streamPosition: 1 }),
    logEvent('AgencyClosed.v1', { agencyId: 'hn-dofa' }, { streamName: 'agency-hn-dofa', streamPosition: 1 }),
  );
  return events;
}

describe.each<WriteMode>(['auto', 'sequential', 'replace'])('Projector with %s writes', (writeMode) => {
  let scratch: ScratchDatabase;
  let projector: Projector;

  beforeAll(async () => {
    scratch = await scratchDatabase();
    projector = new Projector(scratch.connection, { writeMode });
  });

  afterAll(async () => {
    await scratch.drop();
  });

  it('writes the read model every operator asks for', async () => {
    const collection = `trainees_ops_${writeMode}`;
    const result = await projector.applyTo(collection, traineeProgress, programmeHistory());
    expect(result.alreadyApplied).toBe(0);
    expect(result.applied).toBe(result.writes);
    const documents = await documentsOf(scratch.connection, collection);
    expect(documents).toEqual([
      {
        _id: 't-1',
        agencyId: 'mofa',
        province: 'HN',
        targetGroup: 'regular',
        contact: 'on file',
        certificates: 1,
        hours: 40,
        certificateIds: ['c-1'],
        lastCertifiedOn: '2026-11-15',
        firstCertifiedOn: '2026-09-01',
      },
      { _id: 't-2', agencyId: 'mofa', province: 'HN', targetGroup: 'non-regular', certificates: 0, hours: 0 },
      expect.objectContaining({ _id: 't-3', certificates: 1, hours: 40, certificateIds: ['c-3'] }),
      expect.objectContaining({ _id: 't-4', certificates: 1, hours: 16, lastCertifiedOn: '2026-08-20' }),
      expect.objectContaining({ _id: 't-5', certificates: 1, hours: 40, firstCertifiedOn: '2027-01-10' }),
    ]);
  });

  it('changes nothing when the same events are applied a second time', async () => {
    const collection = `agencies_replay_${writeMode}`;
    const history = programmeHistory();
    const first = await projector.applyTo(collection, agencyDirectory, history);
    const afterFirst = await scratch.connection.db!.collection<{ _id: string }>(collection).find({}).sort({ _id: 1 }).toArray();

    const second = await projector.applyTo(collection, agencyDirectory, history);
    for (const event of history) await projector.applyTo(collection, agencyDirectory, [event]);
    const afterReplays = await scratch.connection.db!.collection<{ _id: string }>(collection).find({}).sort({ _id: 1 }).toArray();

    expect(afterReplays).toEqual(afterFirst);
    expect(afterFirst).toHaveLength(3);
    expect(afterFirst.find((agency) => agency._id === 'hcm-dofa')).toMatchObject({
      name: 'Sở Ngoại vụ Thành phố Hồ Chí Minh',
      names: ['Sở Ngoại vụ TP.HCM', 'Sở Ngoại vụ Thành phố Hồ Chí Minh'],
    });
    expect(afterFirst.find((agency) => agency._id === 'hn-dofa')).toMatchObject({ status: 'closed', _deleted: true });
    expect(first).toEqual({ events: history.length, writes: 5, applied: 5, alreadyApplied: 0 });
    expect(second).toEqual({ events: history.length, writes: 5, applied: 0, alreadyApplied: 5 });
  });

  it('ignores older duplicates delivered out of order among new events', async () => {
    const stream = (position: number, certificateId: string, hours: number): ProjectableEvent[] => [
      logEvent('CertificateIssued.v1', { certificateId, traineeId: 't-9', hours, issuedOn: `2026-0${position + 1}-01` }, {
        service: 'certification',
        streamName: `certificates-of-t-9`,
        streamPosition: position,
      }),
    ];
    const ordered = [0, 1, 2, 3, 4, 5].flatMap((position) => stream(position, `c-${position}`, 10 + position));
    const once = `progress_once_${writeMode}`;
    await projector.applyTo(once, traineeProgress, ordered);

    const redelivered = `progress_redelivered_${writeMode}`;
    await projector.applyTo(redelivered, traineeProgress, ordered.slice(0, 5));
    const duplicates = [ordered[2], ordered[0], ordered[4], ordered[1], ordered[5], ordered[3], ordered[5], ordered[0]];
    const result = await projector.applyTo(redelivered, traineeProgress, duplicates);

    expect(result.applied).toBe(1);
    expect(result.alreadyApplied).toBe(7);
    expect(await documentsOf(scratch.connection, redelivered)).toEqual(await documentsOf(scratch.connection, once));
    expect(await documentsOf(scratch.connection, once)).toEqual([
      expect.objectContaining({ _id: 't-9', certificates: 6, hours: 75 }),
    ]);
  });

  it('gives two concurrent applications of the same event exactly one effect', async () => {
    const collection = `progress_race_${writeMode}`;
    const rival = new Projector(await scratch.open(), { writeMode });
    const trainees = Array.from({ length: 25 }, (_, index) => `race-${index}`);
    const issue = (traineeId: string, position: number): ProjectableEvent =>
      logEvent('CertificateIssued.v1', { certificateId: `${traineeId}-c${position}`, traineeId, hours: 8, issuedOn: '2026-05-05' }, {
        service: 'certification',
        streamName: `certificates-of-${traineeId}`,
        streamPosition: position,
      });

    // First event: the document does not exist yet, both writers try to create it.
    await Promise.all(
      trainees.map((traineeId) => {
        const event = issue(traineeId, 0);
        return Promise.all([projector.applyTo(collection, traineeProgress, [event]), rival.applyTo(collection, traineeProgress, [event])]);
      }),
    );
    // Second event: the document exists, both writers try to update it.
    await Promise.all(
      trainees.map((traineeId) => {
        const event = issue(traineeId, 1);
        return Promise.all([rival.applyTo(collection, traineeProgress, [event]), projector.applyTo(collection, traineeProgress, [event])]);
      }),
    );

    const documents = await documentsOf(scratch.connection, collection);
    expect(documents).toHaveLength(trainees.length);
    for (const document of documents) {
      expect(document).toMatchObject({ certificates: 2, hours: 16 });
      expect(document.certificateIds).toHaveLength(2);
    }
  });

  it('sums per-entity documents by group with $match and $group only', async () => {
    const collection = `progress_sums_${writeMode}`;
    await projector.applyTo(collection, traineeProgress, programmeHistory());
    const model = projector.modelFor(collection);

    expect(await sumBy(model, notDeleted, 'province', 'hours')).toEqual([
      { key: 'HCM', total: 56 },
      { key: 'HN', total: 80 },
    ]);
    expect(await countBy(model, { targetGroup: 'regular' }, 'agencyId')).toEqual([
      { key: 'hcm-dofa', total: 2 },
      { key: 'hn-dofa', total: 1 },
      { key: 'mofa', total: 1 },
    ]);
    expect(await sumBy(model, { certificates: { $gt: 0 } }, 'targetGroup', 'certificates')).toEqual([
      { key: 'regular', total: 4 },
    ]);
  });
});

describe('Projector collections, pointers and rebuilds', () => {
  let scratch: ScratchDatabase;

  beforeAll(async () => {
    scratch = await scratchDatabase();
  });

  afterAll(async () => {
    await scratch.drop();
  });

  it('rebuilds a new version into a new collection, then switches reads to it', async () => {
    const projector = new Projector(scratch.connection, { pointerCacheTtlMs: 60_000 });
    const otherProcess = new Projector(await scratch.open(), { pointerCacheTtlMs: 60_000 });
    const history = programmeHistory();

    expect(await (await projector.model(agencyDirectory)).countDocuments()).toBe(0);
    await expect(projector.activeCollectionName(agencyDirectory.name)).rejects.toThrow(/never built/);

    await projector.initialize(agencyDirectory);
    await projector.apply(agencyDirectory, history);
    expect(await projector.activeCollectionName(agencyDirectory.name)).toBe('agencies_v1');
    expect(await otherProcess.activeCollectionName(agencyDirectory.name)).toBe('agencies_v1');
    const v1 = await projector.model<{ name: string }>(agencyDirectory.name);
    expect((await v1.findById('hcm-dofa').lean())?.name).toBe('Sở Ngoại vụ Thành phố Hồ Chí Minh');

    const directoryV2 = defineProjection<ProgrammeEvents>({
      name: agencyDirectory.name,
      version: 2,
      collection: agencyDirectory.collection,
      handlers: {
        ...agencyDirectoryHandlers,
        'AgencyRegistered.v1': (e) => [
          upsert(e.data.agencyId, {
            $set: { name: e.data.name, province: e.data.province, status: 'active', searchName: e.data.name.toLowerCase() },
          }),
        ],
      },
    });
    const rebuilt = await projector.rebuild(directoryV2, fromArray(history), { rebuildId: 'r1', batchSize: 4, dropPrevious: true });

    expect(rebuilt).toEqual({
      collection: 'agencies_v2_r1',
      previousCollection: 'agencies_v1',
      events: history.length,
      position: history[history.length - 1].feedPosition,
      droppedPrevious: true,
    });
    expect(await projector.activeCollectionName(agencyDirectory.name)).toBe('agencies_v2_r1');
    const v2 = await projector.model<{ searchName?: string }>(directoryV2);
    expect((await v2.findById('mofa').lean())?.searchName).toBe('bộ ngoại giao');
    expect(await v2.countDocuments(notDeleted)).toBe(2);

    const collections = (await scratch.connection.db!.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
    expect(collections).toContain('agencies_v2_r1');
    expect(collections).not.toContain('agencies_v1');

    expect(await otherProcess.activeCollectionName(agencyDirectory.name)).toBe('agencies_v1');
    otherProcess.invalidate(agencyDirectory.name);
    expect(await otherProcess.activeCollectionName(agencyDirectory.name)).toBe('agencies_v2_r1');

    const checkpoint = await projector.loadCheckpoint(agencyDirectory.name);
    expect(checkpoint).toMatchObject({ version: 2, collection: 'agencies_v2_r1', position: rebuilt.position });
    const pointers = await scratch.connection.db!.collection(POINTERS_COLLECTION).find({}).toArray();
    expect(pointers).toEqual([expect.objectContaining({ _id: 'agency-directory', activeCollection: 'agencies_v2_r1', version: 2 })]);
  });

  it('drops an aborted rebuild and leaves the active collection in place', async () => {
    const projector = new Projector(scratch.connection);
    await projector.initialize(traineeProgress);
    await projector.apply(traineeProgress, programmeHistory());
    const controller = new AbortController();
    async function* abortingFeed(): AsyncGenerator<ProjectableEvent> {
      const history = programmeHistory();
      yield* history.slice(0, 5);
      controller.abort();
      yield* history.slice(5);
    }
    await expect(
      projector.rebuild(traineeProgress, abortingFeed(), { rebuildId: 'aborted', batchSize: 2, signal: controller.signal }),
    ).rejects.toThrow(/aborted/);
    const names = (await scratch.connection.db!.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
    expect(names).not.toContain('trainee_progress_v1_aborted');
    expect(await projector.activeCollectionName(traineeProgress.name)).toBe('trainee_progress_v1');
  });

  it('creates the declared indexes on every collection it builds', async () => {
    const projector = new Projector(scratch.connection);
    const { collection } = await projector.rebuild(traineeProgress, fromArray(programmeHistory()), { rebuildId: 'indexed' });
    const indexes = await scratch.connection.db!.collection(collection).indexes();
    expect(indexes.map((index) => index.key)).toEqual(
      expect.arrayContaining([{ agencyId: 1 }, { province: 1, targetGroup: 1 }]),
    );
    const dropped = await projector.dropInactiveCollections(traineeProgress);
    expect(dropped).toEqual(['trainee_progress_v1']);
    expect(await scratch.connection.db!.collection(CHECKPOINTS_COLLECTION).countDocuments()).toBe(2);
    expect(await projector.loadCheckpoint(traineeProgress.name)).toMatchObject({ collection });
  });

  it('retires a projection the code no longer has: every collection it built, its checkpoint and its pointer', async () => {
    const projector = new Projector(scratch.connection);
    await projector.initialize(traineeProgress);
    await projector.apply(traineeProgress, programmeHistory());
    await projector.rebuild(traineeProgress, fromArray(programmeHistory()), { rebuildId: 'retiring' });
    await projector.initialize(agencyDirectory);
    const builtFor = async (prefix: string) =>
      (await scratch.connection.db!.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).filter((name) => name.startsWith(prefix)).sort();
    const built = await builtFor('trainee_progress_v1');
    expect(built).toContain('trainee_progress_v1_retiring');
    expect(built.length).toBeGreaterThanOrEqual(2);
    const agencyCollections = await builtFor('agencies_v');
    const dropped = await projector.retire({ name: traineeProgress.name, collection: traineeProgress.collection });
    expect(dropped).toEqual(built);
    expect(await builtFor('trainee_progress_')).toEqual([]);
    expect(await builtFor('agencies_v')).toEqual(agencyCollections);
    expect(await projector.loadCheckpoint(traineeProgress.name)).toBeNull();
    const pointers = await scratch.connection.db!.collection(POINTERS_COLLECTION).find({ _id: traineeProgress.name as never }).toArray();
    expect(pointers).toEqual([]);
    expect(await projector.loadCheckpoint(agencyDirectory.name)).not.toBeNull();
    expect(await projector.retire({ name: traineeProgress.name, collection: traineeProgress.collection })).toEqual([]);
  });
});
