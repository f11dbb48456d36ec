import { appliedPositionPath, guardedUpdate, guardFilter, mergeUpdates, planWrites } from './guard';
import type { ProjectableEvent } from './projectable-event';
import { defineProjection, markDeleted, ProjectionDefinitionError, ProjectionHandlerError, upsert } from './projection';

function event(type: string, data: unknown, streamName: string, streamPosition: bigint): ProjectableEvent {
  return {
    eventId: `${streamName}@${streamPosition}`,
    type,
    data,
    metadata: {
      correlationId: 'c-1',
      causationId: null,
      actor: { id: 'u-1', roles: [] },
      occurredAt: '2026-06-01T00:00:00.000Z',
      recordedAt: '2026-06-01T00:00:00.000Z',
    },
    source: { service: 'registry', streamName, streamPosition },
    feedPosition: { kind: 'kafka', topic: 'registry.events.v1', partition: 0, offset: streamPosition },
  };
}

interface Events {
  'AgencyRegistered.v1': { agencyId: string; name: string; province: string };
  'TraineeRegistered.v1': { traineeId: string; agencyId: string };
  'AgencyClosed.v1': { agencyId: string };
}

const directory = defineProjection<Events>({
  name: 'agency-directory',
  version: 1,
  collection: 'agencies',
  handlers: {
    'AgencyRegistered.v1': (e) => [upsert(e.data.agencyId, { $set: { name: e.data.name, province: e.data.province } })],
    'TraineeRegistered.v1': (e) => [
      upsert(e.data.agencyId, { $inc: { trainees: 1 } }),
      upsert(e.data.agencyId, { $inc: { trainees: 1 }, $addToSet: { traineeIds: e.data.traineeId } }),
      upsert(`province-${e.data.agencyId}`, { $inc: { trainees: 1 } }),
    ],
    'AgencyClosed.v1': (e) => [markDeleted(e.data.agencyId)],
  },
});

describe('guardFilter', () => {
  it('matches the document only while the stored position is absent or lower', () => {
    expect(guardFilter('a-1', '_v.registry/agency-1', '00000000000000000007')).toEqual({
      _id: 'a-1',
      '_v.registry/agency-1': { $not: { $gte: '00000000000000000007' } },
    });
  });
});

describe('guardedUpdate', () => {
  it('records the applied position beside the handler fields and drops empty operators', () => {
    expect(guardedUpdate({ $set: { name: 'Bộ Ngoại giao' }, $inc: {} }, '_v.k', '00000000000000000003')).toEqual({
      $set: { name: 'Bộ Ngoại giao', '_v.k': '00000000000000000003' },
    });
    expect(guardedUpdate({ $inc: { n: 1 } }, '_v.k', '00000000000000000003')).toEqual({
      $inc: { n: 1 },
      $set: { '_v.k': '00000000000000000003' },
    });
  });
});

describe('appliedPositionPath', () => {
  it('encodes the stream name into one field under _v', () => {
    expect(appliedPositionPath(event('X', {}, 'agency.hn$1', 0n))).toBe('_v.registry/agency%2Ehn%241');
  });
});

describe('mergeUpdates', () => {
  it('adds increments and unions disjoint fields', () => {
    expect(mergeUpdates({ $inc: { n: 1 }, $set: { a: 1 } }, { $inc: { n: 2, m: 1 }, $set: { b: 2 } }, 'x')).toEqual({
      $inc: { n: 3, m: 1 },
      $set: { a: 1, b: 2 },
    });
  });

  it('refuses two values for one field', () => {
    expect(() => mergeUpdates({ $set: { a: 1 } }, { $set: { a: 2 } }, 'x')).toThrow(ProjectionDefinitionError);
  });
});

