import { enrolmentContract } from '@training-ledger/contracts';
import { globalPosition, type RecordedEvent } from '@training-ledger/event-store';
import { mapperForContract } from './contract-mapper';
import { contractViolation } from './integration-consumers';

const metadata = {
  correlationId: 'c-1',
  causationId: null,
  actor: { id: 'hr-system', roles: ['agency-integration'], agencyId: 'BNV' },
  occurredAt: '2027-02-01T08:00:00.000Z',
  recordedAt: '2027-02-01T08:00:00.120Z',
};

function recorded(type: string, data: unknown): RecordedEvent {
  return {
    eventId: '3f0e1a52-8d7e-4a51-9e4b-2f1c0b7a9d10',
    type,
    data,
    metadata,
    streamName: 'trainee-T1',
    streamPosition: 0n,
    globalPosition: globalPosition(5n, 1n),
  };
}

const traineeRegistered = {
  traineeId: 'T1',
  agencyId: 'BNV',
  targetGroup: 'regular',
  rank: 'specialist',
  leadership: false,
  sector: null,
};

describe('publishing what the contract names', () => {
  const publish = mapperForContract(enrolmentContract);

  it('strips fields the contract does not list, personal data among them', () => {
    const draft = publish(
      recorded('TraineeRegistered.v1', { ...traineeRegistered, fullName: 'Nguyễn Văn A', dateOfBirth: '1990-01-01' }),
    );
    expect(draft).toEqual({ type: 'TraineeRegistered.v1', data: traineeRegistered });
  });

  it('keeps event types the contract does not name inside the service', () => {
    expect(publish(recorded('TraineePersonalDataRecorded.v1', { fullName: 'Nguyễn Văn A' }))).toBeNull();
  });

  it('refuses to publish an event that breaks its contract', () => {
    expect(() => publish(recorded('TraineeRegistered.v1', { ...traineeRegistered, rank: 'minister' }))).toThrow();
  });
});

describe('checking consumed messages against the sender’s contract', () => {
  const message = (type: string, data: unknown) =>
    ({
      eventId: '3f0e1a52-8d7e-4a51-9e4b-2f1c0b7a9d10',
      type,
      data,
      metadata,
      source: { service: 'enrolment', streamName: 'trainee-T1', streamPosition: 0n, globalPosition: globalPosition(5n, 1n) },
      key: 'trainee-T1',
      trace: null,
      headers: {},
    }) as const;

  it('accepts a message that matches', () => {
    expect(contractViolation(message('TraineeRegistered.v1', traineeRegistered))).toBeNull();
  });

  it('names the field that does not match', () => {
    expect(contractViolation(message('TraineeRegistered.v1', { ...traineeRegistered, targetGroup: 'everyone' }))).toMatch(
      /^TraineeRegistered\.v1: targetGroup /,
    );
  });
});
