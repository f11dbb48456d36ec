import { given, type MessageMetadata } from '@training-ledger/decider';
import { holderErasureDecider, holderErasureStreamName, type NoteHolderErasure } from './holder-erasure.decider';

const metadata: MessageMetadata = {
  correlationId: 'c-erase',
  causationId: 'e-1',
  actor: { id: 'enrolment', roles: [] },
  occurredAt: '2028-02-01T03:00:00.000Z',
};
const noted = (sourceEventId: string): NoteHolderErasure => ({ type: 'NoteHolderErasure', data: { traineeId: 'T-0001', sourceEventId }, metadata });

describe('a holder’s erasure in certification', () => {
  it('is recorded once, naming the event from enrolment that caused it', () => {
    expect(given(holderErasureDecider).when(noted('e-1'))).toEqual({
      events: [{ type: 'HolderPersonalDataErased.v1', data: { traineeId: 'T-0001', sourceEventId: 'e-1' }, metadata }],
    });
  });

  it('records nothing when the erasure is heard again', () => {
    const history = [{ type: 'HolderPersonalDataErased.v1' as const, data: { traineeId: 'T-0001', sourceEventId: 'e-1' }, metadata }];
    expect(given(holderErasureDecider, history).when(noted('e-2'))).toEqual({ events: [] });
  });

  it('keeps each trainee in a stream of their own', () => {
    expect(holderErasureStreamName('T-0001')).toBe('certificate-holder-T-0001');
  });
});
