import { createHash } from 'node:crypto';

export { canonicalJson, CanonicalJsonError, compareCodeUnits } from '@training-ledger/decider';

export function sha256Hex(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}
