import { certificationContract } from '@training-ledger/contracts';
import type { RecordedEvent } from '@training-ledger/event-store';
import { sealPersonalData } from '@training-ledger/service-runtime';
import { publicationsBeforeAndAfter } from '@training-ledger/service-runtime/testing';
import { randomBytes } from 'node:crypto';
import { certificateRegisterDecider, type CertificateRegisterCommand, type CertificateRegisterEvent } from './certificates/certificate-register.decider';
import { certificationPublishedEvents, type CertificationDomainEvent } from './published-events';

const metadata = { correlationId: 'c-1', actor: { id: 'certifier-mofa-1', roles: ['certifier'] }, occurredAt: '2027-03-22T02:00:00.000Z' };
const basis = {
  runId: 'run-1', traineeId: 't-1', agencyId: 'BTC', targetGroup: 'non-regular' as const, rank: 'division-level' as const, leadership: true,
  courseId: 'KN-DP-01', courseCode: 'KN-DP-01', courseTitleVi: 'Kỹ năng đàm phán quốc tế', courseTitleEn: 'International negotiation skills',
  level: 'advanced' as const, trainingGroup: 'skills-and-style' as const, format: 'online' as const, runStartDate: '2027-03-15', runEndDate: '2027-03-19',
  eligible: true, reasons: [], attendanceShare: '0.9000', assessmentPassed: true, ruleVersion: 3,
};
const sealedHolderName = sealPersonalData({ keyId: 'key-t-1', secret: randomBytes(32) }, 't-1', 'Nguyễn Thị Hồng Nhung');
const commands: CertificateRegisterCommand[] = [
  { type: 'IssueCertificate', data: { year: 2027, certificateId: '2027-c1', verificationCode: 'ABCDEFGHJK', issuedOn: '2027-03-22', issuedBy: 'certifier-mofa-1', holderName: 'Nguyễn Thị Hồng Nhung', sealedHolderName, basis, heldInAnotherYear: null }, metadata },
  { type: 'FlagCertificateForReview', data: { certificateId: '2027-c1', reasons: ['attended 7 of 10 sessions'] }, metadata },
  { type: 'RevokeCertificate', data: { certificateId: '2027-c1', revokedOn: '2027-04-01', revokedBy: 'certifier-mofa-1', reason: 'attendance misreported', category: 'attendance-misreported' }, metadata },
  { type: 'ReissueCertificate', data: { year: 2027, certificateId: '2027-c2', verificationCode: 'MNPQRSTVWX', issuedOn: '2027-04-02', issuedBy: 'certifier-mofa-1', holderName: 'Nguyễn Thị Hồng Nhung', sealedHolderName, basis, heldInAnotherYear: null, replaces: { certificateId: '2027-c1', certificateNumber: '2027/000001', revoked: true } }, metadata },
];

const events: CertificateRegisterEvent[] = [];
let state = certificateRegisterDecider.initialState();
for (const command of commands) {
  for (const event of certificateRegisterDecider.decide(command, state)) {
    events.push(event);
    state = certificateRegisterDecider.evolve(state, event);
  }
}
const publish = certificationPublishedEvents;
const published = events.map((event) => publish({ type: event.type, data: event.data } as unknown as RecordedEvent));

describe('what certification publishes on certification.events.v1', () => {
  it('publishes every certificate event in the shape of its contract', () => {
    expect(published.map((event) => event?.type)).toEqual([
      'CertificateIssued.v1',
      'CertificateFlaggedForReview.v1',
      'CertificateRevoked.v1',
      'CertificateReissued.v1',
    ]);
  });

  it('carries on an issued certificate all that reporting counts, so that it never joins', () => {
    expect(published[0]?.data).toMatchObject({
      agencyId: 'BTC', targetGroup: 'non-regular', rank: 'division-level', leadership: true, level: 'advanced',
      trainingGroup: 'skills-and-style', format: 'online', issuedOn: '2027-03-22', certificateNumber: '2027/000001',
      basis: { attendanceShare: '0.9000', assessmentPassed: true, ruleVersion: 3 },
    });
    expect(published[3]?.data).toMatchObject({ replacesCertificateId: '2027-c1', certificateNumber: '2027/000002' });
  });

  it('never publishes the printed name or the verification code', () => {
    const text = JSON.stringify(published);
    expect(text).not.toContain('Nguyễn');
    expect(text).not.toContain('ABCDEFGHJK');
    expect(text).not.toContain('holderName');
    expect(text).not.toContain(sealedHolderName.keyId);
  });

  it('never publishes the certifier’s own words on a revocation, only its kind', () => {
    expect(JSON.stringify(published)).not.toContain('attendance misreported');
    expect(published[2]?.data).toMatchObject({ category: 'attendance-misreported' });
  });
});

const completionEvents: CertificationDomainEvent[] = [
  {
    type: 'RunEvidenceNoted.v1',
    data: { runId: 'run-1', items: [{ sourceEventId: 'e-1', evidence: { kind: 'assessment', traineeId: 't-1', passed: true } }] },
    metadata,
  },
  {
    type: 'CompletionAssessed.v1',
    data: {
      runId: 'run-1', traineeId: 't-1', agencyId: 'BTC', sessionsHeld: 10, sessionsAttended: 7, attendanceShare: '0.7000',
      assessmentPassed: true, ruleVersion: 3, eligible: false, reasons: ['attended 7 of 10 sessions'],
    },
    metadata,
  },
  { type: 'HolderPersonalDataErased.v1', data: { traineeId: 't-1', sourceEventId: 'e-2' }, metadata },
];

describe('certification’s gateway, against publishing by the contract’s names', () => {
  it('publishes every shape of every event the log may hold in the bytes the contract’s names published', () => {
    const { before, after, publishedTypes, setAside } = publicationsBeforeAndAfter(certificationContract, certificationPublishedEvents, [...events, ...completionEvents]);
    expect(after).toEqual(before);
    expect(publishedTypes).toEqual(new Set(Object.keys(certificationContract.schemas)));
    expect(setAside).toBeGreaterThan(0);
  });
});
