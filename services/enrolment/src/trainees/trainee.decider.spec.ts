import { fold, given, type MessageMetadata } from '@training-ledger/decider';
import type { PersonalDataEnvelope } from '@training-ledger/service-runtime';
import {
  type ChangeTraineeProfile,
  type RegisterTrainee,
  type TraineeEvent,
  type TraineeRegistration,
  type TransferTrainee,
  traineeDecider,
} from './trainee.decider';

const metadata: MessageMetadata = {
  correlationId: 'c0ffee00-0000-4000-8000-000000000201',
  actor: { id: 'moj-hr-system', roles: ['agency-integration'], agencyId: 'BTP' },
  occurredAt: '2026-09-01T08:00:00.000Z',
};

const specialistAtMinistryOfJustice: TraineeRegistration = {
  traineeId: 'T-0001',
  agencyId: 'BTP',
  targetGroup: 'regular',
  rank: 'specialist',
  leadership: false,
  sector: 'international law',
};

const registered: TraineeEvent = { type: 'TraineeRegistered.v1', data: specialistAtMinistryOfJustice, metadata };

const promotion: ChangeTraineeProfile['data'] = {
  traineeId: 'T-0001',
  actingAgencyId: 'BTP',
  targetGroup: 'regular',
  rank: 'division-level',
  leadership: true,
  sector: 'international law',
  effectiveFrom: '2027-03-01',
};

const promoted: TraineeEvent = {
  type: 'TraineeProfileChanged.v1',
  data: {
    traineeId: 'T-0001',
    agencyId: 'BTP',
    targetGroup: 'regular',
    rank: 'division-level',
    leadership: true,
    sector: 'international law',
    effectiveFrom: '2027-03-01',
  },
  metadata,
};

const transferToMofa: TransferTrainee['data'] = {
  traineeId: 'T-0001',
  actingAgencyId: 'BTP',
  toAgencyId: 'BNG',
  effectiveFrom: '2027-07-01',
};

const transferredToMofa: TraineeEvent = {
  type: 'TraineeTransferred.v1',
  data: { traineeId: 'T-0001', fromAgencyId: 'BTP', toAgencyId: 'BNG', effectiveFrom: '2027-07-01' },
  metadata,
};

const erased: TraineeEvent = {
  type: 'TraineePersonalDataErased.v1',
  data: { traineeId: 'T-0001', reason: 'Request of the data subject under Decree 13/2023/ND-CP' },
  metadata,
};

/** The decider never opens an envelope: opaque placeholders stand for what the vault seals. */
const sealedLan: PersonalDataEnvelope = {
  keyId: '6f1c2b1e-0d5c-4c4e-9a57-3a1f0c7d2b10',
  ciphertext: 'q0Jx3n8VYt1x0mB0c2l0aGVyLXRleHQ=',
  iv: 'AAECAwQFBgcICQoL',
  tag: 'AAECAwQFBgcICQoLDA0ODw==',
  fingerprint: 'fingerprint-of-Nguyen-Thi-Lan-1990-04-12-BTP-004512',
};
const sealedLanAgain: PersonalDataEnvelope = { ...sealedLan, ciphertext: 'cmVzZWFsZWQtd2l0aC1hLW5ldy1pdg==', iv: 'CwoJCAcGBQQDAgEA' };
const sealedCorrection: PersonalDataEnvelope = {
  ...sealedLan,
  ciphertext: 'Y29ycmVjdGVkLW5hbWU=',
  fingerprint: 'fingerprint-of-Nguyen-Thi-Lan-1990-04-21-BTP-004512',
};

const recorded = (envelope: PersonalDataEnvelope): TraineeEvent => ({
  type: 'TraineePersonalDataRecorded.v1',
  data: { traineeId: 'T-0001', ...envelope },
  metadata,
});

const register = (data: RegisterTrainee['data']) => ({ type: 'RegisterTrainee', data, metadata }) as const;
const correct = (personalData: PersonalDataEnvelope, actingAgencyId = 'BTP') =>
  ({ type: 'CorrectTraineePersonalData', data: { traineeId: 'T-0001', actingAgencyId, personalData }, metadata }) as const;
const changeProfile = (data: ChangeTraineeProfile['data']) =>
  ({ type: 'ChangeTraineeProfile', data, metadata }) as const;
const transfer = (data: TransferTrainee['data']) => ({ type: 'TransferTrainee', data, metadata }) as const;
const forget = (reason: string) =>
  ({ type: 'ForgetTraineePersonalData', data: { traineeId: 'T-0001', reason }, metadata }) as const;

