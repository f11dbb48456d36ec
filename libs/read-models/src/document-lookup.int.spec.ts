import { type ScratchDatabase, scratchDatabase } from './testing/fixtures';

/**
 * Read models key their documents by composite ids such as `["RUN-2027-004","S07","T-0042"]`.
 * Every write of the projector looks one up by `_id`, so a lookup that scans the collection makes a
 * projection slower with every document it holds. Local FerretDB serves these lookups through a
 * patched filter pushdown (deploy/local/patches); these tests hold it to the server's own plan and
 * to exact answers, whatever the server.
 */
describe('Looking read-model documents up by id', () => {
  let scratch: ScratchDatabase;
  const cellId = (runId: string, sessionId: string, traineeId: string): string => JSON.stringify([runId, sessionId, traineeId]);

  beforeAll(async () => {
    scratch = await scratchDatabase('document_lookup');
    const cells = Array.from({ length: 600 }, (_, index) => ({
      _id: cellId(`RUN-2027-00${index % 6}`, `S${String(index % 20).padStart(2, '0')}`, `T-${index}`),
      runId: `RUN-2027-00${index % 6}`,
      note: index % 2 === 0 ? 'said "present"' : 'path C:\\roster',
    }));
    cells.push({ _id: 'back\\slash "and" quotes', runId: 'RUN-X', note: 'said "present"' });
    await scratch.connection.db!.collection('cells').insertMany(cells as never[]);
    await scratch.connection.db!.collection('cells').insertOne({ _id: 'holds-an-array', runId: 'RUN-Y', note: ['said "present"', 'other'] } as never);
  });

  afterAll(async () => {
    await scratch.drop();
  });

  it('finds each document by an id holding quotes and backslashes, and nothing for a near miss', async () => {
    const cells = scratch.connection.db!.collection<{ _id: string; runId: string }>('cells');
    expect(await cells.findOne({ _id: cellId('RUN-2027-003', 'S03', 'T-123') })).toMatchObject({ runId: 'RUN-2027-003' });
    expect(await cells.findOne({ _id: 'back\\slash "and" quotes' })).toMatchObject({ runId: 'RUN-X' });
    expect(await cells.findOne({ _id: cellId('RUN-2027-003', 'S03', 'T-124') })).toBeNull();
    expect(await cells.findOne({ _id: 'back\\slash \\"and\\" quotes' })).toBeNull();
  });

  it('matches a quoted string on any field exactly, arrays that hold it included', async () => {
    const cells = scratch.connection.db!.collection('cells');
    expect(await cells.countDocuments({ note: 'said "present"' })).toBe(302);
    expect(await cells.countDocuments({ note: 'path C:\\roster' })).toBe(300);
    expect(await cells.countDocuments({ note: 'said \\"present\\"' })).toBe(0);
  });

  it('finds exactly the documents of a list of ids, quoted ones and near misses among them', async () => {
    const cells = scratch.connection.db!.collection<{ _id: string }>('cells');
    const ids = [cellId('RUN-2027-003', 'S03', 'T-123'), 'back\\slash "and" quotes', cellId('RUN-2027-003', 'S03', 'T-124'), cellId('RUN-2027-000', 'S00', 'T-0')];
    const found = await cells.find({ _id: { $in: ids } }).toArray();
    expect(found.map((cell) => cell._id).sort()).toEqual([ids[0], ids[1], ids[3]].sort());
  });

  it('matches a list of strings on any field, arrays that hold one included', async () => {
    const cells = scratch.connection.db!.collection('cells');
    expect(await cells.countDocuments({ runId: { $in: ['RUN-2027-001', 'RUN-X', 'RUN-NONE'] } })).toBe(101);
    expect(await cells.countDocuments({ note: { $in: ['other', 'nothing'] } })).toBe(1);
    expect(await cells.countDocuments({ note: { $in: ['said "present"'] } })).toBe(302);
  });

  /** The server's plan for the filter reads the id index, and never the whole collection. */
  async function expectIdIndexServes(filter: object): Promise<void> {
    const db = scratch.connection.db!;
    const explained = await db.command({ explain: { find: 'cells', filter }, verbosity: 'queryPlanner' });
    const plan = JSON.stringify(explained.queryPlanner);
    const info = await db.admin().command({ buildInfo: 1 });
    if (typeof info.ferretdbVersion === 'string') {
      expect(plan).toMatch(/SEARCH \S+ USING INDEX \S+__id_/);
      expect(plan).not.toMatch(/SCAN/);
    } else {
      expect(plan).toMatch(/IDHACK|EXPRESS_IXSCAN|IXSCAN/);
    }
  }

  it('answers an id lookup from the id index, not by reading the collection', async () => {
    await expectIdIndexServes({ _id: cellId('RUN-2027-001', 'S01', 'T-1') });
  });

  it('answers a lookup of a list of ids from the id index, not by reading the collection', async () => {
    const ids = Array.from({ length: 1_000 }, (_, index) => cellId(`RUN-2027-00${index % 6}`, `S${String(index % 20).padStart(2, '0')}`, `T-${index}`));
    await expectIdIndexServes({ _id: { $in: ids } });
    expect(await scratch.connection.db!.collection('cells').countDocuments({ _id: { $in: ids as never[] } })).toBe(600);
  });
});
