import { gunzipSync, gzipSync } from 'node:zlib';
import { issuerReference, VC_CONTEXT_V2, type IssuerReference } from './issuer-profile';

/** The W3C Bitstring Status List minimum (16 KiB of bits), so that one holder's index reveals little. */
export const MINIMUM_STATUS_LIST_LENGTH = 131_072;

const MULTIBASE_BASE64URL_PREFIX = 'u';

/**
 * The `encodedList` of a revocation list: GZIP of the bitstring, as multibase base64url without padding.
 * Index 0 is the left-most bit, that is the most significant bit of the first byte.
 */
export function encodeStatusList(revokedIndexes: readonly number[], length = MINIMUM_STATUS_LIST_LENGTH): string {
  if (!Number.isInteger(length) || length < MINIMUM_STATUS_LIST_LENGTH || length % 8 !== 0) {
    throw new RangeError(`A status list holds a whole number of bytes and at least ${MINIMUM_STATUS_LIST_LENGTH} bits, not ${length}`);
  }
  const bits = new Uint8Array(length / 8);
  for (const index of revokedIndexes) {
    assertIndexWithin(index, length);
    bits[index >> 3] |= 0x80 >> (index & 7);
  }
  return MULTIBASE_BASE64URL_PREFIX + gzipSync(bits, { level: 9 }).toString('base64url');
}

export function decodeStatusList(encodedList: string): Uint8Array {
  if (!encodedList.startsWith(MULTIBASE_BASE64URL_PREFIX)) {
    throw new Error('A status list must be multibase base64url, starting with "u"');
  }
  const compressed = Buffer.from(encodedList.slice(MULTIBASE_BASE64URL_PREFIX.length), 'base64url');
  try {
    return new Uint8Array(gunzipSync(compressed));
  } catch (error) {
    throw new Error('A status list must be GZIP-compressed', { cause: error });
  }
}

export function isSet(bits: Uint8Array, index: number): boolean {
  assertIndexWithin(index, bits.length * 8);
  return (bits[index >> 3] & (0x80 >> (index & 7))) !== 0;
}

export interface StatusListCredentialInput {
  readonly baseUrl: string;
  readonly statusListUrl: string;
  readonly encodedList: string;
  /** When this version of the list was published. */
  readonly validFrom: Date;
}

export interface BitstringStatusListCredential {
  readonly '@context': readonly [typeof VC_CONTEXT_V2];
  readonly id: string;
  readonly type: readonly ['VerifiableCredential', 'BitstringStatusListCredential'];
  readonly issuer: IssuerReference;
  readonly validFrom: string;
  readonly credentialSubject: {
    readonly id: string;
    readonly type: 'BitstringStatusList';
    readonly statusPurpose: 'revocation';
    readonly encodedList: string;
  };
}

export function buildStatusListCredential(input: StatusListCredentialInput): BitstringStatusListCredential {
  return {
    '@context': [VC_CONTEXT_V2],
    id: input.statusListUrl,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: issuerReference(input.baseUrl),
    validFrom: input.validFrom.toISOString(),
    credentialSubject: {
      id: `${input.statusListUrl}#list`,
      type: 'BitstringStatusList',
      statusPurpose: 'revocation',
      encodedList: input.encodedList,
    },
  };
}

function assertIndexWithin(index: number, length: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= length) {
    throw new RangeError(`Status list index ${index} is outside 0…${length - 1}`);
  }
}