describe('planWrites', () => {
  it('merges one event’s operations per document and orders each document’s writes into waves', () => {
    const plan = planWrites(directory, [
      event('AgencyRegistered.v1', { agencyId: 'a-1', name: 'Sở Ngoại vụ Hà Nội', province: 'HN' }, 'agency-a-1', 0n),
      event('TraineeRegistered.v1', { traineeId: 't-1', agencyId: 'a-1' }, 'trainee-t-1', 0n),
      event('Unrelated.v1', {}, 'other-1', 0n),
      event('AgencyRegistered.v1', { agencyId: 'a-2', name: 'Bộ Tư pháp', province: 'HN' }, 'agency-a-2', 0n),
    ]);
    expect(plan.writeCount).toBe(4);
    expect(plan.waves.map((wave) => wave.map((write) => write.id))).toEqual([['a-1', 'province-a-1', 'a-2'], ['a-1']]);
    expect(plan.waves[1][0].update).toEqual({
      $inc: { trainees: 2 },
      $addToSet: { traineeIds: 't-1' },
      $set: { '_v.registry/trainee-t-1': '00000000000000000000' },
    });
  });

  it('marks deletion with a flag rather than removing the document', () => {
    const plan = planWrites(directory, [event('AgencyClosed.v1', { agencyId: 'a-1' }, 'agency-a-1', 4n)]);
    expect(plan.waves[0][0].update).toEqual({ $set: { _deleted: true, '_v.registry/agency-a-1': '00000000000000000004' } });
  });

  it('reports a throwing handler with the event that made it throw', () => {
    const broken = defineProjection({
      name: 'broken',
      version: 1,
      collection: 'broken',
      handlers: {
        'Boom.v1': () => {
          throw new Error('no agency id');
        },
      },
    });
    expect(() => planWrites(broken, [event('Boom.v1', {}, 's-1', 3n)])).toThrow(ProjectionHandlerError);
    expect(() => planWrites(broken, [event('Boom.v1', {}, 's-1', 3n)])).toThrow(/Boom\.v1 s-1@3 \(registry\/s-1@3\)/);
  });
});

describe('defineProjection', () => {
  it('refuses handlers that write the fields the projector manages', () => {
    const sneaky = defineProjection({
      name: 'sneaky',
      version: 1,
      collection: 'sneaky',
      handlers: { 'X.v1': () => [upsert('d-1', { $set: { '_v.other': '1' } })] },
    });
    expect(() => sneaky.operationsFor(event('X.v1', {}, 's', 0n))).toThrow(/managed by the projector/);
  });

  it.each([
    ['', /Invalid field path ""/],
    ['$where', /Invalid field path/],
    ['.a', /Invalid field path/],
    ['a.', /Invalid field path/],
    ['a..b', /Invalid field path/],
    ['_id', /Field _id is managed/],
    ['_v', /Field _v is managed/],
    ['_id.inner', /Field _id is managed/],
  ])('refuses the field path %j', (path, refusal) => {
    const projection = defineProjection({ name: 'paths', version: 1, collection: 'paths', handlers: { 'X.v1': () => [upsert('d-1', { $set: { [path]: 1 } })] } });
    expect(() => projection.operationsFor(event('X.v1', {}, 's', 0n))).toThrow(refusal);
  });

  it('accepts field paths that only begin like the managed ones', () => {
    const projection = defineProjection({
      name: 'paths',
      version: 1,
      collection: 'paths',
      handlers: { 'X.v1': () => [upsert('d-1', { $set: { _idea: 1, '_vote.count': 2, 'a.b.c': 3 } })] },
    });
    expect(projection.operationsFor(event('X.v1', {}, 's', 0n))).toHaveLength(1);
  });

  it('refuses unsupported operators and empty updates', () => {
    const odd = defineProjection({
      name: 'odd',
      version: 1,
      collection: 'odd',
      handlers: {
        'Rename.v1': () => [{ kind: 'upsert', id: 'd-1', update: { $rename: { a: 'b' } } as never }],
        'Empty.v1': () => [upsert('d-1', {})],
      },
    });
    expect(() => odd.operationsFor(event('Rename.v1', {}, 's', 0n))).toThrow(/\$rename is not supported/);
    expect(() => odd.operationsFor(event('Empty.v1', {}, 's', 0n))).toThrow(/no update operator/);
  });

  it('validates names and version', () => {
    const base = { name: 'ok', version: 1, collection: 'ok', handlers: {} };
    expect(() => defineProjection({ ...base, name: 'has space' })).toThrow(ProjectionDefinitionError);
    expect(() => defineProjection({ ...base, collection: 'a.b' })).toThrow(ProjectionDefinitionError);
    expect(() => defineProjection({ ...base, version: 0 })).toThrow(ProjectionDefinitionError);
    expect(defineProjection(base).eventTypes).toEqual([]);
  });

  it('lists the event types it handles', () => {
    expect(directory.eventTypes).toEqual(['AgencyRegistered.v1', 'TraineeRegistered.v1', 'AgencyClosed.v1']);
  });
});
