import { identifier, IntegrationMetadataSchema } from '@training-ledger/contracts';
import type { RecordedEvent } from '@training-ledger/event-store';
import { ZodError } from 'zod';
import {
  encodeIntegrationMessage,
  toIntegrationEvent,
  type EncodedIntegrationMessage,
  type IntegrationEventDraft,
  type IntegrationEventMapper,
} from '../envelope';

export interface PublicationProblem {
  /** Where in the event the contract is broken: `data.observedAt`, `metadata.actor.id`, `streamName`. */
  readonly field: string;
  readonly reason: string;
}

/** What the relay would make of one event of the log. */
export type Publication =
  | { readonly kind: 'private' }
  | { readonly kind: 'publishable'; readonly message: EncodedIntegrationMessage }
  | { readonly kind: 'unpublishable'; readonly problems: readonly PublicationProblem[] };

/**
 * The relay's view of an event: private (no contract names it), publishable (its message), or
 * unpublishable with the fields the contract refuses. The same check runs before an append, so
 * that what the log accepts the relay can always publish.
 */
export function publicationOf(service: string, mapper: IntegrationEventMapper, event: RecordedEvent): Publication {
  const checked = checkedDraft(mapper, event, envelopeProblems(event));
  if (checked.kind !== 'draft') return checked;
  try {
    return { kind: 'publishable', message: encodeIntegrationMessage(toIntegrationEvent(service, event, checked.draft)) };
  } catch (error) {
    return { kind: 'unpublishable', problems: problemsOf(error, 'data') };
  }
}

/**
 * What the contract refuses of an event, without building its message: the check before an append.
 * The envelope's problems are passed in, so that the events of one append, which share their
 * metadata, have it checked once.
 */
export function draftProblemsOf(mapper: IntegrationEventMapper, event: RecordedEvent, envelope: readonly PublicationProblem[]): readonly PublicationProblem[] {
  const checked = checkedDraft(mapper, event, envelope);
  return checked.kind === 'unpublishable' ? checked.problems : [];
}

function checkedDraft(
  mapper: IntegrationEventMapper,
  event: RecordedEvent,
  envelope: readonly PublicationProblem[],
): { readonly kind: 'draft'; readonly draft: IntegrationEventDraft } | Exclude<Publication, { kind: 'publishable' }> {
  try {
    const draft = mapper(event);
    if (draft === null) return { kind: 'private' };
    if (envelope.length === 0 && carriedByJson(draft.data)) return { kind: 'draft', draft };
    const problems = [...envelope, ...draftProblems(draft.data)];
    if (problems.length > 0) return { kind: 'unpublishable', problems };
    return { kind: 'draft', draft };
  } catch (error) {
    return { kind: 'unpublishable', problems: problemsOf(error, 'data') };
  }
}

/** What the envelope's contract refuses of an event's metadata and stream name. */
export function envelopeProblems(event: Pick<RecordedEvent, 'metadata' | 'streamName'>): PublicationProblem[] {
  const metadata = IntegrationMetadataSchema.safeParse(event.metadata);
  const streamName = identifier.safeParse(event.streamName);
  return [
    ...(metadata.success ? [] : problemsOf(metadata.error, 'metadata')),
    ...(streamName.success ? [] : problemsOf(streamName.error, 'streamName')),
  ];
}

/** Whether `draftProblems` finds nothing, without building its paths: the check every event passes. */
function carriedByJson(data: unknown): boolean {
  if (typeof data === 'number') return Number.isFinite(data);
  if (typeof data === 'bigint') return false;
  if (Array.isArray(data)) return data.every(carriedByJson);
  if (data !== null && typeof data === 'object') {
    for (const key in data) {
      if (Object.hasOwn(data, key) && !carriedByJson((data as Record<string, unknown>)[key])) return false;
    }
  }
  return true;
}

/** JSON cannot carry what `JSON.stringify` would silently drop or turn into null. */
function draftProblems(data: unknown, path = 'data'): PublicationProblem[] {
  if (typeof data === 'number' && !Number.isFinite(data)) return [{ field: path, reason: 'must be a finite number' }];
  if (typeof data === 'bigint') return [{ field: path, reason: 'must be a JSON number' }];
  if (Array.isArray(data)) return data.flatMap((item, index) => draftProblems(item, `${path}[${index}]`));
  if (data !== null && typeof data === 'object') {
    return Object.entries(data).flatMap(([key, value]) => draftProblems(value, `${path}.${key}`));
  }
  return [];
}

function problemsOf(error: unknown, prefix: string): PublicationProblem[] {
  if (error instanceof ZodError) {
    return error.issues.map((issue) => ({
      field: [prefix, ...issue.path.map(String)].join('.'),
      reason: issue.message,
    }));
  }
  return [{ field: prefix, reason: error instanceof Error ? error.message : String(error) }];
}
