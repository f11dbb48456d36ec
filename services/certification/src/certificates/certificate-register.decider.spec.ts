import { given, type MessageMetadata } from '@training-ledger/decider';
import { sealPersonalData } from '@training-ledger/service-runtime';
import { randomBytes } from 'node:crypto';
import {
  certificateRegisterDecider,
  type CertificateRegisterCommand,
  type CertificateRegisterEvent,
  type IssueBasis,
  type IssueCertificate,
} from './certificate-register.decider';

const metadata: MessageMetadata = {
  correlationId: 'c-1',
  causationId: null,
  actor: { id: 'certifier-mofa-1', roles: ['certifier'] },
  occurredAt: '2027-03-22T02:00:00.000Z',
};

const basis = (traineeId: string, overrides: Partial<IssueBasis> = {}): IssueBasis => ({
  runId: 'run-1',
  traineeId,
  agencyId: 'BTC',
  targetGroup: 'regular',
  rank: 'specialist',
  leadership: false,
  courseId: 'KN-DP-01',
  courseCode: 'KN-DP-01',
  courseTitleVi: 'Kỹ năng đàm phán quốc tế',
  courseTitleEn: 'International negotiation skills',
  level: 'universal',
  trainingGroup: 'skills-and-style',
  format: 'in-person',
  runStartDate: '2027-03-15',
  runEndDate: '2027-03-19',
  eligible: true,
  reasons: [],
  attendanceShare: '0.9000',
  assessmentPassed: null,
  ruleVersion: 2,
  ...overrides,
});

const sealedName = (traineeId: string) =>
  sealPersonalData({ keyId: `key-${traineeId}`, secret: randomBytes(32) }, traineeId, 'Nguyễn Thị Hồng Nhung');

const issue = (traineeId: string, overrides: Partial<IssueCertificate['data']> = {}): IssueCertificate => ({
  type: 'IssueCertificate',
  data: {
    year: 2027,
    certificateId: `cert-${traineeId}`,
    verificationCode: `CODE-${traineeId}`,
    issuedOn: '2027-03-22',
    issuedBy: 'certifier-mofa-1',
    holderName: 'Nguyễn Thị Hồng Nhung',
    sealedHolderName: sealedName(traineeId),
    basis: basis(traineeId),
    heldInAnotherYear: null,
    ...overrides,
  },
  metadata,
});

function historyOf(commands: readonly CertificateRegisterCommand[]): CertificateRegisterEvent[] {
  const history: CertificateRegisterEvent[] = [];
  let state = certificateRegisterDecider.initialState();
  for (const command of commands) {
    for (const event of certificateRegisterDecider.decide(command, state)) {
      history.push(event);
      state = certificateRegisterDecider.evolve(state, event);
    }
  }
  return history;
}

const revoke = (traineeId: string, reason = 'attendance was misreported'): CertificateRegisterCommand => ({
  type: 'RevokeCertificate',
  data: { certificateId: `cert-${traineeId}`, revokedOn: '2027-04-02', revokedBy: 'certifier-mofa-1', reason, category: 'attendance-misreported' },
  metadata,
});