describe('Trainee (học viên): registration', () => {
  it('registers a trainee with the facts the programme counts by', () => {
    expect(given(traineeDecider).when(register(specialistAtMinistryOfJustice))).toEqual({ events: [registered] });
  });

  it('records the sealed personal data beside the registration, in the same decision', () => {
    expect(given(traineeDecider).when(register({ ...specialistAtMinistryOfJustice, personalData: sealedLan }))).toEqual({
      events: [registered, recorded(sealedLan)],
    });
  });

  it('records of the sealed personal data nothing but the envelope', () => {
    const leaky = { ...sealedLan, fullName: 'Nguyễn Thị Lan' } as PersonalDataEnvelope;
    expect(given(traineeDecider).when(register({ ...specialistAtMinistryOfJustice, personalData: leaky }))).toEqual({
      events: [registered, recorded(sealedLan)],
    });
  });

  it('records none of the personal data a caller hands along in clear with the registration', () => {
    const withPersonalData = {
      ...specialistAtMinistryOfJustice,
      fullName: 'Nguyễn Thị Lan',
      dateOfBirth: '1990-04-12',
      staffNumber: 'BTP-004512',
    };
    expect(given(traineeDecider).when(register(withPersonalData))).toEqual({ events: [registered] });
  });

  it('treats the same registration sent again as already done, even after later changes', () => {
    expect(given(traineeDecider, [registered, promoted]).when(register(specialistAtMinistryOfJustice))).toEqual({
      events: [],
    });
  });

  it('recognises a resent registration by the fingerprint of its personal data, sealed anew each time', () => {
    const history = [registered, recorded(sealedLan), recorded(sealedCorrection)];
    expect(
      given(traineeDecider, history).when(register({ ...specialistAtMinistryOfJustice, personalData: sealedLanAgain })),
    ).toEqual({ events: [] });
  });

  it('refuses a registration under the same id with other personal data', () => {
    expect(
      given(traineeDecider, [registered, recorded(sealedLan)]).when(
        register({ ...specialistAtMinistryOfJustice, personalData: sealedCorrection }),
      ),
    ).toEqual({ violation: { rule: 'trainee-registered-once', field: 'traineeId', kind: 'conflict' } });
  });

  it('refuses a second, different registration under the same id', () => {
    const different = { ...specialistAtMinistryOfJustice, targetGroup: 'non-regular' as const };
    expect(given(traineeDecider, [registered]).when(register(different))).toEqual({
      violation: { rule: 'trainee-registered-once', field: 'traineeId', kind: 'conflict' },
    });
  });
});

describe('Trainee (học viên): changes of rank, target group, leadership and sector', () => {
  it('records a change of profile under the agency the trainee belongs to', () => {
    expect(given(traineeDecider, [registered]).when(changeProfile(promotion))).toEqual({ events: [promoted] });
  });

  it('records nothing when the profile stays as it is', () => {
    expect(given(traineeDecider, [registered, promoted]).when(changeProfile(promotion))).toEqual({ events: [] });
  });

  it('lets only the agency the trainee belongs to change the profile', () => {
    expect(
      given(traineeDecider, [registered]).when(changeProfile({ ...promotion, actingAgencyId: 'BNG' })),
    ).toEqual({ violation: { rule: 'trainee-belongs-to-agency', field: 'traineeId', kind: 'forbidden' } });
  });

  it('cannot change a trainee that was never registered', () => {
    expect(given(traineeDecider).when(changeProfile(promotion))).toEqual({
      violation: { rule: 'trainee-must-exist', field: 'traineeId', kind: 'not-found' },
    });
  });

  it('refuses a change that takes effect before the latest change', () => {
    expect(
      given(traineeDecider, [registered, promoted]).when(
        changeProfile({ ...promotion, rank: 'deputy-director-general', effectiveFrom: '2027-02-28' }),
      ),
    ).toEqual({ violation: { rule: 'changes-in-date-order', field: 'effectiveFrom', kind: 'invalid' } });
  });

  it('accepts a second change taking effect on the same day as the latest', () => {
    const sectorChange = { ...promotion, sector: 'trade law' };
    expect(given(traineeDecider, [registered, promoted]).when(changeProfile(sectorChange))).toEqual({
      events: [{ ...promoted, data: { ...promoted.data, sector: 'trade law' } }],
    });
  });

  it('lets the new agency change the profile after a transfer', () => {
    const byMofa = { ...promotion, actingAgencyId: 'BNG', effectiveFrom: '2027-08-01' };
    expect(given(traineeDecider, [registered, transferredToMofa]).when(changeProfile(byMofa))).toEqual({
      events: [{ ...promoted, data: { ...promoted.data, agencyId: 'BNG', effectiveFrom: '2027-08-01' } }],
    });
  });

  it('no longer lets the former agency change the profile after a transfer', () => {
    const byMinistryOfJustice = { ...promotion, effectiveFrom: '2027-08-01' };
    expect(given(traineeDecider, [registered, transferredToMofa]).when(changeProfile(byMinistryOfJustice))).toEqual({
      violation: { rule: 'trainee-belongs-to-agency', field: 'traineeId', kind: 'forbidden' },
    });
  });
});

