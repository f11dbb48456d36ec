import { gunzipSync } from 'node:zlib';
import {
  buildStatusListCredential,
  decodeStatusList,
  encodeStatusList,
  isSet,
  MINIMUM_STATUS_LIST_LENGTH,
} from './bitstring-status-list';

describe('bitstring status list', () => {
  it('round-trips the revoked indexes and leaves every other bit clear', () => {
    const revoked = [0, 1, 7, 8, 4095, 65_536, MINIMUM_STATUS_LIST_LENGTH - 1];
    const bits = decodeStatusList(encodeStatusList(revoked));

    expect(bits).toHaveLength(MINIMUM_STATUS_LIST_LENGTH / 8);
    const setIndexes = [];
    for (let index = 0; index < MINIMUM_STATUS_LIST_LENGTH; index += 1) if (isSet(bits, index)) setIndexes.push(index);
    expect(setIndexes).toEqual(revoked);
  });

  it('puts index 0 in the most significant bit of the first byte', () => {
    const raw = gunzipSync(Buffer.from(encodeStatusList([0]).slice(1), 'base64url'));

    expect(raw[0]).toBe(0x80);
    expect(raw.subarray(1).every((byte) => byte === 0)).toBe(true);
  });

  it('numbers bits left to right across bytes', () => {
    const raw = decodeStatusList(encodeStatusList([7, 8, 10]));

    expect([raw[0], raw[1]]).toEqual([0b0000_0001, 0b1010_0000]);
  });

  it('writes multibase base64url (prefix "u", no padding) of a GZIP stream', () => {
    const encoded = encodeStatusList([3]);

    expect(encoded.startsWith('u')).toBe(true);
    expect(encoded.slice(1)).toMatch(/^[A-Za-z0-9_-]+$/);
    expect([...Buffer.from(encoded.slice(1), 'base64url').subarray(0, 2)]).toEqual([0x1f, 0x8b]);
  });

  it('reads the empty 16 KiB list of the W3C example', () => {
    const bits = decodeStatusList('uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA');

    expect(bits).toHaveLength(16_384);
    expect(isSet(bits, 0)).toBe(false);
    expect(bits.every((byte) => byte === 0)).toBe(true);
  });

  it('is the same string for the same revocations, whatever their order', () => {
    expect(encodeStatusList([5, 2, 9])).toBe(encodeStatusList([9, 5, 2, 2]));
  });

  it('refuses indexes outside the list and lists shorter than the specification allows', () => {
    expect(() => encodeStatusList([MINIMUM_STATUS_LIST_LENGTH])).toThrow(RangeError);
    expect(() => encodeStatusList([-1])).toThrow(RangeError);
    expect(() => encodeStatusList([1.5])).toThrow(RangeError);
    expect(() => encodeStatusList([], 1024)).toThrow(RangeError);
    expect(() => encodeStatusList([], MINIMUM_STATUS_LIST_LENGTH + 4)).toThrow(RangeError);
    expect(() => isSet(new Uint8Array(2), 16)).toThrow(RangeError);
  });

  it('refuses encodings that are not multibase base64url GZIP', () => {
    expect(() => decodeStatusList('zabc')).toThrow(/multibase/);
    expect(() => decodeStatusList(`u${Buffer.from('not gzip').toString('base64url')}`)).toThrow(/GZIP/);
  });

  it('describes the list as a BitstringStatusListCredential', () => {
    const statusListUrl = 'https://certificates.example.vn/status-lists/2027';
    const encodedList = encodeStatusList([12]);

    const credential = buildStatusListCredential({
      baseUrl: 'https://certificates.example.vn/',
      statusListUrl,
      encodedList,
      validFrom: new Date('2027-03-15T02:00:00Z'),
    });

    expect(credential).toEqual({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: statusListUrl,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: { id: 'https://certificates.example.vn/issuer', type: ['Profile'], name: 'Bộ Ngoại giao — Ministry of Foreign Affairs of Viet Nam' },
      validFrom: '2027-03-15T02:00:00.000Z',
      credentialSubject: { id: `${statusListUrl}#list`, type: 'BitstringStatusList', statusPurpose: 'revocation', encodedList },
    });
  });
});
