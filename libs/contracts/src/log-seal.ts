import { z } from 'zod';

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
const position = z.string().regex(/^[0-9a-f]{16}:[0-9a-f]{16}$/);

/**
 * A service's seal of its own log, published beside its events so that reporting's archive holds a
 * copy the service's database cannot rewrite: the hash chained over every event up to a position,
 * and a short digest of each event it added (which names the first event that differs).
 */
export const LogSealedSchema = z.object({
  service: z.string().min(1).max(128),
  sequence: z.number().int().min(1),
  fromPosition: position.nullable(),
  throughPosition: position,
  eventCount: z.number().int().min(1),
  previousChainHash: sha256Hex,
  chainHash: sha256Hex,
  eventDigests: z.array(z.string().regex(/^[0-9a-f]{16}$/)).min(1),
});

/** Every service's topic carries its seals. */
export const logSealSchemas = { 'LogSealed.v1': LogSealedSchema } as const;