describe('Trainee (học viên): transfer to another agency (điều chuyển)', () => {
  it('moves the trainee from the agency they belong to', () => {
    expect(given(traineeDecider, [registered]).when(transfer(transferToMofa))).toEqual({ events: [transferredToMofa] });
  });

  it('treats the same transfer sent again by the former agency as already done', () => {
    expect(given(traineeDecider, [registered, transferredToMofa]).when(transfer(transferToMofa))).toEqual({
      events: [],
    });
  });

  it('refuses a transfer to the agency the trainee already belongs to', () => {
    expect(given(traineeDecider, [registered]).when(transfer({ ...transferToMofa, toAgencyId: 'BTP' }))).toEqual({
      violation: { rule: 'transfer-to-another-agency', field: 'toAgencyId', kind: 'invalid' },
    });
  });

  it('lets only the agency the trainee belongs to transfer them', () => {
    expect(
      given(traineeDecider, [registered]).when(transfer({ ...transferToMofa, actingAgencyId: 'HN', toAgencyId: 'HN' })),
    ).toEqual({ violation: { rule: 'trainee-belongs-to-agency', field: 'traineeId', kind: 'forbidden' } });
  });

  it('refuses a transfer that takes effect before the latest change', () => {
    expect(
      given(traineeDecider, [registered, promoted]).when(transfer({ ...transferToMofa, effectiveFrom: '2027-01-01' })),
    ).toEqual({ violation: { rule: 'changes-in-date-order', field: 'effectiveFrom', kind: 'invalid' } });
  });
});

describe('Trainee (học viên): correction of personal data', () => {
  it('records the corrected personal data, which the trainee then reads as current', () => {
    const history = [registered, recorded(sealedLan)];
    expect(given(traineeDecider, history).when(correct(sealedCorrection))).toEqual({
      events: [recorded(sealedCorrection)],
    });
    const state = fold(traineeDecider, [...history, recorded(sealedCorrection)]);
    expect(state.status === 'registered' && state.trainee.personalData).toEqual(sealedCorrection);
  });

  it('records nothing when the personal data is the same as on record', () => {
    expect(given(traineeDecider, [registered, recorded(sealedLan)]).when(correct(sealedLanAgain))).toEqual({ events: [] });
  });

  it('lets only the agency the trainee belongs to correct it', () => {
    expect(given(traineeDecider, [registered, recorded(sealedLan)]).when(correct(sealedCorrection, 'BNG'))).toEqual({
      violation: { rule: 'trainee-belongs-to-agency', field: 'traineeId', kind: 'forbidden' },
    });
  });

  it('cannot correct a trainee that was never registered', () => {
    expect(given(traineeDecider).when(correct(sealedCorrection))).toEqual({
      violation: { rule: 'trainee-must-exist', field: 'traineeId', kind: 'not-found' },
    });
  });

  it('records no personal data again after erasure', () => {
    expect(given(traineeDecider, [registered, recorded(sealedLan), erased]).when(correct(sealedCorrection))).toEqual({
      violation: { rule: 'no-changes-after-erasure', field: 'traineeId', kind: 'conflict' },
    });
  });
});

describe('Trainee (học viên): lawful erasure of personal data', () => {
  it('records that the personal data was erased, and why', () => {
    expect(given(traineeDecider, [registered]).when(forget(erased.data.reason))).toEqual({ events: [erased] });
  });

  it('treats a second erasure request as already done', () => {
    expect(given(traineeDecider, [registered, erased]).when(forget('Repeated request'))).toEqual({ events: [] });
  });

  it('requires the lawful reason to be stated', () => {
    expect(given(traineeDecider, [registered]).when(forget('  '))).toEqual({
      violation: { rule: 'erasure-states-reason', field: 'reason', kind: 'invalid' },
    });
  });

  it('cannot erase a trainee that was never registered', () => {
    expect(given(traineeDecider).when(forget(erased.data.reason))).toEqual({
      violation: { rule: 'trainee-must-exist', field: 'traineeId', kind: 'not-found' },
    });
  });

  it('closes the record: no change of profile after erasure', () => {
    expect(given(traineeDecider, [registered, erased]).when(changeProfile(promotion))).toEqual({
      violation: { rule: 'no-changes-after-erasure', field: 'traineeId', kind: 'conflict' },
    });
  });

  it('closes the record: no transfer after erasure', () => {
    expect(given(traineeDecider, [registered, erased]).when(transfer(transferToMofa))).toEqual({
      violation: { rule: 'no-changes-after-erasure', field: 'traineeId', kind: 'conflict' },
    });
  });

  it('leaves no personal data in the state, while the profile stays', () => {
    const state = fold(traineeDecider, [registered, recorded(sealedLan), erased]);
    expect(state).toMatchObject({
      status: 'registered',
      trainee: { personalData: null, personalDataErased: true, profile: { rank: 'specialist' } },
    });
  });

  it('still recognises a registration resent after erasure, whatever personal data it carries', () => {
    expect(
      given(traineeDecider, [registered, recorded(sealedLan), erased]).when(
        register({ ...specialistAtMinistryOfJustice, personalData: sealedCorrection }),
      ),
    ).toEqual({ events: [] });
  });

  it('still recognises the registration, so that records referring to the trainee stay valid', () => {
    expect(given(traineeDecider, [registered, erased]).when(register(specialistAtMinistryOfJustice))).toEqual({
      events: [],
    });
  });
});
