import { courseDeliveryContract } from '@training-ledger/contracts';
import type { EventStore, EventToAppend, GlobalPosition, RecordedEvent } from '@training-ledger/event-store';
import { ProblemException } from '@training-ledger/platform';
import { ContractGuardedEventStore } from './contract-guard';
import { mapperForContract } from './contract-mapper';
import { canonicalInstantRepair } from './instant-repair';

const metadata = { correlationId: 'c-1', actor: { id: 'HVNG-system', roles: ['institution-integration'] }, occurredAt: '2027-05-15T11:00:00.000Z' };
const mark = {
  runId: 'RUN-1',
  sessionId: 'S1',
  traineeId: 'T-1',
  status: 'present',
  observedAt: '2027-05-15T08:05:00+07:00',
  recordId: 'R-1',
  postedBy: 'HVNG-system',
};

function guarded(): { store: EventStore; appended: EventToAppend[] } {
  const appended: EventToAppend[] = [];
  const inner = {
    appendToStream: async (_stream: string, events: readonly EventToAppend[]) => {
      appended.push(...events);
      return { nextExpectedVersion: 0n, lastGlobalPosition: '1' as GlobalPosition, written: true };
    },
  } as unknown as EventStore;
  return { store: new ContractGuardedEventStore(inner, mapperForContract(courseDeliveryContract)), appended };
}

async function refusal(append: Promise<unknown>): Promise<ProblemException> {
  const error = await append.then(() => null, (caught: unknown) => caught);
  if (!(error instanceof ProblemException)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

describe('ContractGuardedEventStore', () => {
  it('appends what its contract can carry, and private events whatever their shape', async () => {
    const { store, appended } = guarded();
    await store.appendToStream('attendance-RUN-1', [
      { type: 'AttendanceRecorded.v1', data: mark, metadata },
      { type: 'SomethingPrivate.v1', data: { anything: Number.NaN }, metadata },
    ], { expectedVersion: 'any' });
    expect(appended).toHaveLength(2);
  });

  it('refuses the whole append with 422 naming every field the contract refuses, and writes nothing', async () => {
    const { store, appended } = guarded();
    const problem = await refusal(
      store.appendToStream('attendance-RUN-1', [
        { type: 'AttendanceRecorded.v1', data: mark, metadata },
        { type: 'AttendanceRecorded.v1', data: { ...mark, observedAt: '2027-05-15T08:05+07:00', recordId: '' }, metadata },
      ], { expectedVersion: 'any' }),
    );
    expect(appended).toEqual([]);
    expect(problem.getStatus()).toBe(422);
    expect(problem.problem.errors?.map((error) => error.field)).toEqual(['observedAt', 'recordId']);
    expect(problem.problem.errors?.[0]?.reason).toContain('(AttendanceRecorded.v1 as published)');
  });

  it('refuses what the envelope cannot carry: an actor or a stream name longer than an identifier', async () => {
    const { store } = guarded();
    const problem = await refusal(
      store.appendToStream(`attendance-${'R'.repeat(130)}`, [
        { type: 'AttendanceRecorded.v1', data: mark, metadata: { ...metadata, actor: { id: 'a'.repeat(129), roles: [] } } },
      ], { expectedVersion: 'any' }),
    );
    expect(problem.problem.errors?.map((error) => error.field)).toEqual(['metadata.actor.id', 'streamName']);
  });
});

describe('canonicalInstantRepair', () => {
  const recorded = (data: unknown, occurredAt = '2027-05-15T11:00:00.000Z'): RecordedEvent => ({
    eventId: '00000000-0000-4000-8000-000000000001',
    type: 'AttendanceRecorded.v1',
    data,
    metadata: { ...metadata, occurredAt, causationId: null, recordedAt: '2027-05-15T11:00:01.000Z' },
    streamName: 'attendance-RUN-1',
    streamPosition: 0n,
    globalPosition: '1' as GlobalPosition,
  });
  const repair = canonicalInstantRepair({ 'AttendanceRecorded.v1': ['observedAt'] });

  it('reads a time stored without seconds in its canonical form', () => {
    const repaired = repair(recorded({ ...mark, observedAt: '2027-05-15T08:05+07:00' }, '2027-05-15T11:00Z'));
    expect(repaired.data).toEqual({ ...mark, observedAt: '2027-05-15T08:05:00+07:00' });
    expect(repaired.metadata.occurredAt).toBe('2027-05-15T11:00:00Z');
  });

  it('hands back the very event when the contract already accepts it, so published events read as stored', () => {
    const sound = recorded({ ...mark, observedAt: '2027-05-15T08:05:00.000000+07:00' });
    expect(repair(sound)).toBe(sound);
  });

  it('leaves what it cannot read for the relay to set aside', () => {
    const impossible = recorded({ ...mark, observedAt: '2027-02-31T08:05+07:00' });
    expect(repair(impossible)).toBe(impossible);
  });
});
