import { randomUUID } from 'node:crypto';
import { checkIntegrationMessage } from './registry';

function envelope(type: string, data: unknown) {
  return {
    eventId: randomUUID(),
    type,
    data,
    metadata: {
      correlationId: 'corr-1',
      causationId: null,
      actor: { id: 'mofa-office', roles: ['programme-admin'], agencyId: null },
      occurredAt: '2027-03-01T08:00:00.000Z',
      recordedAt: '2027-03-01T08:00:01.000Z',
    },
    source: { service: 'enrolment', streamName: 'agency-BNG', streamPosition: '0', globalPosition: '1' },
  };
}

const agencyRegistered = {
  agencyId: 'BNG',
  code: 'BNG',
  nameVi: 'Bộ Ngoại giao',
  nameEn: 'Ministry of Foreign Affairs',
  kind: 'ministry',
  parentAgencyId: null,
};

describe('checkIntegrationMessage', () => {
  it('accepts an event that matches its topic contract', () => {
    const result = checkIntegrationMessage('enrolment.events.v1', envelope('AgencyRegistered.v1', agencyRegistered));
    expect(result).toMatchObject({ ok: true, envelope: { type: 'AgencyRegistered.v1', data: agencyRegistered } });
  });

  it('names the field that breaks the schema', () => {
    const result = checkIntegrationMessage(
      'enrolment.events.v1',
      envelope('AgencyRegistered.v1', { ...agencyRegistered, kind: 'club' }),
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/^AgencyRegistered\.v1: kind /);
  });

  it('refuses a type that the topic does not publish', () => {
    const result = checkIntegrationMessage('enrolment.events.v1', envelope('CertificateIssued.v1', {}));
    expect(result).toEqual({ ok: false, reason: 'type CertificateIssued.v1 is not part of enrolment.events.v1' });
  });

  it('refuses an unversioned type name', () => {
    const result = checkIntegrationMessage('enrolment.events.v1', envelope('AgencyRegistered', agencyRegistered));
    expect(!result.ok && result.reason).toMatch(/^envelope: type must be a versioned type name/);
  });

  it('refuses a topic without a contract', () => {
    const result = checkIntegrationMessage('unknown.events.v1', envelope('AgencyRegistered.v1', agencyRegistered));
    expect(result).toEqual({ ok: false, reason: 'no contract for topic unknown.events.v1' });
  });
});
