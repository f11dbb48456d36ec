import { defineTopicContract, logSealSchemas } from '@training-ledger/contracts';
import type { DomainEvent } from '@training-ledger/decider';
import { publicationOf } from '@training-ledger/messaging';
import { z } from 'zod';
import { publishedEvents } from './published-events';
import { recordedAt } from './testing/published-events.fixture';

/** A private event reshaped since the contract was written: it names the trainee's agency `unit`. */
type Nominated = DomainEvent<'Nominated.v2', { nominationId: string; unit: string; note: string }>;
type NoteTaken = DomainEvent<'NoteTaken.v1', { note: string }>;

const contract = defineTopicContract('sample', {
  ...logSealSchemas,
  'TraineeNominated.v1': z.object({ nominationId: z.string().min(1), agencyId: z.string().min(1) }),
});

const publish = publishedEvents<Nominated | NoteTaken, typeof contract>(contract, {
  'Nominated.v2': (data) => ({ type: 'TraineeNominated.v1', data: { nominationId: data.nominationId, agencyId: data.unit } }),
  'NoteTaken.v1': 'private',
});

const seal = {
  service: 'sample',
  sequence: 1,
  fromPosition: null,
  throughPosition: '0000000000000001:0000000000000001',
  eventCount: 1,
  previousChainHash: '0'.repeat(64),
  chainHash: 'f'.repeat(64),
  eventDigests: ['0123456789abcdef'],
};

describe('publishing through a gateway', () => {
  it('publishes a domain event as the integration event its entry makes of it, whatever its own name and shape', () => {
    expect(publish(recordedAt({ type: 'Nominated.v2', data: { nominationId: 'N-1', unit: 'BTP', note: 'Nguyễn Văn A' } }, 0))).toEqual({
      type: 'TraineeNominated.v1',
      data: { nominationId: 'N-1', agencyId: 'BTP' },
    });
  });

  it('keeps private events, and what no decider decides, in the log', () => {
    expect(publish(recordedAt({ type: 'NoteTaken.v1', data: { note: 'call back' } }, 0))).toBeNull();
    expect(publish(recordedAt({ type: 'EventSetAside.v1', data: {} }, 0))).toBeNull();
    expect(publish(recordedAt({ type: 'TraineeNominated.v1', data: { nominationId: 'N-1', agencyId: 'BTP' } }, 0))).toBeNull();
    expect(publish(recordedAt({ type: 'toString', data: {} }, 0))).toBeNull();
  });

  it('names the types its relay reads: the seals and every entry that is not private', () => {
    expect([...publish.publishedTypes].sort()).toEqual(['LogSealed.v1', 'Nominated.v2']);
  });

  it('publishes the seals of the log as the contract shapes them', () => {
    expect(publish(recordedAt({ type: 'LogSealed.v1', data: { ...seal, extra: true } }, 0))).toEqual({ type: 'LogSealed.v1', data: seal });
  });

  it('sets aside an event whose integration event breaks the contract, naming the field', () => {
    const publication = publicationOf('sample', publish, recordedAt({ type: 'Nominated.v2', data: { nominationId: 'N-1', unit: '', note: '' } }, 0));
    expect(publication).toMatchObject({ kind: 'unpublishable', problems: [{ field: 'data.agencyId' }] });
  });

  it('sets aside an event whose data is no object, as the contract would', () => {
    const publication = publicationOf('sample', publish, recordedAt({ type: 'Nominated.v2', data: null }, 0));
    expect(publication).toEqual({ kind: 'unpublishable', problems: [{ field: 'data', reason: expect.stringContaining('expected object') }] });
  });
});
