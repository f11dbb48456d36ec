import { z } from 'zod';
import { identifier, isoDateTime } from './common';

export const ActorSchema = z.object({
  id: identifier,
  roles: z.array(z.string()).readonly(),
  agencyId: z.string().nullable().optional(),
});

export const IntegrationMetadataSchema = z.object({
  correlationId: identifier,
  causationId: z.string().nullable(),
  actor: ActorSchema,
  occurredAt: isoDateTime,
  recordedAt: isoDateTime,
});

export const IntegrationSourceSchema = z.object({
  service: identifier,
  streamName: identifier,
  streamPosition: z.string().regex(/^\d+$/),
  globalPosition: z.string().min(1),
});

/** What every message on a `<service>.events.v1` topic holds; `data` is checked against its type's schema. */
export const IntegrationEnvelopeSchema = z.object({
  eventId: z.uuid(),
  type: z.string().regex(/^[A-Z][A-Za-z]+\.v\d+$/, 'must be a versioned type name like NominationApproved.v1'),
  data: z.unknown(),
  metadata: IntegrationMetadataSchema,
  source: IntegrationSourceSchema,
});
export type IntegrationEnvelope = z.infer<typeof IntegrationEnvelopeSchema>;
