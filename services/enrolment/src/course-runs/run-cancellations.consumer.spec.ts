import { globalPosition } from '@training-ledger/event-store';
import type { DecodedIntegrationMessage } from '@training-ledger/messaging';
import { cancellationOfRunNominations, RUN_CANCELLED_REASON } from './run-cancellations.consumer';

function fromCourseDelivery(type: string, data: unknown): DecodedIntegrationMessage {
  return {
    eventId: '6f1c2a9e-3b7d-4e21-9a0c-5d8e7f6a1b02',
    type,
    data,
    metadata: {
      correlationId: 'c0ffee00-0000-4000-8000-000000000777',
      causationId: '0d4b8e2a-7c61-4f3e-8b9a-1e2f3a4b5c6d',
      actor: { id: 'mofa-programme-office', roles: ['programme-admin'], agencyId: null },
      occurredAt: '2027-08-01T02:30:00.000Z',
      recordedAt: '2027-08-01T02:30:00.250Z',
    },
    source: {
      service: 'course-delivery',
      streamName: 'course-run-RUN-2027-NEG-01',
      streamPosition: 4n,
      globalPosition: globalPosition(12n, 3n),
    },
    key: 'course-run-RUN-2027-NEG-01',
    trace: null,
    headers: {},
  };
}

describe('A run cancelled by course-delivery (lớp bị hủy)', () => {
  it('cancels the nominations of that run, caused by the integration event, in its correlation, as of its time', () => {
    const message = fromCourseDelivery('CourseRunCancelled.v1', { runId: 'RUN-2027-NEG-01' });
    expect(cancellationOfRunNominations(message)).toEqual({
      streamName: 'run-nominations-RUN-2027-NEG-01',
      commandId: '6f1c2a9e-3b7d-4e21-9a0c-5d8e7f6a1b02',
      command: {
        type: 'CancelRunNominations',
        data: { runId: 'RUN-2027-NEG-01', reason: RUN_CANCELLED_REASON },
        metadata: {
          correlationId: 'c0ffee00-0000-4000-8000-000000000777',
          actor: { id: 'course-delivery', roles: [], agencyId: null },
          occurredAt: '2027-08-01T02:30:00.000Z',
        },
      },
    });
  });

  it.each([
    ['CourseRunRescheduled.v1', { runId: 'RUN-2027-NEG-01', startDate: '2027-06-07', endDate: '2027-06-11', nominationDeadline: '2027-05-20', capacity: 30, agencyQuotas: [] }],
    ['CourseRunStarted.v1', { runId: 'RUN-2027-NEG-01', startedOn: '2027-05-10' }],
    ['SessionCancelled.v1', { runId: 'RUN-2027-NEG-01', sessionId: 'S2', reason: 'Lecturer ill' }],
  ])('leaves the nominations alone on %s', (type, data) => {
    expect(cancellationOfRunNominations(fromCourseDelivery(type, data))).toBeNull();
  });

  it('refuses a cancellation that breaks the course-delivery contract rather than guess its run', () => {
    expect(() => cancellationOfRunNominations(fromCourseDelivery('CourseRunCancelled.v1', { reason: 'No run named' }))).toThrow(
      /runId/,
    );
  });
});