describe('the certificate register of a year (sổ cấp chứng nhận)', () => {
  it('numbers certificates in the order issued, without gaps: 2027/000001, 2027/000002', () => {
    const history = historyOf([issue('t-1')]);
    const outcome = given(certificateRegisterDecider, history).when(issue('t-2'));
    expect(outcome).toMatchObject({
      events: [{ type: 'CertificateIssued.v1', data: { certificateNumber: '2027/000002', statusListIndex: 1, traineeId: 't-2' } }],
    });
    expect(history[0]).toMatchObject({ data: { certificateNumber: '2027/000001', statusListIndex: 0 } });
  });

  it('records the basis, the agency at issue, the course and the issuing officer', () => {
    expect(given(certificateRegisterDecider).when(issue('t-1'))).toMatchObject({
      events: [
        {
          data: {
            agencyId: 'BTC',
            targetGroup: 'regular',
            rank: 'specialist',
            level: 'universal',
            trainingGroup: 'skills-and-style',
            format: 'in-person',
            runStartDate: '2027-03-15',
            runEndDate: '2027-03-19',
            issuedBy: 'certifier-mofa-1',
            sealedHolderName: { keyId: 'key-t-1' },
            basis: { attendanceShare: '0.9000', assessmentPassed: null, ruleVersion: 2 },
          },
        },
      ],
    });
  });

  it('refuses to certify a trainee who did not complete the run, naming why', () => {
    const ineligible = issue('t-1', { basis: basis('t-1', { eligible: false, reasons: ['attended 7 of 10 sessions (0.7000), below the required 0.8000'] }) });
    expect(given(certificateRegisterDecider).when(ineligible)).toEqual({
      violation: { rule: 'trainee-eligible', field: 'traineeId', kind: 'invalid' },
    });
  });

  it('refuses to certify before the run is completed', () => {
    expect(given(certificateRegisterDecider).when(issue('t-1', { basis: null }))).toEqual({
      violation: { rule: 'run-completed', field: 'runId', kind: 'conflict' },
    });
  });

  it('issues once per trainee and run, in this year and across years', () => {
    expect(given(certificateRegisterDecider, historyOf([issue('t-1')])).when(issue('t-1', { certificateId: 'another' }))).toEqual({
      violation: { rule: 'issued-once-per-trainee-and-run', field: 'traineeId', kind: 'conflict' },
    });
    expect(given(certificateRegisterDecider).when(issue('t-1', { heldInAnotherYear: '2026/000041' }))).toEqual({
      violation: { rule: 'issued-once-per-trainee-and-run', field: 'traineeId', kind: 'conflict' },
    });
  });

  it('issues again once the first certificate was revoked', () => {
    const history = historyOf([issue('t-1'), revoke('t-1')]);
    expect(given(certificateRegisterDecider, history).when(issue('t-1', { certificateId: 'cert-t-1-second' }))).toMatchObject({
      events: [{ type: 'CertificateIssued.v1', data: { certificateNumber: '2027/000002' } }],
    });
  });

  it('numbers a certificate in the register of the year it is issued', () => {
    expect(given(certificateRegisterDecider).when(issue('t-1', { issuedOn: '2028-01-03' }))).toEqual({
      violation: { rule: 'numbered-in-year-of-issue', field: 'issuedOn', kind: 'invalid' },
    });
  });

  it('keeps the printed name only sealed under the trainee’s key, never in plain text', () => {
    const outcome = given(certificateRegisterDecider).when(issue('t-1'));
    expect(JSON.stringify(outcome)).not.toContain('Nguyễn');
  });

  it('prints no name of a trainee whose personal data was erased', () => {
    expect(given(certificateRegisterDecider).when(issue('t-1', { sealedHolderName: null }))).toEqual({
      violation: { rule: 'holder-not-erased', field: 'traineeId', kind: 'conflict' },
    });
  });

  it('requires the name to be printed', () => {
    expect(given(certificateRegisterDecider).when(issue('t-1', { holderName: '  ' }))).toEqual({
      violation: { rule: 'holder-name-printed', field: 'holderName', kind: 'invalid' },
    });
  });

  describe('revocation (thu hồi)', () => {
    it('revokes with the reason and who revoked', () => {
      expect(given(certificateRegisterDecider, historyOf([issue('t-1')])).when(revoke('t-1'))).toMatchObject({
        events: [
          {
            type: 'CertificateRevoked.v1',
            data: { certificateId: 'cert-t-1', certificateNumber: '2027/000001', revokedBy: 'certifier-mofa-1', reason: 'attendance was misreported' },
          },
        ],
      });
    });

    it('refuses to revoke a revoked certificate again', () => {
      expect(given(certificateRegisterDecider, historyOf([issue('t-1'), revoke('t-1')])).when(revoke('t-1'))).toEqual({
        violation: { rule: 'revoked-once', field: 'certificateId', kind: 'conflict' },
      });
    });

    it('requires a reason, and a certificate that exists', () => {
      expect(given(certificateRegisterDecider, historyOf([issue('t-1')])).when(revoke('t-1', ' '))).toEqual({
        violation: { rule: 'revocation-states-reason', field: 'reason', kind: 'invalid' },
      });
      expect(given(certificateRegisterDecider).when(revoke('t-9'))).toEqual({
        violation: { rule: 'certificate-must-exist', field: 'certificateId', kind: 'not-found' },
      });
    });
  });

  describe('re-issue (cấp lại)', () => {
    const reissue = (revoked: boolean): CertificateRegisterCommand => ({
      type: 'ReissueCertificate',
      data: { ...issue('t-1', { certificateId: 'cert-t-1-new', holderName: 'Nguyễn Thị Hồng Nhung' }).data, replaces: { certificateId: 'cert-t-1', certificateNumber: '2027/000001', revoked } },
      metadata,
    });

    it('makes a new certificate that references the one it replaces', () => {
      expect(given(certificateRegisterDecider, historyOf([issue('t-1'), revoke('t-1', 'name misprinted')])).when(reissue(true))).toMatchObject({
        events: [{ type: 'CertificateReissued.v1', data: { certificateNumber: '2027/000002', replacesCertificateId: 'cert-t-1', replacesCertificateNumber: '2027/000001' } }],
      });
    });

    it('refuses to replace a certificate that is still valid', () => {
      expect(given(certificateRegisterDecider, historyOf([issue('t-1')])).when(reissue(false))).toEqual({
        violation: { rule: 'replaced-certificate-revoked', field: 'certificateId', kind: 'conflict' },
      });
    });
  });

  describe('review flags', () => {
    const flag = (reasons: string[]): CertificateRegisterCommand => ({
      type: 'FlagCertificateForReview',
      data: { certificateId: 'cert-t-1', reasons },
      metadata,
    });

    it('flags a valid certificate whose holder no longer meets the rule, once for the same reasons', () => {
      const history = historyOf([issue('t-1')]);
      expect(given(certificateRegisterDecider, history).when(flag(['attended 7 of 10 sessions']))).toMatchObject({
        events: [{ type: 'CertificateFlaggedForReview.v1', data: { certificateId: 'cert-t-1', reasons: ['attended 7 of 10 sessions'] } }],
      });
      expect(given(certificateRegisterDecider, historyOf([issue('t-1'), flag(['attended 7 of 10 sessions'])])).when(flag(['attended 7 of 10 sessions']))).toEqual({
        events: [],
      });
    });

    it('does not flag a revoked certificate', () => {
      expect(given(certificateRegisterDecider, historyOf([issue('t-1'), revoke('t-1')])).when(flag(['x']))).toEqual({ events: [] });
    });
  });
});
