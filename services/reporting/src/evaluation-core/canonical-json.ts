import { hash } from 'node:crypto';

export { canonicalJson, CanonicalJsonError, compareCodeUnits } from '@training-ledger/decider';

/** One-shot: an input digest hashes two or three short texts per archived event. */
export function sha256Hex(content: string | Uint8Array): string {
  return hash('sha256', content, 'hex');
}
