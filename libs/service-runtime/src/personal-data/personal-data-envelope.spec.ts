import { randomBytes } from 'node:crypto';
import {
  type DataKey,
  openPersonalData,
  personalDataFingerprint,
  PersonalDataUnreadableError,
  sealPersonalData,
} from './personal-data-envelope';

const lan = { fullName: 'Nguyễn Thị Lan', dateOfBirth: '1990-04-12', staffNumber: 'BTP-004512' };
const keyOfLan: DataKey = { keyId: 'a3c2f1e0-5b4d-4c3b-8a29-0f1e2d3c4b5a', secret: randomBytes(32) };

const flipFirstByte = (base64: string): string => {
  const bytes = Buffer.from(base64, 'base64');
  bytes[0] ^= 0x01;
  return bytes.toString('base64');
};

describe('Personal data envelope (AES-256-GCM under the subject’s own key)', () => {
  it('opens to the data sealed in it, diacritics included', () => {
    const envelope = sealPersonalData(keyOfLan, 'T-0001', lan);
    expect(openPersonalData(keyOfLan, 'T-0001', envelope)).toEqual(lan);
  });

  it('shows nothing of the data in what enters the log', () => {
    const envelope = sealPersonalData(keyOfLan, 'T-0001', lan);
    const stored = JSON.stringify(envelope);
    const ciphertext = Buffer.from(envelope.ciphertext, 'base64').toString('latin1');
    for (const value of Object.values(lan)) {
      expect(stored).not.toContain(value);
      expect(ciphertext).not.toContain(value);
      expect(ciphertext).not.toContain(Buffer.from(value, 'utf8').toString('latin1'));
    }
    expect(Object.keys(envelope).sort()).toEqual(['ciphertext', 'fingerprint', 'iv', 'keyId', 'tag']);
  });

  it('seals the same data differently each time, under the same fingerprint', () => {
    const first = sealPersonalData(keyOfLan, 'T-0001', lan);
    const second = sealPersonalData(keyOfLan, 'T-0001', { staffNumber: lan.staffNumber, dateOfBirth: lan.dateOfBirth, fullName: lan.fullName });
    expect(second.iv).not.toEqual(first.iv);
    expect(second.ciphertext).not.toEqual(first.ciphertext);
    expect(second.fingerprint).toEqual(first.fingerprint);
    expect(personalDataFingerprint(keyOfLan, 'T-0001', lan)).toEqual(first.fingerprint);
  });

  it('gives other data, another subject or another key another fingerprint', () => {
    const fingerprint = personalDataFingerprint(keyOfLan, 'T-0001', lan);
    expect(personalDataFingerprint(keyOfLan, 'T-0001', { ...lan, dateOfBirth: '1990-04-21' })).not.toEqual(fingerprint);
    expect(personalDataFingerprint(keyOfLan, 'T-0002', lan)).not.toEqual(fingerprint);
    expect(personalDataFingerprint({ ...keyOfLan, secret: randomBytes(32) }, 'T-0001', lan)).not.toEqual(fingerprint);
  });

  it('cannot be opened with any other key, even one under the same id', () => {
    const envelope = sealPersonalData(keyOfLan, 'T-0001', lan);
    expect(() => openPersonalData({ ...keyOfLan, secret: randomBytes(32) }, 'T-0001', envelope)).toThrow(
      PersonalDataUnreadableError,
    );
    expect(() => openPersonalData({ keyId: 'another-key', secret: keyOfLan.secret }, 'T-0001', envelope)).toThrow(
      PersonalDataUnreadableError,
    );
  });

  it('cannot be opened as another subject’s data', () => {
    const envelope = sealPersonalData(keyOfLan, 'T-0001', lan);
    expect(() => openPersonalData(keyOfLan, 'T-0002', envelope)).toThrow(PersonalDataUnreadableError);
  });

  it.each(['ciphertext', 'iv', 'tag'] as const)('refuses an envelope whose %s was altered', (field) => {
    const envelope = sealPersonalData(keyOfLan, 'T-0001', lan);
    expect(() => openPersonalData(keyOfLan, 'T-0001', { ...envelope, [field]: flipFirstByte(envelope[field]) })).toThrow(
      PersonalDataUnreadableError,
    );
  });

  it('refuses a truncated authentication tag', () => {
    const envelope = sealPersonalData(keyOfLan, 'T-0001', lan);
    const shortTag = Buffer.from(envelope.tag, 'base64').subarray(0, 4).toString('base64');
    expect(() => openPersonalData(keyOfLan, 'T-0001', { ...envelope, tag: shortTag })).toThrow(PersonalDataUnreadableError);
  });

  it('refuses a data key that is not 32 bytes', () => {
    expect(() => sealPersonalData({ keyId: 'short', secret: randomBytes(16) }, 'T-0001', lan)).toThrow(RangeError);
  });
});
