import { globalPosition } from './global-position';
import type { RecordedEvent } from './port';
import { UpcasterRegistry } from './upcasting';

const recorded = (type: string, data: unknown): RecordedEvent => ({
  eventId: '0b7f3c1e-2d4a-4f7e-9a51-3c2d1e0f4a5b',
  type,
  data,
  metadata: {
    correlationId: 'correlation-1',
    causationId: null,
    actor: { id: 'officer-1', roles: ['programme-office'] },
    occurredAt: '2026-06-01T08:00:00.000Z',
    recordedAt: '2026-06-01T08:00:01.000Z',
  },
  streamName: 'trainee-1',
  streamPosition: 0n,
  globalPosition: globalPosition(1n, 1n),
});

describe('UpcasterRegistry', () => {
  const registry = (): UpcasterRegistry =>
    new UpcasterRegistry()
      .register<{ name: string }, { fullName: string }>('TraineeRegistered.v1', 'TraineeRegistered.v2', (data) => ({
        fullName: data.name,
      }))
      .register<{ fullName: string }, { fullName: string; registeredOn: string }>(
        'TraineeRegistered.v2',
        'TraineeRegistered.v3',
        (data, event) => ({ ...data, registeredOn: event.metadata.occurredAt.slice(0, 10) }),
      );

  it('follows the chain from a retired type to the current one, keeping the envelope', () => {
    const event = recorded('TraineeRegistered.v1', { name: 'Phạm Thị Dung' });
    const upcast = registry().upcast(event);
    expect(upcast).toEqual({
      ...event,
      type: 'TraineeRegistered.v3',
      data: { fullName: 'Phạm Thị Dung', registeredOn: '2026-06-01' },
    });
    expect(event.type).toBe('TraineeRegistered.v1');
  });

  it('starts the chain wherever the stored type joins it, and leaves other types alone', () => {
    const upcasters = registry();
    expect(upcasters.upcast(recorded('TraineeRegistered.v2', { fullName: 'Võ Minh' })).data).toEqual({
      fullName: 'Võ Minh',
      registeredOn: '2026-06-01',
    });
    const unrelated = recorded('CourseScheduled', { courseId: 'c-1' });
    expect(upcasters.upcast(unrelated)).toBe(unrelated);
  });

  it('names the stored types to fetch for the types a reader asks for', () => {
    const upcasters = registry();
    expect(upcasters.storedTypesFor(['TraineeRegistered.v3']).sort()).toEqual([
      'TraineeRegistered.v1',
      'TraineeRegistered.v2',
      'TraineeRegistered.v3',
    ]);
    expect(upcasters.storedTypesFor(['TraineeRegistered.v2', 'CourseScheduled'])).toEqual(['CourseScheduled']);
    expect(upcasters.storedTypesFor(['TraineeRegistered.v1'])).toEqual([]);
  });

  it('refuses a second upcaster for one type and chains that loop', () => {
    const upcasters = registry();
    expect(() => upcasters.register('TraineeRegistered.v1', 'TraineeRegistered.v9', (data) => data)).toThrow(
      /already registered/,
    );
    expect(() => upcasters.register('TraineeRegistered.v3', 'TraineeRegistered.v1', (data) => data)).toThrow(/loop/);
    expect(() => upcasters.register('Same', 'Same', (data) => data)).toThrow(/must change the event type/);
  });

  it('tells which stored types read with their data as stored', () => {
    const upcasters = registry().repair((event) => event, { dataOf: ['CourseScheduled.v1'] });
    expect(upcasters.readsDataAsStored('TraineeRegistered.v1')).toBe(false);
    expect(upcasters.readsDataAsStored('CourseScheduled.v1')).toBe(false);
    expect(upcasters.readsDataAsStored('TraineeRegistered.v3')).toBe(true);
    expect(upcasters.repair((event) => event).readsDataAsStored('TraineeRegistered.v3')).toBe(false);
  });
});
